using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Sandbox;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Sandbox
{
    /// <summary>
    /// The sales leader's sections against a small organization whose every figure was worked out by hand (the comments
    /// show the arithmetic): a different route from the report's code, so a shared mistake cannot hide.
    /// </summary>
    public sealed class WaterfallReportTests
    {
        private static readonly DateTime AsOf = new DateTime(2026, 3, 4, 12, 0, 0, DateTimeKind.Utc);

        private static DateTime Day(int year, int month, int day) => new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>
        /// Mia manages Ann and Bob; Cy has no manager. Six deals in the four sales stages with their stays, five recycled
        /// leads (two from deals, three from leads) with statuses, streams, dates and the attribution columns.
        /// </summary>
        private static SandboxReport Seeded()
        {
            // The replay's organization: LeadRecycle installed, the clock at the as-of date; seeding runs no step.
            var org = new HistoryReplay(AsOf).Organization;
            var mia = org.CreateUser("Mia");
            var ann = org.CreateUser("Ann", mia);
            var bob = org.CreateUser("Bob", mia);
            var cy = org.CreateUser("Cy");

            Guid Deal(string name, int stage, Guid owner, int state, decimal? value, AgingStatus? aging = null, DateTime? enteredOn = null, DateTime? stalledOn = null)
            {
                var deal = new Entity(Opportunity.EntityName)
                {
                    [Opportunity.Name] = name,
                    [Opportunity.StageKey] = "salesstage:" + stage,
                    [CommonColumns.OwnerId] = new EntityReference(SystemUser.EntityName, owner),
                    [CommonColumns.StateCode] = new OptionSetValue(state),
                    [CommonColumns.StatusCode] = new OptionSetValue(state == Opportunity.State.Open ? Opportunity.Status.InProgress : state == Opportunity.State.Won ? Opportunity.Status.Won : Opportunity.Status.Canceled),
                };
                if (value != null)
                {
                    deal[Opportunity.EstimatedValue] = new Money(value.Value);
                }

                if (aging != null)
                {
                    deal[Opportunity.AgingStatus] = new OptionSetValue((int)aging.Value);
                }

                if (enteredOn != null)
                {
                    deal[Opportunity.StageEnteredOn] = enteredOn;
                }

                if (stalledOn != null)
                {
                    deal[Opportunity.StalledOn] = stalledOn;
                }

                return org.Seed(deal);
            }

            void Stay(Guid deal, int stage, decimal days) => org.Seed(new Entity(StageDuration.EntityName)
            {
                [StageDuration.Name] = "stay",
                [StageDuration.StageKey] = "salesstage:" + stage,
                [StageDuration.Days] = days,
                [StageDuration.Opportunity] = new EntityReference(Opportunity.EntityName, deal),
                [StageDuration.ExitedOn] = Day(2026, 1, 1),
                [StageDuration.Folded] = true,
            });

            var o1 = Deal("O1", 2, ann, Opportunity.State.Open, 100, AgingStatus.Stalled, Day(2026, 2, 20), Day(2026, 3, 2));
            var o2 = Deal("O2", 0, ann, Opportunity.State.Open, 50, AgingStatus.Warning, Day(2026, 3, 1));
            var o3 = Deal("O3", 1, bob, Opportunity.State.Open, null, AgingStatus.OnTrack, Day(2026, 1, 1));
            var o4 = Deal("O4", 3, bob, Opportunity.State.Won, 400);
            var o5 = Deal("O5", 1, cy, Opportunity.State.Lost, 70, stalledOn: Day(2026, 2, 10));
            var o6 = Deal("O6", 0, cy, Opportunity.State.Lost, 20);
            Stay(o1, 0, 3);
            Stay(o1, 1, 5);
            Stay(o3, 0, 10);
            Stay(o4, 0, 1);
            Stay(o4, 1, 2);
            Stay(o4, 2, 4);
            Stay(o5, 0, 6);
            Stay(o6, 0, 0.01m); // under an hour: a visit for the waterfall, not a stay the scan learns from
            _ = o2;

            void Recycled(string name, Guid? deal, DisqualificationReason reason, NurtureStream? stream, RecycleType type, int status, DateTime recycledOn,
                DateTime? returnedOn = null, decimal? value = null, LeadDevelopmentStage? target = null, ReturnOutcome? outcome = null, DateTime? outcomeOn = null, decimal? revenue = null)
            {
                var lead = new Entity(RecycledLead.EntityName)
                {
                    [RecycledLead.Topic] = name,
                    [RecycledLead.SourceKey] = name,
                    [RecycledLead.Reason] = new OptionSetValue((int)reason),
                    [RecycledLead.RecycleType] = new OptionSetValue((int)type),
                    [RecycledLead.RecycledOn] = recycledOn,
                    [CommonColumns.StateCode] = new OptionSetValue(status == RecycledLead.Status.Nurturing ? RecycledLead.State.Active : RecycledLead.State.Inactive),
                    [CommonColumns.StatusCode] = new OptionSetValue(status),
                };
                if (deal != null)
                {
                    lead[RecycledLead.Opportunity] = new EntityReference(Opportunity.EntityName, deal.Value);
                }

                if (stream != null)
                {
                    lead[RecycledLead.NurtureStream] = new OptionSetValue((int)stream.Value);
                }

                if (returnedOn != null)
                {
                    lead[RecycledLead.ReturnedOn] = returnedOn;
                }

                if (value != null)
                {
                    lead[RecycledLead.EstimatedValue] = new Money(value.Value);
                }

                if (target != null)
                {
                    lead[RecycledLead.TargetStage] = new OptionSetValue((int)target.Value);
                }

                if (outcome != null)
                {
                    lead[RecycledLead.ReturnOutcome] = new OptionSetValue((int)outcome.Value);
                    lead[RecycledLead.ReturnOutcomeOn] = outcomeOn;
                    lead[RecycledLead.ReturnRevenue] = new Money(revenue ?? 0);
                }

                org.Seed(lead);
            }

            Recycled("R1", o5, DisqualificationReason.NoBudget, NurtureStream.BudgetCycle, RecycleType.Active, RecycledLead.Status.ReturnedToSales, Day(2026, 2, 11),
                returnedOn: Day(2026, 2, 21), value: 70, target: LeadDevelopmentStage.Inquiry, outcome: ReturnOutcome.Won, outcomeOn: Day(2026, 3, 3), revenue: 90);
            Recycled("R2", o6, DisqualificationReason.NoBudget, NurtureStream.BudgetCycle, RecycleType.Active, RecycledLead.Status.Nurturing, Day(2026, 2, 12), value: 20);
            Recycled("R3", null, DisqualificationReason.StalledInStage, NurtureStream.StalledDealRequalification, RecycleType.Passive, RecycledLead.Status.ReturnedToSales, Day(2026, 1, 5),
                returnedOn: Day(2026, 2, 4), outcome: ReturnOutcome.Lost, outcomeOn: Day(2026, 2, 20));
            Recycled("R4", null, DisqualificationReason.NotAPotentialBuyer, null, RecycleType.Active, RecycledLead.Status.RemovedFromWaterfall, Day(2026, 2, 1));
            Recycled("R5", null, DisqualificationReason.StalledInStage, NurtureStream.StalledDealRequalification, RecycleType.Passive, RecycledLead.Status.Expired, Day(2025, 11, 3));

            return SandboxReport.From(org, new Dictionary<string, CallLedger.Entry>());
        }

        [Fact]
        public void Should_count_outcomes_by_reason_and_stream_as_worked_out_by_hand()
        {
            var outcomes = Seeded().Outcomes;

            // By size, ties by name: No budget (2) and Stalled in stage (2), then Not a potential buyer (1).
            Assert.Equal(new[] { "No budget", "Stalled in stage", "Not a potential buyer" }, outcomes.ByReason.Select(r => r.Name));
            var noBudget = outcomes.ByReason[0];
            Assert.Equal((2, 1, 1, 0, 0), (noBudget.Recycled, noBudget.Nurturing, noBudget.Returned, noBudget.Removed, noBudget.Expired));
            Assert.Equal(0.5, noBudget.ReturnRate); // 1 returned of 2 nurtured
            Assert.Equal(10, noBudget.MedianDaysToReengage); // R1: 11 Feb to 21 Feb
            Assert.Equal(10, noBudget.P80DaysToReengage);
            Assert.Equal((1, 90m), (noBudget.WonAfterReturn, noBudget.RevenueWonAfterReturn));

            var stalled = outcomes.ByReason[1];
            Assert.Equal((2, 0, 1, 0, 1), (stalled.Recycled, stalled.Nurturing, stalled.Returned, stalled.Removed, stalled.Expired));
            Assert.Equal(0.5, stalled.ReturnRate);
            Assert.Equal(30, stalled.MedianDaysToReengage); // R3: 5 Jan to 4 Feb
            Assert.Equal((0, 1, 0m), (stalled.WonAfterReturn, stalled.LostAfterReturn, stalled.RevenueWonAfterReturn));
            Assert.Contains("were lost", stalled.Why, StringComparison.Ordinal);

            var removed = outcomes.ByReason[2];
            Assert.Null(removed.ReturnRate);
            Assert.Null(removed.MedianDaysToReengage);
            Assert.Contains("removed from the waterfall", removed.Why, StringComparison.Ordinal);

            Assert.Equal(new[] { "Budget cycle", "Stalled deal re-qualification", OutcomesSection.NoStream }, outcomes.ByStream.Select(r => r.Name));
            // Total: 2 returned of 4 nurtured; days to re-engage 10 and 30: the nearest-rank median is the lower, 10; p80 rank ceil(1.6) = 2, 30.
            Assert.Equal((5, 2, 4, 0.5), (outcomes.Total.Recycled, outcomes.Total.Returned, outcomes.Total.Nurtured, outcomes.Total.ReturnRate!.Value));
            Assert.Equal((10.0, 30.0), (outcomes.Total.MedianDaysToReengage!.Value, outcomes.Total.P80DaysToReengage!.Value));
        }

        [Fact]
        public void Should_build_the_waterfall_from_each_deals_furthest_stage()
        {
            var waterfall = Seeded().Waterfall;

            // Furthest stage: O1 Propose, O2 Qualify, O3 Develop, O4 Close, O5 Develop, O6 Qualify.
            Assert.Equal(new[] { "Qualify", "Develop", "Propose", "Close" }, waterfall.StageOrder);
            Assert.False(waterfall.StageOrderAssumed);
            Assert.Equal(new[] { 6, 4, 2, 1 }, waterfall.Stages.Select(s => s.Entered));
            Assert.Equal(new[] { 1, 1, 1, 0 }, waterfall.Stages.Select(s => s.OpenHere));
            Assert.Equal(new[] { 4, 2, 1, 0 }, waterfall.Stages.Select(s => s.Advanced));
            Assert.Equal(new[] { 1, 1, 0, 0 }, waterfall.Stages.Select(s => s.LostHere));
            Assert.Equal(new double?[] { 0.8, 0.6667, 1, null }, waterfall.Stages.Select(s => s.ConversionToNext)); // 4/5, 2/3, 1/1
            Assert.Equal(1, waterfall.Stages[3].WinRateOfLeft); // O4 won, the only deal to leave Close
            Assert.Equal(new[] { "Qualify", "Develop", WaterfallSection.BeforeADeal }, waterfall.ExitsToNurture.Select(e => e.Name));
            Assert.Equal((1, 2, 3), (waterfall.ExitsToNurture[2].Active, waterfall.ExitsToNurture[2].Passive, waterfall.ExitsToNurture[2].Total));
            Assert.Equal((1, 0), (waterfall.Stages[1].ExitsActive, waterfall.Stages[1].ExitsPassive));
            Assert.Equal(new[] { (WaterfallSection.NoTargetStage, 4), ("Inquiry", 1) }, waterfall.ReentryStages.Select(r => (r.Name, r.Count)));
        }

        [Fact]
        public void Should_measure_velocity_by_nearest_rank_and_group_reps_under_their_manager()
        {
            var velocity = Seeded().Velocity;

            // Qualify stays 1, 3, 6, 10 (the 0.01-day one set aside): median rank 2 -> 3; p80 rank ceil(3.2) = 4 -> 10.
            var qualify = velocity.Stages[0];
            Assert.Equal((4, 3.0, 10.0), (qualify.CompletedStays, qualify.MedianDays!.Value, qualify.P80Days!.Value));
            Assert.Equal((2.0, 5.0), (velocity.Stages[1].MedianDays!.Value, velocity.Stages[1].P80Days!.Value)); // 2, 5
            Assert.Equal((4.0, 4.0), (velocity.Stages[2].MedianDays!.Value, velocity.Stages[2].P80Days!.Value));
            Assert.Null(velocity.Stages[3].MedianDays);
            Assert.Contains("no completed stay", velocity.Stages[3].Why, StringComparison.Ordinal);
            // Open deals' ages on 4 March noon: O2 3.5 days (0-6), O3 62.5 (60-89), O1 12.5 (7-13).
            Assert.Equal(new[] { 1, 0, 0, 0, 0, 0, 0 }, velocity.Stages[0].AgeHistogram);
            Assert.Equal(new[] { 0, 0, 0, 0, 1, 0, 0 }, velocity.Stages[1].AgeHistogram);
            Assert.Equal(new[] { 0, 1, 0, 0, 0, 0, 0 }, velocity.Stages[2].AgeHistogram);

            var mia = Assert.Single(velocity.Managers); // Cy holds no open deal
            Assert.Equal(("Mia", 3, 1), (mia.Manager, mia.OpenDeals, mia.Stalled));
            Assert.Equal(0.3333, mia.StalledShare);
            Assert.Equal(new[] { ("Ann", 2, 1, 0.5), ("Bob", 1, 0, 0.0) }, mia.Reps.Select(r => (r.Rep, r.OpenDeals, r.Stalled, r.StalledShare!.Value)));
        }

        [Fact]
        public void Should_sum_the_money_and_count_the_headline_and_weekly_trend()
        {
            var report = Seeded();

            var money = report.Money;
            Assert.Equal((150m, 1, 50m, 100m), (money.OpenPipelineValue, money.OpenDealsWithoutValue, money.WarnedValue, money.StalledValue));
            Assert.Equal((90m, 70m, 90m), (money.RecycledValue, money.ReturnedValue, money.RevenueWonAfterReturn));
            Assert.Empty(money.WhyZero);

            var headline = report.Headline;
            Assert.Equal((3, 2, 1, 1, 100m, 1, 2), (headline.OpenDeals, headline.DealsFlagged, headline.Warned, headline.Stalled, headline.ValueOutOfForecast, headline.RepsAffected, headline.RepsWithOpenDeals));

            // Weeks from Monday 3 Nov 2025 (R5) to Monday 2 March 2026 (the report's week): 18.
            var weeks = report.Trend.Weeks;
            Assert.Equal(18, weeks.Count);
            Assert.Equal(Day(2025, 11, 3), weeks[0].WeekStarting);
            Assert.Equal(Day(2026, 3, 2), weeks[^1].WeekStarting);
            var byWeek = weeks.ToDictionary(w => w.WeekStarting);
            Assert.Equal(2, byWeek[Day(2026, 2, 9)].Recycled); // R1 (Wed 11 Feb), R2 (Thu 12 Feb)
            Assert.Equal(1, byWeek[Day(2026, 1, 26)].Recycled); // R4 on Sunday 1 Feb belongs to the week before
            Assert.Equal(1, byWeek[Day(2026, 2, 9)].Stalled); // O5, closed while stalled
            Assert.Equal((1, 1), (byWeek[Day(2026, 3, 2)].Stalled, byWeek[Day(2026, 3, 2)].WonAfterReturn));
            Assert.Equal(1, byWeek[Day(2026, 2, 2)].Returned);
            Assert.Equal((5, 2, 2, 1), (weeks.Sum(w => w.Recycled), weeks.Sum(w => w.Returned), weeks.Sum(w => w.Stalled), weeks.Sum(w => w.WonAfterReturn)));
        }

        [Fact]
        public void Should_write_the_new_sections_as_stable_json_fields_and_page_sections()
        {
            var report = Seeded();
            var json = System.Text.Json.JsonDocument.Parse(report.ToJson()).RootElement;
            var page = HtmlReport.Render(report);

            foreach (var field in new[] { "asOf", "opportunities", "stages", "aging", "recycledLeads", "returnsToRep", "callsPerEvent", "headline", "outcomes", "waterfall", "velocity", "money", "trend" })
            {
                Assert.True(json.TryGetProperty(field, out _), field);
            }

            Assert.Equal(90, json.GetProperty("money").GetProperty("revenueWonAfterReturn").GetDecimal());
            Assert.Equal("No budget", json.GetProperty("outcomes").GetProperty("byReason")[0].GetProperty("name").GetString());
            foreach (var id in new[] { "headline", "outcomes", "waterfall", "velocity", "money", "trend", "appendix" })
            {
                Assert.Contains("id=\"" + id + "\"", page, StringComparison.Ordinal);
            }

            Assert.Contains("<td>No budget</td><td>2</td><td>1</td><td>1</td><td>0</td><td>0</td><td>0</td><td>50.0 % <small>(1/2)</small></td><td>10</td><td>10</td><td>1</td><td>90</td>", page, StringComparison.Ordinal);
            Assert.Contains("80.0 % <small>(4/5)</small>", page, StringComparison.Ordinal);
            Assert.Contains("<td class=\"rep\">Ann</td><td>2</td><td>1</td><td>1</td><td>50.0 % <small>(1/2)</small></td>", page, StringComparison.Ordinal);
            Assert.Contains("nearest-rank", page, StringComparison.Ordinal);
            Assert.Contains(TrendSection.StalledMeasure.Substring(0, 40), page, StringComparison.Ordinal);
            // The engineering table comes last, after every section a sales leader reads.
            Assert.True(page.IndexOf("id=\"appendix\"", StringComparison.Ordinal) > page.IndexOf("id=\"trend\"", StringComparison.Ordinal));
        }
    }
}
