using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using LeadRecycle.Services.Configuration;
using LeadRecycle.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Pipeline
{
    /// <summary>Stage aging, the stall scan and service levels, acted out through the pipeline.</summary>
    public sealed class PassiveRecyclingTests
    {
        private static readonly DateTime T0 = LeadRecycleOrganization.Start;

        /// <summary>Twelve deals spent these many days in Develop (sales stage 1) before moving to Propose.</summary>
        private static readonly double[] DevelopDays = { 4, 6, 5, 7, 3, 5, 6, 4, 5, 6, 4, 5 };

        private static void MoveStage(LeadRecycleOrganization org, Guid opportunity, int salesStage) =>
            org.Service.Update(new Entity(Opportunity.EntityName, opportunity) { [Opportunity.SalesStage] = new OptionSetValue(salesStage) });

        /// <summary>Builds Develop's history: deals enter Develop at T0 - 60, leave it after DevelopDays, and are won.</summary>
        private static void BuildDevelopHistory(LeadRecycleOrganization org)
        {
            foreach (var days in DevelopDays)
            {
                org.Clock.Set(T0.AddDays(-60));
                var deal = org.OpenOpportunity(salesStage: 1);
                org.Clock.Set(T0.AddDays(-60 + days));
                MoveStage(org, deal, 2);
                org.Service.Execute(new Microsoft.Crm.Sdk.Messages.WinOpportunityRequest
                {
                    OpportunityClose = new Entity(OpportunityClose.EntityName) { [OpportunityClose.Opportunity] = new EntityReference(Opportunity.EntityName, deal) },
                    Status = new OptionSetValue(Opportunity.Status.Won),
                });
            }

            org.Clock.Set(T0);
        }

        private static ScanResponse Scan(LeadRecycleOrganization org, string? token = null) => StallScan.Call(org, token);

        private static List<ScanResponse> ScanToEnd(LeadRecycleOrganization org) => StallScan.ToEnd(org);

        private static Guid DealInDevelopFor(LeadRecycleOrganization org, double days, string name = "Aging deal")
        {
            org.Clock.Set(T0.AddDays(-days));
            var deal = org.OpenOpportunity(name: name, salesStage: 1);
            org.Clock.Set(T0);
            return deal;
        }

        [Fact]
        public void Should_stamp_the_stage_and_record_the_finished_stay_with_one_create_when_a_deal_moves()
        {
            var org = new LeadRecycleOrganization();
            var deal = org.OpenOpportunity(salesStage: 1);
            org.Clock.Advance(TimeSpan.FromDays(6));
            org.OpenOpportunity(name: "Loads the policy into the cache at the new time");

            MoveStage(org, deal, 2);

            var opportunity = org.Get(Opportunity.EntityName, deal);
            Assert.Equal("salesstage:2", opportunity[Opportunity.StageKey]);
            Assert.Equal(T0.AddDays(6), opportunity[Opportunity.StageEnteredOn]);
            var stay = Assert.Single(org.Org.All(StageDuration.EntityName));
            Assert.Equal("salesstage:1", stay[StageDuration.StageKey]);
            Assert.Equal(6m, stay[StageDuration.Days]);
            var calls = org.Org.Calls.ForLastOperation();
            Assert.True(calls.Total == 1, calls.ToString());
            Assert.Equal(1, calls["Create"]);
        }

        [Fact]
        public void Should_lose_no_stay_when_many_deals_leave_a_stage_at_the_same_moment()
        {
            // Stage changes never read or write the shared statistics row (one append-only create each, asserted
            // above), so interleaved changes cannot overwrite each other; the scan folds every stay.
            var org = new LeadRecycleOrganization();
            var deals = Enumerable.Range(0, 40).Select(_ => org.OpenOpportunity(salesStage: 1)).ToList();
            org.Clock.Advance(TimeSpan.FromDays(3));
            foreach (var deal in deals)
            {
                MoveStage(org, deal, 2);
                Assert.Equal(0, org.Org.Calls.ForLastOperation()["Update"]);
            }

            ScanToEnd(org);

            var statistic = Assert.Single(org.Org.All(StageStatistic.EntityName));
            Assert.Equal(40, statistic[StageStatistic.Count]);
            Assert.Equal(3.0, (double)statistic[StageStatistic.MeanDays], 9);
        }

        [Fact]
        public void Should_fold_the_recorded_stays_into_statistics_equal_to_the_batch_computation()
        {
            var org = new LeadRecycleOrganization();
            BuildDevelopHistory(org);

            var result = ScanToEnd(org);

            // Each history deal is won the moment it enters Propose: that zero-length stay is set aside, not folded.
            Assert.Equal(DevelopDays.Length, result.Sum(r => r.DurationsFolded));
            Assert.Equal(DevelopDays.Length, result.Sum(r => r.DurationsSkipped));
            var statistic = org.Org.All(StageStatistic.EntityName).Single(s => (string)s[StageStatistic.StageKey] == "salesstage:1");
            var mean = DevelopDays.Average();
            var variance = DevelopDays.Sum(d => (d - mean) * (d - mean)) / (DevelopDays.Length - 1);
            Assert.Equal(DevelopDays.Length, statistic[StageStatistic.Count]);
            Assert.Equal(mean, (double)statistic[StageStatistic.MeanDays], 9);
            Assert.Equal(variance, (double)statistic[StageStatistic.M2] / (DevelopDays.Length - 1), 9);
            Assert.All(org.Org.All(StageDuration.EntityName), stay => Assert.True((bool)stay[StageDuration.Folded]));
        }

        [Fact]
        public void Should_warn_at_twice_and_stall_at_three_times_the_stage_mean_with_a_task_for_the_owner()
        {
            var org = new LeadRecycleOrganization();
            BuildDevelopHistory(org);
            var moving = DealInDevelopFor(org, 9, "Moving");
            var slow = DealInDevelopFor(org, 12, "Slow");
            var stalled = DealInDevelopFor(org, 16, "Stuck");

            var result = ScanToEnd(org);

            Assert.False(org.Get(Opportunity.EntityName, moving).Contains(Opportunity.AgingStatus));
            Assert.Equal((int)AgingStatus.Warning, org.Get(Opportunity.EntityName, slow).GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus).Value);
            var stuck = org.Get(Opportunity.EntityName, stalled);
            Assert.Equal((int)AgingStatus.Stalled, stuck.GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus).Value);
            Assert.Equal(T0, stuck[Opportunity.StalledOn]);
            Assert.Equal(T0.AddDays(14), stuck[Opportunity.ServiceLevelDue]);
            var task = Assert.Single(org.Org.All(TaskActivity.EntityName));
            Assert.Equal(stalled, task.GetAttributeValue<EntityReference>(TaskActivity.Regarding).Id);
            Assert.Equal(org.Rep, task.GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id);
            Assert.Equal("Stalled deal: Stuck has been in Develop for 16 days", task[TaskActivity.Subject]);
            Assert.Equal(1, result.Sum(r => r.Warned));
            Assert.Equal(1, result.Sum(r => r.Stalled));
        }

        [Fact]
        public void Should_use_the_fallback_days_while_a_stage_has_too_few_samples()
        {
            var org = new LeadRecycleOrganization();
            BuildDevelopHistory(org);
            org.Clock.Set(T0.AddDays(-25));
            var warned = org.OpenOpportunity(salesStage: 3);
            org.Clock.Set(T0.AddDays(-31));
            var stalled = org.OpenOpportunity(salesStage: 3);
            org.Clock.Set(T0.AddDays(-16));
            var early = org.OpenOpportunity(salesStage: 3);
            org.Clock.Set(T0);

            ScanToEnd(org);

            Assert.Equal((int)AgingStatus.Warning, org.Get(Opportunity.EntityName, warned).GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus).Value);
            Assert.Equal((int)AgingStatus.Stalled, org.Get(Opportunity.EntityName, stalled).GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus).Value);
            Assert.False(org.Get(Opportunity.EntityName, early).Contains(Opportunity.AgingStatus));
        }

        [Fact]
        public void Should_return_a_deal_to_nurture_as_a_passive_recycled_lead_when_its_service_level_lapses()
        {
            var org = new LeadRecycleOrganization();
            BuildDevelopHistory(org);
            var stalled = DealInDevelopFor(org, 16, "Stuck");
            ScanToEnd(org);
            org.Clock.Advance(TimeSpan.FromDays(15));

            var result = ScanToEnd(org);

            Assert.Equal(1, result.Sum(r => r.Recycled));
            Assert.Equal(Opportunity.State.Lost, org.StateOf(Opportunity.EntityName, stalled));
            var recycled = org.SingleRecycledLead();
            Assert.Equal((int)DisqualificationReason.StalledInStage, recycled.GetAttributeValue<OptionSetValue>(RecycledLead.Reason).Value);
            Assert.Equal((int)RecycleType.Passive, recycled.GetAttributeValue<OptionSetValue>(RecycledLead.RecycleType).Value);
            Assert.Equal((int)NurtureStream.StalledDealRequalification, recycled.GetAttributeValue<OptionSetValue>(RecycledLead.NurtureStream).Value);
            Assert.Equal(31, recycled[RecycledLead.DaysInStage]);
        }

        [Fact]
        public void Should_flag_a_snoozed_deal_afresh_and_not_recycle_it_the_night_its_snooze_ends()
        {
            var org = new LeadRecycleOrganization();
            BuildDevelopHistory(org);
            var stalled = DealInDevelopFor(org, 16);
            ScanToEnd(org);
            org.Service.Update(new Entity(Opportunity.EntityName, stalled) { [Opportunity.SnoozeUntil] = T0.AddDays(30), [Opportunity.SnoozeReason] = "Budget signed off after the board meeting" });
            org.Clock.Advance(TimeSpan.FromDays(15));

            ScanToEnd(org);

            Assert.Equal(Opportunity.State.Open, org.StateOf(Opportunity.EntityName, stalled));
            org.Clock.Set(T0.AddDays(31));
            var snoozeEnded = ScanToEnd(org);
            var deal = org.Get(Opportunity.EntityName, stalled);
            Assert.Equal(Opportunity.State.Open, org.StateOf(Opportunity.EntityName, stalled));
            Assert.Equal(1, snoozeEnded.Sum(r => r.SnoozesEnded));
            Assert.Equal(T0.AddDays(31 + 14), deal.GetAttributeValue<DateTime>(Opportunity.ServiceLevelDue));
            Assert.False(deal.Contains(Opportunity.SnoozeUntil) && deal[Opportunity.SnoozeUntil] != null);
            Assert.Equal(2, org.Org.All("task").Count(t => t.GetAttributeValue<EntityReference>("regardingobjectid")?.Id == stalled));

            org.Clock.Set(T0.AddDays(31 + 14));
            ScanToEnd(org);
            Assert.Equal(Opportunity.State.Lost, org.StateOf(Opportunity.EntityName, stalled));
        }

        [Fact]
        public void Should_unflag_a_deal_that_moved_on_and_not_recycle_it()
        {
            var org = new LeadRecycleOrganization();
            BuildDevelopHistory(org);
            var stalled = DealInDevelopFor(org, 16);
            ScanToEnd(org);

            MoveStage(org, stalled, 2);
            org.Clock.Advance(TimeSpan.FromDays(15));
            ScanToEnd(org);

            var deal = org.Get(Opportunity.EntityName, stalled);
            Assert.Equal(Opportunity.State.Open, org.StateOf(Opportunity.EntityName, stalled));
            Assert.Equal((int)AgingStatus.OnTrack, deal.GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus).Value);
            Assert.Null(deal.GetAttributeValue<DateTime?>(Opportunity.ServiceLevelDue));
            Assert.Empty(org.RecycledLeads());
        }

        [Fact]
        public void Should_change_nothing_when_the_scan_runs_again()
        {
            var org = new LeadRecycleOrganization();
            BuildDevelopHistory(org);
            DealInDevelopFor(org, 12);
            DealInDevelopFor(org, 16);
            ScanToEnd(org);
            var tasks = org.Org.Count(TaskActivity.EntityName);

            var again = ScanToEnd(org);

            Assert.Equal(0, again.Sum(r => r.Warned + r.Stalled + r.TasksCreated + r.Recycled + r.DurationsFolded));
            Assert.Equal(tasks, org.Org.Count(TaskActivity.EntityName));
        }

        [Fact]
        public void Should_continue_across_calls_with_the_token_and_flag_every_deal_once()
        {
            var org = new LeadRecycleOrganization();
            BuildDevelopHistory(org);
            var deals = Enumerable.Range(0, 30).Select(i => DealInDevelopFor(org, 16 + i)).ToList();
            var policy = RecyclePolicy.Default;

            // The scan service with a small budget and page, run inside a plug-in as the Custom API runs it.
            org.Org.RegisterCustomApi(SmallBudgetScan.UniqueName, typeof(SmallBudgetScan));
            var results = new List<ScanResult>();
            string? token = null;
            do
            {
                var request = new OrganizationRequest(SmallBudgetScan.UniqueName);
                if (token != null)
                {
                    request["ContinuationToken"] = token;
                }

                var response = org.Service.Execute(request);
                var result = new ScanResult { Done = (bool)response["Done"], ContinuationToken = (string?)response["ContinuationToken"], Stalled = (int)response["Stalled"], Requests = (int)response["Requests"] };
                results.Add(result);
                token = result.ContinuationToken;
            }
            while (!results[results.Count - 1].Done);

            Assert.True(results.Count > 3, $"expected several calls, got {results.Count}");
            Assert.All(results, r => Assert.True(r.Requests <= 12 + 8 + 5));
            Assert.Equal(30, results.Sum(r => r.Stalled));
            Assert.Equal(30, org.Org.Count(TaskActivity.EntityName));
            Assert.All(deals, d => Assert.Equal((int)AgingStatus.Stalled, org.Get(Opportunity.EntityName, d).GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus).Value));
        }

        [Fact]
        public void Should_refuse_a_token_that_is_not_from_the_scan()
        {
            var org = new LeadRecycleOrganization();

            var exception = Assert.ThrowsAny<Exception>(() => Scan(org, "v2|9|9"));

            Assert.Equal("'v2|9|9' is not a continuation token from this scan. Start again without one.", exception.Message);
        }

        [Fact]
        public void Should_recycle_a_sales_accepted_lead_with_no_activity_past_its_service_level()
        {
            var org = new LeadRecycleOrganization();
            org.Clock.Set(T0.AddDays(-40));
            var idle = org.OpenLead(subject: "Idle");
            var active = org.OpenLead(subject: "Active");
            org.Clock.Set(T0.AddDays(-5));
            org.Service.Create(new Entity(TaskActivity.EntityName) { [TaskActivity.Subject] = "Call", [TaskActivity.Regarding] = new EntityReference(Lead.EntityName, active) });
            org.Org.DrainAsyncQueue();
            org.Clock.Set(T0);

            var result = ScanToEnd(org);

            Assert.Equal(1, result.Sum(r => r.LeadsRecycled));
            Assert.Equal(Lead.State.Disqualified, org.StateOf(Lead.EntityName, idle));
            Assert.Equal(Lead.State.Open, org.StateOf(Lead.EntityName, active));
            var recycled = org.SingleRecycledLead();
            Assert.Equal(idle, recycled.GetAttributeValue<EntityReference>(RecycledLead.OriginatingLead).Id);
            Assert.Equal((int)RecycleType.Passive, recycled.GetAttributeValue<OptionSetValue>(RecycledLead.RecycleType).Value);
        }

        /// <summary>The stall scan with a budget of 12 requests and pages of 8, as a Custom API (a LeadRecycle plug-in context).</summary>
        public sealed class SmallBudgetScan : LeadRecycle.Framework.PluginBase
        {
            public const string UniqueName = "lr_TestSmallBudgetScan";

            public SmallBudgetScan(string? unsecureConfiguration = null, string? secureConfiguration = null)
                : base(unsecureConfiguration, secureConfiguration)
            {
            }

            public override LeadRecycle.Framework.CustomApiDefinition CustomApi => new LeadRecycle.Framework.CustomApiDefinition(
                typeof(SmallBudgetScan), UniqueName, "Small budget scan", "Test.", LeadRecycle.Framework.CustomApiBinding.Global, null,
                System.Array.Empty<LeadRecycle.Framework.CustomApiParameter>(), System.Array.Empty<LeadRecycle.Framework.CustomApiParameter>());

            protected override void ExecuteStep(LeadRecycle.Framework.LocalPluginContext context)
            {
                var result = new StallScanService(context.SystemService, RecyclePolicy.Default, T0, requestBudget: 12, pageSize: 8).Run(context.GetInput<string>("ContinuationToken"));
                context.ExecutionContext.OutputParameters["Done"] = result.Done;
                context.ExecutionContext.OutputParameters["ContinuationToken"] = result.ContinuationToken;
                context.ExecutionContext.OutputParameters["Stalled"] = result.Stalled;
                context.ExecutionContext.OutputParameters["Requests"] = result.Requests;
            }
        }
    }
}
