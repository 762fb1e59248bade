using System;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Testing;
using LeadRecycle.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace LeadRecycle.Tests.Security
{
    /// <summary>
    /// What each persona must be able to do, through the pipeline with LeadRecycle's plug-ins firing, holding only the
    /// roles the solution ships plus the platform roles it is added to (<see cref="PersonaOrganization"/>). A role
    /// that lacks a privilege a persona needs fails here with the platform's refusal.
    /// </summary>
    public sealed class PersonaTests
    {
        private static Guid OwnDeal(PersonaOrganization org, Guid rep, string name = "Fleet renewal")
        {
            var service = org.As(rep);
            var account = service.Create(new Entity("account") { ["name"] = "Contoso " + name });
            var contact = service.Create(new Entity("contact") { ["lastname"] = "Diaz" });
            return service.Create(new Entity(Opportunity.EntityName)
            {
                [Opportunity.Name] = name,
                [Opportunity.SalesStage] = new OptionSetValue(1),
                [Opportunity.EstimatedValue] = new Money(25000m),
                [Opportunity.ParentAccount] = new EntityReference("account", account),
                [Opportunity.ParentContact] = new EntityReference("contact", contact),
            });
        }

        private static Guid LostDeal(PersonaOrganization org, Guid rep, string name = "Fleet renewal")
        {
            var opportunity = OwnDeal(org, rep, name);
            org.Setup.Lose(opportunity, as_: org.As(rep));
            return org.Org.All(RecycledLead.EntityName)
                .Single(r => r.GetAttributeValue<EntityReference>(RecycledLead.Opportunity)?.Id == opportunity).Id;
        }

        private static Entity Engagement(Guid recycledLead, EngagementType type) => new Entity(Schema.Engagement.EntityName)
        {
            [Schema.Engagement.Name] = type.ToString(),
            [Schema.Engagement.RecycledLead] = new EntityReference(RecycledLead.EntityName, recycledLead),
            [Schema.Engagement.Type] = new OptionSetValue((int)type),
            [Schema.Engagement.Source] = "Journey: budget cycle",
        };

        private static QueryExpression AllRecycledLeads() => new QueryExpression(RecycledLead.EntityName) { ColumnSet = new ColumnSet(RecycledLead.Topic) };

        [Fact]
        public void Should_create_the_recycled_lead_when_the_rep_loses_his_own_deal_with_a_reason_and_checklist()
        {
            // Arrange
            var org = new PersonaOrganization();
            var opportunity = OwnDeal(org, org.Rep);

            // Act
            org.Setup.Lose(opportunity, DisqualificationReason.FundingDelayedOrCancelled, as_: org.As(org.Rep));

            // Assert
            Assert.Equal(Opportunity.State.Lost, org.Setup.StateOf(Opportunity.EntityName, opportunity));
            var recycled = org.Setup.SingleRecycledLead();
            Assert.Equal(opportunity, recycled.GetAttributeValue<EntityReference>(RecycledLead.Opportunity).Id);
            Assert.Equal(org.MarketingTeam, recycled.GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id);
            Assert.Equal(org.Rep, recycled.GetAttributeValue<EntityReference>(RecycledLead.OriginalOwner).Id);
        }

        [Fact]
        public void Should_recycle_the_lead_when_the_rep_disqualifies_his_own_lead()
        {
            // Arrange
            var org = new PersonaOrganization();
            var service = org.As(org.Rep);
            var lead = service.Create(new Entity(Lead.EntityName) { [Lead.Subject] = "Telematics for 40 vans", ["lastname"] = "Nguyen" });

            // Act
            service.Update(new Entity(Lead.EntityName, lead)
            {
                [CommonColumns.StateCode] = new OptionSetValue(Lead.State.Disqualified),
                [CommonColumns.StatusCode] = new OptionSetValue(Lead.Status.NoLongerInterested),
                [ChecklistColumns.Reason] = new OptionSetValue((int)DisqualificationReason.NoBudget),
                [ChecklistColumns.Background] = "No budget until the next fiscal year.",
                [ChecklistColumns.EffortType] = new OptionSetValue((int)EffortType.MarketingNurture),
                [ChecklistColumns.TargetStage] = new OptionSetValue((int)LeadDevelopmentStage.Inquiry),
            });

            // Assert
            Assert.Equal(Lead.State.Disqualified, org.Setup.StateOf(Lead.EntityName, lead));
            Assert.Equal(lead, org.Setup.SingleRecycledLead().GetAttributeValue<EntityReference>(RecycledLead.OriginatingLead).Id);
        }

        [Fact]
        public void Should_let_the_rep_read_the_recycled_lead_of_his_lost_deal_and_only_his()
        {
            // Arrange
            var org = new PersonaOrganization();
            var his = LostDeal(org, org.Rep, "Fleet renewal");
            LostDeal(org, org.SecondRep, "Depot expansion");
            var service = org.As(org.Rep);

            // Act
            var read = service.Retrieve(RecycledLead.EntityName, his, new ColumnSet(RecycledLead.Topic, RecycledLead.Background));
            var listed = service.RetrieveMultiple(AllRecycledLeads()).Entities;

            // Assert
            Assert.Equal("Fleet renewal", read[RecycledLead.Topic]);
            Assert.Equal(new[] { his }, listed.Select(e => e.Id));
        }

        [Fact]
        public void Should_let_the_rep_return_an_open_deal_to_nurture_through_the_custom_api()
        {
            // Arrange
            var org = new PersonaOrganization();
            var opportunity = OwnDeal(org, org.Rep);
            var request = new OrganizationRequest(LeadRecycle.CustomApis.ReturnToNurtureApi.UniqueName)
            {
                ["Target"] = new EntityReference(Opportunity.EntityName, opportunity),
                ["Reason"] = new OptionSetValue((int)DisqualificationReason.PrioritiesChanged),
                ["Background"] = "New CIO reset the roadmap.",
                ["EffortType"] = new OptionSetValue((int)EffortType.ExecutiveOutreach),
                ["TargetStage"] = new OptionSetValue((int)LeadDevelopmentStage.TeleprospectingQualified),
            };

            // Act
            var response = org.As(org.Rep).Execute(request);

            // Assert
            Assert.Equal(Opportunity.State.Lost, org.Setup.StateOf(Opportunity.EntityName, opportunity));
            Assert.Equal(org.Setup.SingleRecycledLead().Id, ((EntityReference)response["RecycledLead"]).Id);
        }

        [Fact]
        public void Should_let_the_marketer_read_every_recycled_lead_and_log_an_engagement()
        {
            // Arrange
            var org = new PersonaOrganization();
            var first = LostDeal(org, org.Rep, "Fleet renewal");
            var second = LostDeal(org, org.SecondRep, "Depot expansion");
            var service = org.As(org.Marketer);

            // Act
            var listed = service.RetrieveMultiple(AllRecycledLeads()).Entities.Select(e => e.Id).ToArray();
            var engagement = service.Create(Engagement(first, EngagementType.EmailReply));

            // Assert
            Assert.Equal(new[] { first, second }.OrderBy(id => id), listed.OrderBy(id => id));
            Assert.Equal(first, org.Setup.Get(Schema.Engagement.EntityName, engagement).GetAttributeValue<EntityReference>(Schema.Engagement.RecycledLead).Id);
            Assert.Equal(20m, org.Setup.Get(RecycledLead.EntityName, first)[RecycledLead.EngagementScore]);
        }

        [Fact]
        public void Should_let_the_marketer_set_an_external_id_and_be_refused_a_replay_of_it()
        {
            // Arrange
            var org = new PersonaOrganization();
            var recycled = LostDeal(org, org.Rep);
            var marketer = org.As(org.Marketer);
            var interaction = Engagement(recycled, EngagementType.FormSubmission);
            interaction[Schema.Engagement.ExternalId] = "journey-run-42";

            // Act
            var engagement = marketer.Create(interaction);
            var replay = Assert.Throws<LeadRecycle.InMemoryDataverse.DataverseFaultException>(() => marketer.Create(interaction));

            // Assert
            Assert.Equal("journey-run-42", org.Setup.Get(Schema.Engagement.EntityName, engagement)[Schema.Engagement.ExternalId]);
            Assert.Equal(LeadRecycle.InMemoryDataverse.DataverseErrorCodes.DuplicateRecordEntityKey, replay.ErrorCode);
            Assert.Equal(10m, org.Setup.Get(RecycledLead.EntityName, recycled)[RecycledLead.EngagementScore]);
        }

        [Fact]
        public void Should_return_the_lead_to_the_rep_who_can_then_read_and_work_it_when_the_marketer_logs_enough_engagement()
        {
            // Arrange
            var org = new PersonaOrganization();
            var recycled = LostDeal(org, org.Rep);
            var marketer = org.As(org.Marketer);
            marketer.Create(Engagement(recycled, EngagementType.MeetingBooked));

            // Act
            marketer.Create(Engagement(recycled, EngagementType.EmailReply));

            // Assert
            var returned = org.Org.All(Lead.EntityName).Single(l => l.Contains(Lead.RecycledLead));
            Assert.Equal(org.Rep, returned.GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id);
            var rep = org.As(org.Rep);
            Assert.Equal(returned.Id, rep.Retrieve(Lead.EntityName, returned.Id, new ColumnSet(Lead.Subject)).Id);
            rep.Update(new Entity(Lead.EntityName, returned.Id) { [Lead.Subject] = "Called back: demo booked" });
            Assert.Equal("Called back: demo booked", org.Setup.Get(Lead.EntityName, returned.Id)[Lead.Subject]);
        }

        [Fact]
        public void Should_let_the_manager_watch_his_reps_deals_and_the_stage_statistics()
        {
            // Arrange
            var org = new PersonaOrganization();
            OwnDeal(org, org.Rep, "Fleet renewal");
            OwnDeal(org, org.SecondRep, "Depot expansion");
            org.Org.Seed(new Entity(StageStatistic.EntityName) { [StageStatistic.StageKey] = "salesstage:1", [StageStatistic.Name] = "Develop", [StageStatistic.Count] = 12 });
            var service = org.As(org.Manager);

            // Act
            var deals = service.RetrieveMultiple(new QueryExpression(Opportunity.EntityName) { ColumnSet = new ColumnSet(Opportunity.Name) }).Entities;
            var statistics = service.RetrieveMultiple(new QueryExpression(StageStatistic.EntityName) { ColumnSet = new ColumnSet(StageStatistic.Count) }).Entities;

            // Assert
            Assert.Equal(new[] { "Depot expansion", "Fleet renewal" }, deals.Select(d => d.GetAttributeValue<string>(Opportunity.Name)).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(12, Assert.Single(statistics)[StageStatistic.Count]);
        }

        [Fact]
        public void Should_let_the_admin_run_the_stall_scan()
        {
            // Arrange
            var org = new PersonaOrganization();
            OwnDeal(org, org.Rep);

            // Act
            var calls = LeadRecycleInstallation.ScanToEnd(org.Org, org.As(org.Admin));

            // Assert
            Assert.True(calls >= 1);
        }

        [Fact]
        public void Should_let_the_flow_identity_run_the_stall_scan_to_the_end_and_recycle_a_lapsed_deal()
        {
            // Arrange: a deal stalls, the owner's service level lapses, the nightly flow's scan returns it to nurture.
            var org = new PersonaOrganization();
            var opportunity = OwnDeal(org, org.Rep);
            var flow = org.As(org.Flow);
            org.Setup.Clock.Advance(TimeSpan.FromDays(31));
            LeadRecycleInstallation.ScanToEnd(org.Org, flow);
            org.Setup.Clock.Advance(TimeSpan.FromDays(15));

            // Act
            LeadRecycleInstallation.ScanToEnd(org.Org, flow);

            // Assert
            Assert.Equal(Opportunity.State.Lost, org.Setup.StateOf(Opportunity.EntityName, opportunity));
            Assert.Equal(opportunity, org.Setup.SingleRecycledLead().GetAttributeValue<EntityReference>(RecycledLead.Opportunity).Id);
        }

        [Fact]
        public void Should_let_a_leadrecycle_administrator_set_the_policy_value()
        {
            // Arrange: someone holding LeadRecycle Administrator alone, which README says covers the policy variable.
            var org = new PersonaOrganization();
            var service = org.As(org.Org.CreateUser("Lee LeadRecycle Admin", roles: new[] { PersonaOrganization.AdministratorRole }));
            var definition = service.RetrieveMultiple(new QueryExpression(EnvironmentVariableDefinition.EntityName)
            {
                ColumnSet = new ColumnSet(EnvironmentVariableDefinition.SchemaName),
            }).Entities.Single();

            // Act
            var value = service.Create(new Entity("environmentvariablevalue")
            {
                ["schemaname"] = PolicyVariable.SchemaName,
                ["value"] = "{ \"stall\": { \"multiplier\": 4 } }",
                ["environmentvariabledefinitionid"] = definition.ToEntityReference(),
            });

            // Assert
            Assert.Equal(definition.Id, org.Setup.Get("environmentvariablevalue", value).GetAttributeValue<EntityReference>("environmentvariabledefinitionid").Id);
        }
    }
}
