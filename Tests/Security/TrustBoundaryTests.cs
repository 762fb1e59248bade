using System;
using System.Linq;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using LeadRecycle.Testing;
using LeadRecycle.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace LeadRecycle.Tests.Security
{
    /// <summary>
    /// Issue 17's findings, one test each, acted out by the persona who found the hole, with the shipped roles and
    /// security enforced as Dataverse enforces it: LeadRecycle writes as SYSTEM, so nothing a person controls may
    /// steer a SYSTEM write beyond what that person could do.
    /// </summary>
    public sealed class TrustBoundaryTests
    {
        private static readonly string ScanApi = LeadRecycle.CustomApis.ScanStalledOpportunitiesApi.UniqueName;

        private static Guid OwnDeal(PersonaOrganization org, Guid rep, string name = "Fleet renewal") =>
            org.As(rep).Create(new Entity(Opportunity.EntityName)
            {
                [Opportunity.Name] = name,
                [Opportunity.SalesStage] = new OptionSetValue(1),
                [Opportunity.EstimatedValue] = new Money(25000m),
            });

        private static Entity LostDeal(PersonaOrganization org, Guid rep, string name = "Fleet renewal")
        {
            var opportunity = OwnDeal(org, rep, name);
            org.Setup.Lose(opportunity, as_: org.As(rep));
            return org.Org.All(RecycledLead.EntityName).Single(r => r.GetAttributeValue<EntityReference>(RecycledLead.Opportunity)?.Id == opportunity);
        }

        private static Entity Engagement(Guid recycledLead, EngagementType type, Likelihood? answer = null)
        {
            var engagement = new Entity(Schema.Engagement.EntityName)
            {
                [Schema.Engagement.Name] = type.ToString(),
                [Schema.Engagement.RecycledLead] = new EntityReference(RecycledLead.EntityName, recycledLead),
                [Schema.Engagement.Type] = new OptionSetValue((int)type),
            };
            if (answer != null)
            {
                engagement[Schema.Engagement.Likelihood] = new OptionSetValue((int)answer.Value);
            }

            return engagement;
        }

        private static int Status(PersonaOrganization org, Guid recycledLead) =>
            org.Setup.Get(RecycledLead.EntityName, recycledLead).GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value;

        // ---- Any user could run the stall scan as SYSTEM ------------------------------------------------------

        [Fact]
        public void Should_refuse_the_stall_scan_to_a_rep_a_marketer_and_a_manager_when_they_lack_its_execute_privilege()
        {
            var org = new PersonaOrganization();

            foreach (var persona in new[] { org.Rep, org.Marketer, org.Manager })
            {
                var refused = Assert.Throws<DataverseFaultException>(() => org.As(persona).Execute(new OrganizationRequest(ScanApi)));
                Assert.Contains("is missing prvWritelr_stagestatistic privilege", refused.Message, StringComparison.Ordinal);
            }

            var response = org.As(org.Flow).Execute(new OrganizationRequest(ScanApi));
            Assert.True((bool)response["Done"]);
        }

        [Fact]
        public void Should_not_let_the_flows_caller_backdate_the_scan_so_that_a_deal_lapses_early()
        {
            var org = new PersonaOrganization();
            org.Setup.Clock.Set(LeadRecycleOrganization.Start.AddDays(-31));
            var deal = OwnDeal(org, org.Rep);
            org.Setup.Clock.Set(LeadRecycleOrganization.Start);

            // The old attack: AsOf months back, so the service-level date lands in the past, and a budget far past the
            // 2-minute limit. The API declares neither any more: the scan runs as of the platform's time, on its own budget.
            var request = new OrganizationRequest(ScanApi) { ["AsOf"] = LeadRecycleOrganization.Start.AddDays(-200), ["RequestBudget"] = 100000 };
            var response = org.As(org.Flow).Execute(request);

            Assert.True((int)response["Requests"] <= LeadRecycle.Services.Aging.StallScanService.DefaultRequestBudget);
            var stalled = org.Setup.Get(Opportunity.EntityName, deal);
            Assert.Equal(LeadRecycleOrganization.Start.AddDays(14), stalled.GetAttributeValue<DateTime>(Opportunity.ServiceLevelDue));
            StallScan.ToEnd(org.Setup);
            Assert.Equal(Opportunity.State.Open, org.Setup.StateOf(Opportunity.EntityName, deal));
        }

        [Fact]
        public void Should_refuse_the_return_to_nurture_api_to_someone_who_may_not_write_the_deal()
        {
            // The API closes the deal as its caller, and names prvWriteOpportunity as its execute privilege: it gives no
            // one a way to close a deal they could not close in the app. (Salesperson holds Write on opportunities at
            // organization depth, per Microsoft's privilege tables, so the test's caller holds LeadRecycle Sales alone.)
            var org = new PersonaOrganization();
            var colleagues = OwnDeal(org, org.SecondRep, "Colleague's deal");
            var readOnly = org.Org.CreateUser("Rory Read-only", businessUnitId: org.SalesUnit, roles: new[] { "LeadRecycle Sales" });

            var request = new OrganizationRequest(LeadRecycle.CustomApis.ReturnToNurtureApi.UniqueName)
            {
                ["Target"] = new EntityReference(Opportunity.EntityName, colleagues),
                ["Reason"] = new OptionSetValue((int)DisqualificationReason.FundingDelayedOrCancelled),
                ["Background"] = "Budget moved.",
                ["EffortType"] = new OptionSetValue((int)EffortType.MarketingNurture),
                ["TargetStage"] = new OptionSetValue((int)LeadDevelopmentStage.MarketingQualified),
            };

            var refused = Assert.Throws<DataverseFaultException>(() => org.As(readOnly).Execute(request));
            Assert.Contains("is missing prvWriteOpportunity privilege", refused.Message, StringComparison.Ordinal);
            Assert.Equal(Opportunity.State.Open, org.Setup.StateOf(Opportunity.EntityName, colleagues));
        }

        // ---- Marketing could steer SYSTEM's routing -----------------------------------------------------------

        [Fact]
        public void Should_refuse_a_marketer_pointing_a_recycled_lead_at_a_colleagues_won_deal_or_at_herself()
        {
            var org = new PersonaOrganization();
            var recycled = LostDeal(org, org.Rep);
            var won = OwnDeal(org, org.SecondRep, "Won deal");
            var marketer = org.As(org.Marketer);

            var retarget = Assert.ThrowsAny<Exception>(() => marketer.Update(new Entity(RecycledLead.EntityName, recycled.Id) { [RecycledLead.Opportunity] = new EntityReference(Opportunity.EntityName, won) }));
            var reowner = Assert.ThrowsAny<Exception>(() => marketer.Update(new Entity(RecycledLead.EntityName, recycled.Id) { [RecycledLead.OriginalOwner] = new EntityReference(SystemUser.EntityName, org.Marketer) }));

            Assert.Equal("LeadRecycle keeps Original opportunity up to date itself; it cannot be changed by hand. Leave it out of your change.", retarget.Message);
            Assert.Equal("LeadRecycle keeps Original owner up to date itself; it cannot be changed by hand. Leave it out of your change.", reowner.Message);
            var unchanged = org.Setup.Get(RecycledLead.EntityName, recycled.Id);
            Assert.Equal(org.Rep, unchanged.GetAttributeValue<EntityReference>(RecycledLead.OriginalOwner).Id);
        }

        [Fact]
        public void Should_refuse_a_marketer_planting_a_recycled_lead_that_would_hand_a_task_to_anyone()
        {
            var org = new PersonaOrganization();

            // Refused twice over: LeadRecycle's guard (PreValidation runs before the platform's privilege check, "Event
            // execution pipeline") and the role, which grants marketing no Create of recycled leads.
            var planted = Assert.ThrowsAny<Exception>(() => org.As(org.Marketer).Create(new Entity(RecycledLead.EntityName)
            {
                [RecycledLead.Topic] = "Call me now",
                [RecycledLead.Reason] = new OptionSetValue((int)DisqualificationReason.NoBudget),
                [RecycledLead.OriginalOwner] = new EntityReference(SystemUser.EntityName, org.SecondRep),
            }));

            Assert.Equal("A recycled lead is created when a deal is lost or a lead is disqualified with a Return-to-Nurture reason; it cannot be created by hand.", planted.Message);
            Assert.DoesNotContain("prvCreatelr_recycledlead", LeadRecycleInstallation.Roles.Single(r => r.Name == PersonaOrganization.MarketingRole).Privileges.Keys);
            Assert.Empty(org.Org.All(RecycledLead.EntityName));
        }

        [Fact]
        public void Should_refuse_a_marketer_putting_a_returned_lead_back_in_nurture()
        {
            var org = new PersonaOrganization();
            var recycled = LostDeal(org, org.Rep);
            org.As(org.Marketer).Create(Engagement(recycled.Id, EngagementType.LikelihoodAnswer, Likelihood.Four));
            Assert.Equal(RecycledLead.Status.ReturnedToSales, Status(org, recycled.Id));

            var refused = Assert.ThrowsAny<Exception>(() => org.As(org.Marketer).Update(new Entity(RecycledLead.EntityName, recycled.Id)
            {
                [CommonColumns.StateCode] = new OptionSetValue(RecycledLead.State.Active),
                [CommonColumns.StatusCode] = new OptionSetValue(RecycledLead.Status.Nurturing),
            }));

            Assert.Equal("Only LeadRecycle puts a recycled lead in nurture or returns it to sales. You can remove it from the waterfall, or let it expire.", refused.Message);
            Assert.Equal(RecycledLead.Status.ReturnedToSales, Status(org, recycled.Id));
        }

        // ---- A rep could take back a lead they handed over ----------------------------------------------------

        [Fact]
        public void Should_share_the_handed_over_lead_read_only_and_refuse_the_reps_engagement_on_it()
        {
            var org = new PersonaOrganization();
            var recycled = LostDeal(org, org.Rep);

            Assert.Equal(AccessRights.ReadAccess, org.Org.SharedAccess(recycled.ToEntityReference(), new EntityReference(SystemUser.EntityName, org.Rep)));
            Assert.Throws<DataverseFaultException>(() => org.As(org.Rep).Create(Engagement(recycled.Id, EngagementType.LikelihoodAnswer, Likelihood.Four)));
            Assert.Equal(RecycledLead.Status.Nurturing, Status(org, recycled.Id));
            Assert.DoesNotContain(org.Org.All(Lead.EntityName), l => l.Contains(Lead.RecycledLead));
        }

        [Fact]
        public void Should_keep_but_not_score_an_engagement_the_handing_over_rep_logs_through_another_role()
        {
            // A rep who also holds marketing's role (a small company) can create engagements; his own still do not count.
            var org = new PersonaOrganization();
            org.Org.AssignRole(org.Rep, PersonaOrganization.MarketingRole);
            var recycled = LostDeal(org, org.Rep);

            org.As(org.Rep).Create(Engagement(recycled.Id, EngagementType.LikelihoodAnswer, Likelihood.Four));

            Assert.Single(org.Org.All(Schema.Engagement.EntityName));
            Assert.Equal(RecycledLead.Status.Nurturing, Status(org, recycled.Id));
            Assert.Equal(0m, org.Setup.Get(RecycledLead.EntityName, recycled.Id).GetAttributeValue<decimal>(RecycledLead.EngagementScore));
        }

        // ---- A rep could move everyone's thresholds -----------------------------------------------------------

        [Theory]
        [InlineData(Opportunity.StageEnteredOn, "Stage entered on")]
        [InlineData(Opportunity.StageKey, "Stage key")]
        [InlineData(Opportunity.AgingStatus, "Aging status")]
        [InlineData(Opportunity.ServiceLevelDue, "Service level due")]
        [InlineData(Opportunity.StalledOn, "Stalled on")]
        public void Should_refuse_a_rep_rewriting_the_stage_clock_or_aging_of_his_own_deal(string column, string label)
        {
            var org = new PersonaOrganization();
            var deal = OwnDeal(org, org.Rep);
            object value = column switch
            {
                Opportunity.StageKey => "salesstage:9",
                Opportunity.AgingStatus => new OptionSetValue((int)AgingStatus.OnTrack),
                _ => new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            };

            var refused = Assert.ThrowsAny<Exception>(() => org.As(org.Rep).Update(new Entity(Opportunity.EntityName, deal) { [column] = value }));

            Assert.Equal($"LeadRecycle keeps {label} up to date itself; it cannot be changed by hand. Leave it out of your change.", refused.Message);
        }

        [Fact]
        public void Should_name_every_guarded_column_a_rep_tried_to_change_in_one_message()
        {
            var org = new PersonaOrganization();
            var deal = OwnDeal(org, org.Rep);

            var refused = Assert.ThrowsAny<Exception>(() => org.As(org.Rep).Update(new Entity(Opportunity.EntityName, deal)
            {
                [Opportunity.StageEnteredOn] = LeadRecycleOrganization.Start,
                [Opportunity.AgingStatus] = new OptionSetValue((int)AgingStatus.OnTrack),
                [Opportunity.ServiceLevelDue] = LeadRecycleOrganization.Start,
            }));

            Assert.Equal("LeadRecycle keeps Aging status, Service level due and Stage entered on up to date itself; they cannot be changed by hand. Leave them out of your change.", refused.Message);
        }

        [Fact]
        public void Should_keep_the_stage_mean_honest_when_a_rep_flips_stages_back_and_forth_only_through_real_stays()
        {
            var org = new PersonaOrganization();
            var deal = OwnDeal(org, org.Rep);
            var before = org.Setup.Get(Opportunity.EntityName, deal).GetAttributeValue<DateTime>(Opportunity.StageEnteredOn);

            // The 7,483-day mean came from rewriting the stage clock, which is refused; moving stages still records real stays.
            Assert.ThrowsAny<Exception>(() => org.As(org.Rep).Update(new Entity(Opportunity.EntityName, deal)
            {
                [Opportunity.SalesStage] = new OptionSetValue(2),
                [Opportunity.StageEnteredOn] = before.AddYears(-20),
            }));

            Assert.Empty(org.Org.All(StageDuration.EntityName));
            Assert.Equal(before, org.Setup.Get(Opportunity.EntityName, deal).GetAttributeValue<DateTime>(Opportunity.StageEnteredOn));
        }

        [Fact]
        public void Should_keep_a_stages_mean_when_a_rep_flips_a_deal_between_stages_three_hundred_times()
        {
            // Twelve colleagues' deals make Develop's mean 5 days; then one rep flips his deal 300 times in minutes.
            var org = new PersonaOrganization();
            foreach (var days in new[] { 4, 6, 5, 7, 3, 5, 6, 4, 5, 6, 4, 5 })
            {
                var honest = OwnDeal(org, org.SecondRep, "Honest deal");
                org.Setup.Clock.Advance(TimeSpan.FromDays(days));
                org.As(org.SecondRep).Update(new Entity(Opportunity.EntityName, honest) { [Opportunity.SalesStage] = new OptionSetValue(2) });
            }

            var flipped = OwnDeal(org, org.Rep, "Flipped deal");
            for (var i = 0; i < 300; i++)
            {
                org.Setup.Clock.Advance(TimeSpan.FromSeconds(20));
                org.As(org.Rep).Update(new Entity(Opportunity.EntityName, flipped) { [Opportunity.SalesStage] = new OptionSetValue(i % 2 == 0 ? 2 : 1) });
            }

            var night = StallScan.ToEnd(org.Setup);

            var develop = org.Org.All(StageStatistic.EntityName).Single(s => s.GetAttributeValue<string>(StageStatistic.StageKey) == StageKeys.ForSalesStage(1));
            Assert.Equal(12, develop.GetAttributeValue<int>(StageStatistic.Count));
            Assert.Equal(5.0, develop.GetAttributeValue<double>(StageStatistic.MeanDays), 6);
            Assert.Equal(300, night.Sum(r => r.DurationsSkipped));
        }

        [Fact]
        public void Should_refuse_anyone_writing_a_stage_statistic_by_hand_the_admin_included()
        {
            var org = new PersonaOrganization();
            var admin = org.Org.CreateUser("Lee LeadRecycle Admin", roles: new[] { PersonaOrganization.AdministratorRole });

            foreach (var persona in new[] { org.Rep, admin, org.Admin })
            {
                var refused = Assert.ThrowsAny<Exception>(() => org.As(persona).Create(new Entity(StageStatistic.EntityName) { [StageStatistic.Name] = "Anything", [StageStatistic.StageKey] = "salesstage:1" }));
                Assert.Equal("Stage stays, stage statistics and recycling tallies are kept by LeadRecycle's nightly scan; they cannot be created or changed by hand.", refused.Message);
            }

            // Behind the guard, the roles grant no write either: LeadRecycle Administrator reads the scan's tables only.
            var administratorRole = LeadRecycleInstallation.Roles.Single(r => r.Name == PersonaOrganization.AdministratorRole);
            Assert.DoesNotContain("prvCreatelr_stagestatistic", administratorRole.Privileges.Keys);
            Assert.DoesNotContain("prvWritelr_stagestatistic", administratorRole.Privileges.Keys);
            Assert.Empty(org.Org.All(StageStatistic.EntityName));
        }

        [Fact]
        public void Should_refuse_a_snooze_longer_than_the_policy_allows()
        {
            var org = new PersonaOrganization();
            var deal = OwnDeal(org, org.Rep);

            var refused = Assert.ThrowsAny<Exception>(() => org.As(org.Rep).Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.SnoozeUntil] = new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc), [Opportunity.SnoozeReason] = "Customer on leave" }));
            org.As(org.Rep).Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.SnoozeUntil] = LeadRecycleOrganization.Start.AddDays(30), [Opportunity.SnoozeReason] = "Customer on leave" });

            Assert.Equal("A deal can be snoozed for at most 30 days. Pick a date on or before 1 April 2026.", refused.Message);
            Assert.Equal(LeadRecycleOrganization.Start.AddDays(30), org.Setup.Get(Opportunity.EntityName, deal).GetAttributeValue<DateTime>(Opportunity.SnoozeUntil));
        }

        // ---- The personas the roles were missing --------------------------------------------------------------

        [Fact]
        public void Should_let_the_sales_manager_read_every_recycled_lead_across_business_units_and_write_none()
        {
            var org = new PersonaOrganization();
            var first = LostDeal(org, org.Rep, "First");
            LostDeal(org, org.SecondRep, "Second");

            var seen = org.As(org.Manager).RetrieveMultiple(new QueryExpression(RecycledLead.EntityName) { ColumnSet = new ColumnSet(RecycledLead.Topic) }).Entities;

            Assert.Equal(2, seen.Count);
            Assert.Throws<DataverseFaultException>(() => org.As(org.Manager).Update(new Entity(RecycledLead.EntityName, first.Id) { [RecycledLead.Topic] = "Renamed" }));
        }
    }
}
