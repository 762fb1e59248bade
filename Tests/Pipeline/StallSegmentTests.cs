using System;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Pipeline
{
    /// <summary>
    /// Stall thresholds per segment (stall.segmentColumn, stall.segmentBands), acted out through the pipeline: large
    /// deals that move slower than small ones are judged by their own segment's mean, not the stage's.
    /// </summary>
    public sealed class StallSegmentTests
    {
        private const string BandsPolicy = "{ \"stall\": { \"minimumSamples\": 5, \"segmentColumn\": \"estimatedvalue\", \"segmentBands\": [50000] } }";

        private const string SmallKey = "salesstage:1|estimatedvalue:..50000";

        private const string LargeKey = "salesstage:1|estimatedvalue:50000..";

        private static readonly DateTime T0 = LeadRecycleOrganization.Start;

        /// <summary>Deals of this value spent these many days in Develop, then moved on and were won.</summary>
        private static void DevelopHistory(LeadRecycleOrganization org, int deals, double days, decimal value)
        {
            for (var i = 0; i < deals; i++)
            {
                org.Clock.Set(T0.AddDays(-100));
                var deal = org.OpenOpportunity(salesStage: 1, value: value);
                org.Clock.Set(T0.AddDays(-100 + days));
                org.Service.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.SalesStage] = new OptionSetValue(2) });
                org.Service.Execute(new WinOpportunityRequest
                {
                    OpportunityClose = new Entity(OpportunityClose.EntityName) { [OpportunityClose.Opportunity] = new EntityReference(Opportunity.EntityName, deal) },
                    Status = new OptionSetValue(Opportunity.Status.Won),
                });
            }

            org.Clock.Set(T0);
        }

        /// <summary>Forty small deals took 5 days in Develop and large ones 40: the stage's mean is near the small deals'.</summary>
        private static LeadRecycleOrganization SmallFastLargeSlow(int largeDeals)
        {
            var org = new LeadRecycleOrganization(BandsPolicy);
            DevelopHistory(org, 40, 5, 10000m);
            DevelopHistory(org, largeDeals, 40, 100000m);
            return org;
        }

        private static Guid DealInDevelopFor(LeadRecycleOrganization org, double days, decimal? value, string name)
        {
            org.Clock.Set(T0.AddDays(-days));
            var deal = org.OpenOpportunity(name: name, salesStage: 1);
            if (value == null)
            {
                org.Service.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.EstimatedValue] = null });
            }
            else
            {
                org.Service.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.EstimatedValue] = new Money(value.Value) });
            }

            org.Clock.Set(T0);
            return deal;
        }

        private static Entity Statistic(LeadRecycleOrganization org, string key) =>
            org.Org.All(StageStatistic.EntityName).Single(s => s.GetAttributeValue<string>(StageStatistic.StageKey) == key);

        private static AgingStatus? Aging(LeadRecycleOrganization org, Guid deal) =>
            (AgingStatus?)org.Get(Opportunity.EntityName, deal).GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus)?.Value;

        [Fact]
        public void Should_fold_each_stay_into_its_stage_and_its_segment_when_a_segment_column_is_set()
        {
            var org = SmallFastLargeSlow(largeDeals: 5);

            StallScan.ToEnd(org);

            var stage = Statistic(org, "salesstage:1");
            Assert.Equal(45, stage[StageStatistic.Count]);
            Assert.Null(stage.GetAttributeValue<string>(StageStatistic.SegmentKey));
            var small = Statistic(org, SmallKey);
            Assert.Equal(40, small[StageStatistic.Count]);
            Assert.Equal(5.0, (double)small[StageStatistic.MeanDays], 9);
            Assert.Equal("estimatedvalue:..50000", small[StageStatistic.SegmentKey]);
            Assert.Equal("under 50,000", small[StageStatistic.Segment]);
            Assert.Equal("Develop", small[StageStatistic.Name]);
            var large = Statistic(org, LargeKey);
            Assert.Equal(5, large[StageStatistic.Count]);
            Assert.Equal(40.0, (double)large[StageStatistic.MeanDays], 9);
            Assert.Equal("50,000 or more", large[StageStatistic.Segment]);
        }

        [Fact]
        public void Should_judge_a_large_deal_by_its_segment_and_stall_a_small_one_by_its_own_when_bands_are_set()
        {
            var org = SmallFastLargeSlow(largeDeals: 5);
            var large = DealInDevelopFor(org, 30, 200000m, "Large deal");
            var small = DealInDevelopFor(org, 20, 20000m, "Small deal");

            StallScan.ToEnd(org);

            // Past three times the stage's mean (about 8.9 days), within the large deals' pace (40 days).
            var stageMean = (double)Statistic(org, "salesstage:1")[StageStatistic.MeanDays];
            Assert.True(30 > 3 * stageMean, stageMean.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(Aging(org, large) == null || Aging(org, large) == AgingStatus.OnTrack);
            Assert.Equal(AgingStatus.Stalled, Aging(org, small));
            Assert.Equal("under 50,000", org.Get(Opportunity.EntityName, small)[Opportunity.StallSegment]);
            var task = Assert.Single(org.Org.All(TaskActivity.EntityName));
            Assert.Equal(small, task.GetAttributeValue<EntityReference>(TaskActivity.Regarding).Id);
            Assert.Contains("longer than 15 days, the stall threshold for deals like it in the stage (under 50,000)", (string)task[TaskActivity.Description], StringComparison.Ordinal);
        }

        [Fact]
        public void Should_warn_a_deal_past_twice_its_segments_mean_and_record_the_segment()
        {
            var org = SmallFastLargeSlow(largeDeals: 5);
            var small = DealInDevelopFor(org, 12, 20000m, "Small deal");
            var large = DealInDevelopFor(org, 90, 60000m, "Large deal");

            StallScan.ToEnd(org);

            Assert.Equal(AgingStatus.Warning, Aging(org, small));
            Assert.Equal("under 50,000", org.Get(Opportunity.EntityName, small)[Opportunity.StallSegment]);
            Assert.Equal(AgingStatus.Warning, Aging(org, large));
            Assert.Equal("50,000 or more", org.Get(Opportunity.EntityName, large)[Opportunity.StallSegment]);
        }

        [Fact]
        public void Should_use_the_stage_threshold_while_a_segment_has_fewer_stays_than_the_minimum()
        {
            var org = SmallFastLargeSlow(largeDeals: 3);
            var large = DealInDevelopFor(org, 30, 200000m, "Large deal");

            StallScan.ToEnd(org);

            Assert.Equal(3, Statistic(org, LargeKey)[StageStatistic.Count]);
            Assert.Equal(AgingStatus.Stalled, Aging(org, large));
            Assert.Equal("Whole stage", org.Get(Opportunity.EntityName, large)[Opportunity.StallSegment]);
            var task = Assert.Single(org.Org.All(TaskActivity.EntityName));
            Assert.Contains("the stall threshold for the stage.", (string)task[TaskActivity.Description], StringComparison.Ordinal);
        }

        [Fact]
        public void Should_use_the_stage_threshold_for_a_deal_with_no_value()
        {
            var org = SmallFastLargeSlow(largeDeals: 5);
            var noValue = DealInDevelopFor(org, 30, null, "No value yet");
            var warnedNoValue = DealInDevelopFor(org, 20, null, "No value either");

            StallScan.ToEnd(org);

            // The stage's thresholds: about 26.7 days to stall and 17.8 to warn (a small deal 20 days in is stalled).
            Assert.Equal(AgingStatus.Stalled, Aging(org, noValue));
            Assert.Equal("Whole stage", org.Get(Opportunity.EntityName, noValue)[Opportunity.StallSegment]);
            Assert.Equal(AgingStatus.Warning, Aging(org, warnedNoValue));
        }

        [Fact]
        public void Should_judge_a_deal_whose_snooze_ended_by_its_segment()
        {
            var org = SmallFastLargeSlow(largeDeals: 5);
            var small = DealInDevelopFor(org, 20, 20000m, "Small deal");
            StallScan.ToEnd(org);
            org.Service.Update(new Entity(Opportunity.EntityName, small) { [Opportunity.SnoozeUntil] = T0.AddDays(3), [Opportunity.SnoozeReason] = "Waiting for the signed order" });
            org.Clock.Set(T0.AddDays(4));

            StallScan.ToEnd(org);

            var tasks = org.Org.All(TaskActivity.EntityName).OrderBy(t => t.GetAttributeValue<DateTime>(TaskActivity.ScheduledEnd)).ToList();
            Assert.Equal(2, tasks.Count);
            Assert.Contains("the stall threshold for deals like it in the stage (under 50,000)", (string)tasks[1][TaskActivity.Description], StringComparison.Ordinal);
            Assert.Equal("under 50,000", org.Get(Opportunity.EntityName, small)[Opportunity.StallSegment]);
        }

        [Fact]
        public void Should_keep_thresholds_per_owner_when_the_segment_column_is_a_lookup()
        {
            var org = new LeadRecycleOrganization("{ \"stall\": { \"minimumSamples\": 5, \"segmentColumn\": \"ownerid\" } }");
            var slowRep = org.Org.CreateUser("Sam Slow", roles: LeadRecycle.Testing.LeadRecycleInstallation.RepRoles);
            DevelopHistory(org, 40, 5, 10000m);
            for (var i = 0; i < 5; i++)
            {
                org.Clock.Set(T0.AddDays(-100));
                var deal = org.OpenOpportunity(owner: slowRep, salesStage: 1);
                org.Clock.Set(T0.AddDays(-60));
                org.Service.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.SalesStage] = new OptionSetValue(2) });
            }

            org.Clock.Set(T0.AddDays(-30));
            var slowDeal = org.OpenOpportunity(owner: slowRep, name: "Slow rep's deal", salesStage: 1);
            org.Clock.Set(T0.AddDays(-20));
            var fastDeal = org.OpenOpportunity(name: "Fast rep's deal", salesStage: 1);
            org.Clock.Set(T0);

            StallScan.ToEnd(org);

            var slow = Statistic(org, "salesstage:1|ownerid:" + slowRep.ToString("D"));
            Assert.Equal(5, slow[StageStatistic.Count]);
            Assert.Equal(40.0, (double)slow[StageStatistic.MeanDays], 9);
            Assert.True(Aging(org, slowDeal) == null || Aging(org, slowDeal) == AgingStatus.OnTrack);
            Assert.Equal(AgingStatus.Stalled, Aging(org, fastDeal));
        }

        [Fact]
        public void Should_keep_thresholds_per_choice_value_when_the_segment_column_is_a_choice()
        {
            const string Rating = "opportunityratingcode";
            var org = new LeadRecycleOrganization("{ \"stall\": { \"minimumSamples\": 5, \"segmentColumn\": \"opportunityratingcode\" } }");
            foreach (var (rating, days, count) in new[] { (1, 5.0, 40), (3, 40.0, 5) })
            {
                for (var i = 0; i < count; i++)
                {
                    org.Clock.Set(T0.AddDays(-100));
                    var deal = org.OpenOpportunity(salesStage: 1);
                    org.Service.Update(new Entity(Opportunity.EntityName, deal) { [Rating] = new OptionSetValue(rating) });
                    org.Clock.Set(T0.AddDays(-100 + days));
                    org.Service.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.SalesStage] = new OptionSetValue(2) });
                }
            }

            org.Clock.Set(T0.AddDays(-30));
            var cold = org.OpenOpportunity(name: "Cold deal", salesStage: 1);
            org.Service.Update(new Entity(Opportunity.EntityName, cold) { [Rating] = new OptionSetValue(3) });
            org.Clock.Set(T0.AddDays(-20));
            var hot = org.OpenOpportunity(name: "Hot deal", salesStage: 1);
            org.Service.Update(new Entity(Opportunity.EntityName, hot) { [Rating] = new OptionSetValue(1) });
            org.Clock.Set(T0);

            StallScan.ToEnd(org);

            Assert.Equal(5, Statistic(org, "salesstage:1|opportunityratingcode:3")[StageStatistic.Count]);
            Assert.True(Aging(org, cold) == null || Aging(org, cold) == AgingStatus.OnTrack);
            Assert.Equal(AgingStatus.Stalled, Aging(org, hot));
        }

        [Fact]
        public void Should_continue_across_calls_with_the_token_and_flag_every_deal_once_when_segments_are_on()
        {
            var org = SmallFastLargeSlow(largeDeals: 5);
            var small = Enumerable.Range(0, 20).Select(i => DealInDevelopFor(org, 16 + i, 20000m, "Small " + i)).ToList();
            var large = Enumerable.Range(0, 10).Select(i => DealInDevelopFor(org, 121 + i, 80000m, "Large " + i)).ToList();
            var moving = DealInDevelopFor(org, 60, 80000m, "Large on its pace");
            org.Org.RegisterCustomApi(SmallBudgetSegmentScan.UniqueName, typeof(SmallBudgetSegmentScan));

            var calls = 0;
            var stalled = 0;
            string? token = null;
            do
            {
                var request = new OrganizationRequest(SmallBudgetSegmentScan.UniqueName);
                if (token != null)
                {
                    request["ContinuationToken"] = token;
                }

                var response = org.Service.Execute(request);
                Assert.True((int)response["Requests"] <= 12 + 8 + 5, response["Requests"].ToString());
                stalled += (int)response["Stalled"];
                token = (bool)response["Done"] ? null : (string)response["ContinuationToken"];
                calls++;
            }
            while (token != null);

            Assert.True(calls > 3, $"expected several calls, got {calls}");
            Assert.Equal(30, stalled);
            Assert.All(small, d => Assert.Equal("under 50,000", org.Get(Opportunity.EntityName, d)[Opportunity.StallSegment]));
            Assert.All(large, d => Assert.Equal("50,000 or more", org.Get(Opportunity.EntityName, d)[Opportunity.StallSegment]));
            Assert.Equal(30, org.Org.All(TaskActivity.EntityName).Count(t => small.Concat(large).Contains(t.GetAttributeValue<EntityReference>(TaskActivity.Regarding).Id)));
            Assert.True(Aging(org, moving) == null || Aging(org, moving) == AgingStatus.OnTrack);
        }

        [Fact]
        public void Should_cost_one_call_per_stage_change_when_segments_are_on()
        {
            var org = new LeadRecycleOrganization(BandsPolicy);
            var deal = org.OpenOpportunity(salesStage: 1, value: 100000m);
            org.Clock.Advance(TimeSpan.FromDays(6));
            org.OpenOpportunity(name: "Loads the policy into the cache at the new time");

            org.Service.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.SalesStage] = new OptionSetValue(2) });

            var calls = org.Org.Calls.ForLastOperation();
            Assert.True(calls.Total == 1, calls.ToString());
            Assert.Equal(1, calls["Create"]);
        }

        [Fact]
        public void Should_keep_one_threshold_per_stage_when_no_segment_column_is_set()
        {
            var org = new LeadRecycleOrganization("{ \"stall\": { \"minimumSamples\": 5 } }");
            DevelopHistory(org, 40, 5, 10000m);
            DevelopHistory(org, 5, 40, 100000m);
            var large = DealInDevelopFor(org, 30, 200000m, "Large deal");

            StallScan.ToEnd(org);

            Assert.Single(org.Org.All(StageStatistic.EntityName), s => s.GetAttributeValue<string>(StageStatistic.StageKey).StartsWith("salesstage:1", StringComparison.Ordinal));
            Assert.Equal(AgingStatus.Stalled, Aging(org, large));
            Assert.False(org.Get(Opportunity.EntityName, large).Contains(Opportunity.StallSegment));
        }

        /// <summary>The stall scan with segment bands, a budget of 12 requests and pages of 8, as a Custom API (a LeadRecycle plug-in context).</summary>
        public sealed class SmallBudgetSegmentScan : LeadRecycle.Framework.PluginBase
        {
            public const string UniqueName = "lr_TestSmallBudgetSegmentScan";

            public SmallBudgetSegmentScan(string? unsecureConfiguration = null, string? secureConfiguration = null)
                : base(unsecureConfiguration, secureConfiguration)
            {
            }

            public override LeadRecycle.Framework.CustomApiDefinition CustomApi => new LeadRecycle.Framework.CustomApiDefinition(
                typeof(SmallBudgetSegmentScan), UniqueName, "Small budget segment scan", "Test.", LeadRecycle.Framework.CustomApiBinding.Global, null,
                Array.Empty<LeadRecycle.Framework.CustomApiParameter>(), Array.Empty<LeadRecycle.Framework.CustomApiParameter>());

            protected override void ExecuteStep(LeadRecycle.Framework.LocalPluginContext context)
            {
                var policy = LeadRecycle.Services.Configuration.RecyclePolicyReader.Read(BandsPolicy);
                var result = new LeadRecycle.Services.Aging.StallScanService(context.SystemService, policy, T0, requestBudget: 12, pageSize: 8).Run(context.GetInput<string>("ContinuationToken"));
                context.ExecutionContext.OutputParameters["Done"] = result.Done;
                context.ExecutionContext.OutputParameters["ContinuationToken"] = result.ContinuationToken;
                context.ExecutionContext.OutputParameters["Stalled"] = result.Stalled;
                context.ExecutionContext.OutputParameters["Requests"] = result.Requests;
            }
        }
    }
}
