using System;
using System.Linq;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.Schema;
using LeadRecycle.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Pipeline
{
    /// <summary>Active recycling acted out through IOrganizationService with the shipped step registrations.</summary>
    public sealed class ActiveRecyclingTests
    {
        private const string RepReasons = "Decision maker changed, Funding delayed or cancelled, Priorities changed, Timing extended or uncertain, Unable to reach, Lost to competitor, No budget, Not a potential buyer, Duplicate or bad data";

        [Fact]
        public void Should_create_a_nurturing_recycled_lead_when_an_opportunity_is_lost_with_its_checklist()
        {
            var org = new LeadRecycleOrganization();
            var account = org.Account();
            var contact = org.Contact();
            var opportunity = org.OpenOpportunity(account: account, contact: contact, value: 42000m);
            org.Clock.Advance(TimeSpan.FromDays(10.4));

            org.Lose(opportunity, DisqualificationReason.FundingDelayedOrCancelled);

            Assert.Equal(Opportunity.State.Lost, org.StateOf(Opportunity.EntityName, opportunity));
            var recycled = org.SingleRecycledLead();
            Assert.Equal("Fleet renewal", recycled[RecycledLead.Topic]);
            Assert.Equal(opportunity, recycled.GetAttributeValue<EntityReference>(RecycledLead.Opportunity).Id);
            Assert.Equal(account, recycled.GetAttributeValue<EntityReference>(RecycledLead.Account).Id);
            Assert.Equal(contact, recycled.GetAttributeValue<EntityReference>(RecycledLead.Contact).Id);
            Assert.Equal(org.Rep, recycled.GetAttributeValue<EntityReference>(RecycledLead.OriginalOwner).Id);
            Assert.Equal(org.Rep, recycled.GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id);
            Assert.Equal((int)DisqualificationReason.FundingDelayedOrCancelled, recycled.GetAttributeValue<OptionSetValue>(RecycledLead.Reason).Value);
            Assert.Equal((int)NurtureStream.BudgetCycle, recycled.GetAttributeValue<OptionSetValue>(RecycledLead.NurtureStream).Value);
            Assert.Equal((int)RecycleType.Active, recycled.GetAttributeValue<OptionSetValue>(RecycledLead.RecycleType).Value);
            Assert.Equal(RecycledLead.Status.Nurturing, recycled.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value);
            Assert.Equal("Procurement freeze.", recycled[RecycledLead.Impediments]);
            Assert.Equal((int)LeadDevelopmentStage.MarketingQualified, recycled.GetAttributeValue<OptionSetValue>(RecycledLead.TargetStage).Value);
            Assert.Equal("Develop", recycled[RecycledLead.StageAtRecycle]);
            Assert.Equal(10, recycled[RecycledLead.DaysInStage]);
            Assert.Equal(42000m, recycled.GetAttributeValue<Money>(RecycledLead.EstimatedValue).Value);
            Assert.Equal(1, recycled[RecycledLead.RecycleCount]);
        }

        [Theory]
        [InlineData(DisqualificationReason.DecisionMakerChanged, NurtureStream.NewStakeholder)]
        [InlineData(DisqualificationReason.PrioritiesChanged, NurtureStream.BusinessPriorities)]
        [InlineData(DisqualificationReason.TimingExtendedOrUncertain, NurtureStream.LongTermTiming)]
        [InlineData(DisqualificationReason.UnableToReach, NurtureStream.ReEngagement)]
        [InlineData(DisqualificationReason.LostToCompetitor, NurtureStream.CompetitiveDisplacement)]
        [InlineData(DisqualificationReason.NoBudget, NurtureStream.ValueAndRoi)]
        public void Should_nurture_each_recyclable_reason_in_its_stream(DisqualificationReason reason, NurtureStream stream)
        {
            var org = new LeadRecycleOrganization();
            var opportunity = org.OpenOpportunity();

            org.Lose(opportunity, reason);

            var recycled = org.SingleRecycledLead();
            Assert.Equal((int)stream, recycled.GetAttributeValue<OptionSetValue>(RecycledLead.NurtureStream).Value);
            Assert.Equal(RecycledLead.Status.Nurturing, recycled.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value);
        }

        [Theory]
        [InlineData(DisqualificationReason.NotAPotentialBuyer)]
        [InlineData(DisqualificationReason.DuplicateOrBadData)]
        public void Should_remove_from_the_waterfall_when_the_reason_says_so(DisqualificationReason reason)
        {
            var org = new LeadRecycleOrganization();
            var opportunity = org.OpenOpportunity();

            org.Lose(opportunity, reason, complete: false);

            var recycled = org.SingleRecycledLead();
            Assert.Equal(RecycledLead.State.Inactive, recycled.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode).Value);
            Assert.Equal(RecycledLead.Status.RemovedFromWaterfall, recycled.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value);
            Assert.False(recycled.Contains(RecycledLead.NurtureStream));
        }

        [Fact]
        public void Should_refuse_the_loss_and_keep_the_deal_open_when_no_reason_is_given()
        {
            var org = new LeadRecycleOrganization();
            var opportunity = org.OpenOpportunity();

            var exception = Assert.ThrowsAny<Exception>(() => org.Lose(opportunity, reason: null));

            Assert.Equal($"Choose a Return-to-Nurture reason before closing this opportunity as lost. The reasons are: {RepReasons}.", exception.Message);
            Assert.Equal(Opportunity.State.Open, org.StateOf(Opportunity.EntityName, opportunity));
            Assert.Empty(org.RecycledLeads());
            Assert.Equal(0, org.Org.Count(OpportunityClose.EntityName));
        }

        [Fact]
        public void Should_refuse_the_loss_when_a_field_the_reason_requires_is_missing()
        {
            var org = new LeadRecycleOrganization();
            var opportunity = org.OpenOpportunity();

            var exception = Assert.ThrowsAny<Exception>(() => org.Lose(opportunity, DisqualificationReason.NoBudget, complete: false));

            Assert.Equal("The reason 'No budget' needs: Background for nurturing, Type of effort needed, Lead-development stage to re-enter. Fill them in, then close the opportunity again.", exception.Message);
            Assert.Equal(Opportunity.State.Open, org.StateOf(Opportunity.EntityName, opportunity));
        }

        [Fact]
        public void Should_refuse_the_system_reason_when_a_rep_picks_it()
        {
            var org = new LeadRecycleOrganization();
            var opportunity = org.OpenOpportunity();

            var exception = Assert.ThrowsAny<Exception>(() => org.Lose(opportunity, DisqualificationReason.StalledInStage));

            Assert.StartsWith("'Stalled in stage' is set only by LeadRecycle's stall scan.", exception.Message);
            Assert.Empty(org.RecycledLeads());
        }

        [Fact]
        public void Should_refuse_a_direct_opportunity_close_without_a_reason()
        {
            var org = new LeadRecycleOrganization();
            var opportunity = org.OpenOpportunity();
            var close = LeadRecycleOrganization.LossClose(opportunity, reason: null);
            close[OpportunityClose.OpportunityStatusCode] = new OptionSetValue(Opportunity.Status.OutSold);

            var exception = Assert.ThrowsAny<Exception>(() => org.Service.Create(close));

            Assert.StartsWith("Choose a Return-to-Nurture reason before closing this opportunity as lost.", exception.Message);
            Assert.Equal(0, org.Org.Count(OpportunityClose.EntityName));
        }

        [Fact]
        public void Should_give_the_lead_to_marketing_and_share_it_with_the_rep_when_a_marketing_owner_is_set()
        {
            var setup = new LeadRecycleOrganization();
            var team = setup.Service.Create(new Entity("team") { ["name"] = "Marketing" });
            var org = new LeadRecycleOrganization($"{{ \"marketingOwner\": {{ \"team\": \"{team}\" }} }}");
            org.Org.Seed(new Entity("team", team) { ["name"] = "Marketing" });
            var opportunity = org.OpenOpportunity();

            org.Lose(opportunity);

            var recycled = org.SingleRecycledLead();
            Assert.Equal(new EntityReference("team", team).Id, recycled.GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id);
            Assert.Equal(AccessRights.ReadAccess, org.Org.SharedAccess(recycled.ToEntityReference(), new EntityReference(SystemUser.EntityName, org.Rep)));
        }

        [Fact]
        public void Should_roll_the_whole_close_back_when_the_recycled_lead_cannot_be_created()
        {
            // The admin's marketing team was deleted: creating the recycled lead fails, and nothing is lost.
            var org = new LeadRecycleOrganization($"{{ \"marketingOwner\": {{ \"team\": \"{Guid.NewGuid()}\" }} }}");
            var opportunity = org.OpenOpportunity();

            Assert.ThrowsAny<Exception>(() => org.Lose(opportunity));

            Assert.Equal(Opportunity.State.Open, org.StateOf(Opportunity.EntityName, opportunity));
            Assert.Equal(0, org.Org.Count(OpportunityClose.EntityName));
            Assert.Empty(org.RecycledLeads());
            Assert.Equal(0, org.Org.Count(StageDuration.EntityName));
        }

        [Fact]
        public void Should_create_no_second_record_when_the_close_is_retried()
        {
            var org = new LeadRecycleOrganization();
            var opportunity = org.OpenOpportunity();
            org.Lose(opportunity);

            Assert.ThrowsAny<Exception>(() => org.Lose(opportunity));

            Assert.Single(org.RecycledLeads());
        }

        [Fact]
        public void Should_refuse_a_second_recycled_lead_for_the_same_source()
        {
            var org = new LeadRecycleOrganization();
            var opportunity = org.OpenOpportunity();
            org.Lose(opportunity);
            var first = org.SingleRecycledLead();

            var duplicate = new Entity(RecycledLead.EntityName)
            {
                [RecycledLead.Topic] = "again",
                [RecycledLead.SourceKey] = first[RecycledLead.SourceKey],
                [RecycledLead.Reason] = new OptionSetValue((int)DisqualificationReason.NoBudget),
            };

            Assert.ThrowsAny<Exception>(() => org.Service.Create(duplicate));
            Assert.Single(org.RecycledLeads());
        }

        [Fact]
        public void Should_recycle_again_as_the_next_recycle_when_a_reopened_deal_is_lost_again()
        {
            var org = new LeadRecycleOrganization();
            var opportunity = org.OpenOpportunity();
            org.Lose(opportunity);

            org.Service.Execute(new SetStateRequest
            {
                EntityMoniker = new EntityReference(Opportunity.EntityName, opportunity),
                State = new OptionSetValue(Opportunity.State.Open),
                Status = new OptionSetValue(Opportunity.Status.InProgress),
            });
            org.Lose(opportunity, DisqualificationReason.NoBudget);

            var leads = org.RecycledLeads().OrderBy(r => r.GetAttributeValue<int>(RecycledLead.RecycleCount)).ToArray();
            Assert.Equal(2, leads.Length);
            Assert.Equal(RecycledLead.Status.Cancelled, leads[0].GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value);
            Assert.Equal(2, leads[1][RecycledLead.RecycleCount]);
            Assert.Equal(RecycledLead.Status.Nurturing, leads[1].GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value);
        }

        [Fact]
        public void Should_not_block_a_win_nor_create_anything()
        {
            var org = new LeadRecycleOrganization();
            var opportunity = org.OpenOpportunity();

            org.Service.Execute(new WinOpportunityRequest
            {
                OpportunityClose = new Entity(OpportunityClose.EntityName) { [OpportunityClose.Opportunity] = new EntityReference(Opportunity.EntityName, opportunity) },
                Status = new OptionSetValue(Opportunity.Status.Won),
            });

            Assert.Equal(Opportunity.State.Won, org.StateOf(Opportunity.EntityName, opportunity));
            Assert.Empty(org.RecycledLeads());
        }

        [Fact]
        public void Should_close_an_open_deal_through_lose_when_return_to_nurture_is_called()
        {
            var org = new LeadRecycleOrganization();
            var opportunity = org.OpenOpportunity();
            var request = new OrganizationRequest(LeadRecycle.CustomApis.ReturnToNurtureApi.UniqueName)
            {
                ["Target"] = new EntityReference(Opportunity.EntityName, opportunity),
                ["Reason"] = new OptionSetValue((int)DisqualificationReason.PrioritiesChanged),
                ["Background"] = "New CIO reset the roadmap.",
                ["EffortType"] = new OptionSetValue((int)EffortType.ExecutiveOutreach),
                ["TargetStage"] = new OptionSetValue((int)LeadDevelopmentStage.TeleprospectingQualified),
            };

            var response = org.As(org.Rep).Execute(request);

            Assert.Equal(Opportunity.State.Lost, org.StateOf(Opportunity.EntityName, opportunity));
            var recycled = org.SingleRecycledLead();
            Assert.Equal(recycled.Id, ((EntityReference)response["RecycledLead"]).Id);
            Assert.Equal("New CIO reset the roadmap.", recycled[RecycledLead.Background]);
            Assert.Equal((int)NurtureStream.BusinessPriorities, recycled.GetAttributeValue<OptionSetValue>(RecycledLead.NurtureStream).Value);
        }

        [Fact]
        public void Should_apply_the_same_rules_when_return_to_nurture_lacks_the_checklist()
        {
            var org = new LeadRecycleOrganization();
            var opportunity = org.OpenOpportunity();
            var request = new OrganizationRequest(LeadRecycle.CustomApis.ReturnToNurtureApi.UniqueName)
            {
                ["Target"] = new EntityReference(Opportunity.EntityName, opportunity),
                ["Reason"] = new OptionSetValue((int)DisqualificationReason.PrioritiesChanged),
            };

            var exception = Assert.ThrowsAny<Exception>(() => org.As(org.Rep).Execute(request));

            Assert.Equal("The reason 'Priorities changed' needs: Background for nurturing, Type of effort needed, Lead-development stage to re-enter. Fill them in, then close the opportunity again.", exception.Message);
            Assert.Equal(Opportunity.State.Open, org.StateOf(Opportunity.EntityName, opportunity));
        }

        [Fact]
        public void Should_cost_four_calls_per_lose_by_the_owner_and_one_more_read_when_someone_else_closes_it()
        {
            var org = new LeadRecycleOrganization();
            org.Lose(org.OpenOpportunity(), as_: org.As(org.Rep));
            var opportunity = org.OpenOpportunity();

            org.Lose(opportunity, as_: org.As(org.Rep));

            // Read the deal, read its earlier recycled leads (the recycle number), create the recycled lead and the stay.
            var calls = org.Org.Calls.ForLastOperation();
            Assert.Equal(4, calls.Total);
            Assert.Equal(1, calls["Retrieve"]);
            Assert.Equal(1, calls["RetrieveMultiple"]);
            Assert.Equal(2, calls["Create"]);

            // A manager closing the rep's deal: the owner rule reads the rep (enabled?) before giving them the recycled lead.
            org.Lose(org.OpenOpportunity());
            Assert.Equal(5, org.Org.Calls.ForLastOperation().Total);

            var team = Guid.NewGuid();
            var shared = new LeadRecycleOrganization($"{{ \"marketingOwner\": {{ \"team\": \"{team}\" }} }}");
            shared.Org.Seed(new Entity("team", team) { ["name"] = "Marketing" });
            shared.Lose(shared.OpenOpportunity(), as_: shared.As(shared.Rep));
            shared.Lose(shared.OpenOpportunity(), as_: shared.As(shared.Rep));
            var sharedCalls = shared.Org.Calls.ForLastOperation();
            Assert.Equal(5, sharedCalls.Total);
            Assert.Equal(1, sharedCalls["GrantAccess"]);
        }
    }
}
