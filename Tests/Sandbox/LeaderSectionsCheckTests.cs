using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using LeadRecycle.Sandbox;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace LeadRecycle.Tests.Sandbox
{
    /// <summary>
    /// The sales leader's sections of the demo and of the Maven replay, recomputed by another route: the demo's by
    /// queries the organization filters itself (one per stage, stream or status), the Maven replay's from the sample's
    /// own CSV rows; percentiles are checked by their defining property (counts at and below), not by the same formula.
    /// </summary>
    public sealed class LeaderSectionsCheckTests
    {
        private static readonly string MavenFolder = Path.GetFullPath(Path.Combine(BuildLayout.RepositoryRoot, "third-party", "maven-crm"));

        /// <summary>Nearest rank, by definition: an observed value with at least P% of the values at or below it and fewer than P% below it.</summary>
        private static void AssertNearestRank(IReadOnlyCollection<double> values, double percent, double? reported, int digits = 1)
        {
            Assert.NotNull(reported);
            var candidates = values.Where(v => Math.Round(v, digits) == reported!.Value).ToList();
            Assert.True(candidates.Count > 0, $"{reported} is not one of the values");
            Assert.Contains(candidates, v => values.Count(x => x <= v) * 100.0 >= percent * values.Count && values.Count(x => x < v) * 100.0 < percent * values.Count);
        }

        private static List<Entity> Query(IOrganizationService service, string table, params (string Column, object Value)[] conditions)
        {
            var query = new QueryExpression(table) { ColumnSet = new ColumnSet(true), PageInfo = new PagingInfo { Count = 5000, PageNumber = 1 } };
            foreach (var (column, value) in conditions)
            {
                query.Criteria.AddCondition(column, ConditionOperator.Equal, value);
            }

            var rows = new List<Entity>();
            for (EntityCollection page; ; query.PageInfo.PageNumber++)
            {
                page = service.RetrieveMultiple(query);
                rows.AddRange(page.Entities);
                if (!page.MoreRecords)
                {
                    return rows;
                }

                query.PageInfo.PagingCookie = page.PagingCookie;
            }
        }

        [Fact]
        public void Should_match_an_independent_count_when_the_demo_plays_forward()
        {
            var scenario = new DemoScenario(new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), 5);
            scenario.Play(120);
            var service = scenario.Organization.Service;
            var report = SandboxReport.From(scenario.Organization, scenario.Calls);
            var page = HtmlReport.Render(report);

            // Velocity: each stage's stays fetched by a filtered query; median and p80 checked by their definition.
            Assert.Equal(4, report.Velocity.Stages.Count);
            foreach (var stage in report.Velocity.Stages)
            {
                var stays = Query(service, StageDuration.EntityName, (StageDuration.StageKey, stage.StageKey))
                    .Select(d => (double)d.GetAttributeValue<decimal>(StageDuration.Days)).Where(d => d >= 1.0 / 24 && d <= 36500).ToList();
                Assert.Equal(stays.Count, stage.CompletedStays);
                AssertNearestRank(stays, 50, stage.MedianDays);
                AssertNearestRank(stays, 80, stage.P80Days);
                var open = Query(service, Opportunity.EntityName, (Opportunity.StageKey, stage.StageKey), (CommonColumns.StateCode, Opportunity.State.Open));
                Assert.Equal(open.Count, stage.OpenDeals);
                Assert.Equal(open.Count, stage.AgeHistogram.Sum() + stage.OpenWithoutStageClock);
            }

            // Waterfall: a deal entered a stage when it has a recorded stay there or is there now (no assumption of one line of stages).
            var deals = Query(service, Opportunity.EntityName);
            foreach (var stage in report.Waterfall.Stages)
            {
                var visited = Query(service, StageDuration.EntityName, (StageDuration.StageKey, stage.StageKey)).Select(d => d.GetAttributeValue<EntityReference>(StageDuration.Opportunity).Id)
                    .Concat(deals.Where(d => d.GetAttributeValue<string>(Opportunity.StageKey) == stage.StageKey).Select(d => d.Id)).ToHashSet();
                Assert.Equal(visited.Count, stage.Entered);
                var openHere = Query(service, Opportunity.EntityName, (Opportunity.StageKey, stage.StageKey), (CommonColumns.StateCode, Opportunity.State.Open)).Count;
                Assert.Equal(openHere, stage.OpenHere);
            }

            for (var i = 0; i + 1 < report.Waterfall.Stages.Count; i++)
            {
                var (here, next) = (report.Waterfall.Stages[i], report.Waterfall.Stages[i + 1]);
                Assert.Equal(Math.Round((double)next.Entered / (here.Entered - here.OpenHere), 4), here.ConversionToNext);
            }

            // Outcomes by stream: each stream's leads and returns by a filtered query; days to re-engage by definition.
            Assert.True(report.Outcomes.ByStream.Count >= 5);
            foreach (NurtureStream stream in Enum.GetValues(typeof(NurtureStream)))
            {
                var leads = Query(service, RecycledLead.EntityName, (RecycledLead.NurtureStream, (int)stream));
                var row = report.Outcomes.ByStream.SingleOrDefault(r => r.Name == Labels.Streams[stream]);
                if (leads.Count == 0)
                {
                    Assert.Null(row);
                    continue;
                }

                var returned = Query(service, RecycledLead.EntityName, (RecycledLead.NurtureStream, (int)stream), (CommonColumns.StatusCode, RecycledLead.Status.ReturnedToSales));
                Assert.Equal((leads.Count, returned.Count), (row!.Recycled, row.Returned));
                Assert.Equal(Math.Round((double)returned.Count / leads.Count, 4), row.ReturnRate);
                if (returned.Count > 0)
                {
                    var days = returned.Select(r => (r.GetAttributeValue<DateTime>(RecycledLead.ReturnedOn) - r.GetAttributeValue<DateTime>(RecycledLead.RecycledOn)).TotalDays).ToList();
                    AssertNearestRank(days, 50, row.MedianDaysToReengage);
                    AssertNearestRank(days, 80, row.P80DaysToReengage);
                }
            }

            Assert.Equal(report.Outcomes.ByStream.Select(r => r.Recycled).OrderByDescending(n => n), report.Outcomes.ByStream.Select(r => r.Recycled));

            // Money: the stalled and warned deals by a filtered query.
            decimal Value(IEnumerable<Entity> rows) => rows.Sum(o => o.GetAttributeValue<Money>(Opportunity.EstimatedValue)?.Value ?? 0);
            var stalled = Query(service, Opportunity.EntityName, (CommonColumns.StateCode, Opportunity.State.Open), (Opportunity.AgingStatus, (int)AgingStatus.Stalled));
            Assert.Equal(Value(stalled), report.Money.StalledValue);
            Assert.Equal(Value(Query(service, Opportunity.EntityName, (CommonColumns.StateCode, Opportunity.State.Open), (Opportunity.AgingStatus, (int)AgingStatus.Warning))), report.Money.WarnedValue);
            Assert.Equal(Value(stalled), report.Headline.ValueOutOfForecast);
            Assert.True(report.Money.OpenPipelineValue > 0 && report.Money.RecycledValue > 0 && report.Money.ReturnedValue > 0);

            // Trend: each week by the calendar's own ISO week (System.Globalization.ISOWeek), not the report's arithmetic.
            var recycled = Query(service, RecycledLead.EntityName);
            Assert.Equal(recycled.Count, report.Trend.Weeks.Sum(w => w.Recycled));
            foreach (var week in report.Trend.Weeks)
            {
                var (year, number) = (ISOWeek.GetYear(week.WeekStarting), ISOWeek.GetWeekOfYear(week.WeekStarting));
                Assert.Equal(DayOfWeek.Monday, week.WeekStarting.DayOfWeek);
                Assert.Equal(recycled.Count(r => ISOWeek.GetYear(r.GetAttributeValue<DateTime>(RecycledLead.RecycledOn)) == year && ISOWeek.GetWeekOfYear(r.GetAttributeValue<DateTime>(RecycledLead.RecycledOn)) == number), week.Recycled);
            }

            // Each new section renders with data.
            Assert.True(report.Headline.DealsFlagged > 0);
            Assert.Contains("<table class=\"outcomes\">", page, StringComparison.Ordinal);
            Assert.Contains("<table class=\"waterfall\"><tr><th>Stage</th>", page, StringComparison.Ordinal);
            Assert.Contains("<table class=\"velocity\">", page, StringComparison.Ordinal);
            Assert.Contains("<table class=\"managers\">", page, StringComparison.Ordinal);
            Assert.Contains("<b>Returned to sales</b> (total " + report.Trend.Weeks.Sum(w => w.Returned) + ")</figcaption><svg", page, StringComparison.Ordinal);
            Assert.Contains("<div class=\"kpi\"><b>" + report.Money.StalledValue.ToString("N0", CultureInfo.InvariantCulture) + "</b>Value of stalled deals", page, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_match_the_maven_csv_rows_when_the_maven_history_is_replayed()
        {
            var asOf = new DateTime(2017, 6, 30, 23, 0, 0, DateTimeKind.Utc);
            var (rows, problems) = HistoryCsv.Read(new StringReader(string.Join("\n", MavenCrmConverter.Convert(MavenFolder))));
            Assert.Empty(problems);
            var replay = new HistoryReplay(asOf);
            replay.Import(rows);
            replay.Scan();
            var report = SandboxReport.From(replay.Organization, new Dictionary<string, CallLedger.Entry>());
            report.Replay = new SandboxReport.ReplaySection { RowsRead = rows.Count, Imported = replay.Imported };
            var page = HtmlReport.Render(report);

            // From the sample's own files: sales_pipeline.csv (deal_stage, engage_date, close_date, close_value) and sales_teams.csv.
            static DateTime? Date(string text) => text.Length == 0 ? null : DateTime.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            var raw = File.ReadAllLines(Path.Combine(MavenFolder, "sales_pipeline.csv")).Skip(1).Select(HistoryCsv.Split).ToList();
            var managerOf = File.ReadAllLines(Path.Combine(MavenFolder, "sales_teams.csv")).Skip(1).Select(HistoryCsv.Split).ToDictionary(f => f[0], f => f[1]);
            var existing = raw.Where(f => Date(f[5]) is not DateTime engaged || engaged <= asOf).ToList();
            var closed = existing.Where(f => (f[4] == "Won" || f[4] == "Lost") && Date(f[6]) <= asOf).ToList();
            var stays = closed.Where(f => Date(f[5]) != null).Select(f => (Date(f[6])!.Value - Date(f[5])!.Value).TotalDays).ToList();
            var open = existing.Except(closed).ToList();

            var engaging = Assert.Single(report.Velocity.Stages, s => s.Stage == "Engaging");
            Assert.Equal(stays.Count, engaging.CompletedStays);
            AssertNearestRank(stays, 50, engaging.MedianDays);
            AssertNearestRank(stays, 80, engaging.P80Days);
            Assert.True(engaging.P80Days > engaging.MedianDays);
            Assert.Equal(open.Count(f => f[4] != "Prospecting"), engaging.OpenDeals);
            Assert.Contains("no completed stay", Assert.Single(report.Velocity.Stages, s => s.Stage == "Prospecting").Why, StringComparison.Ordinal);

            // Waterfall: Prospecting then Engaging; every deal past Prospecting is in Engaging or closed from it.
            Assert.Equal(new[] { "Prospecting", "Engaging" }, report.Waterfall.StageOrder);
            Assert.True(report.Waterfall.StageOrderAssumed);
            var prospecting = report.Waterfall.Stages[0];
            Assert.Equal(existing.Count, prospecting.Entered);
            Assert.Equal(open.Count(f => f[4] == "Prospecting"), prospecting.OpenHere);
            Assert.Equal(1.0, prospecting.ConversionToNext);
            var won = closed.Count(f => f[4] == "Won");
            Assert.Equal((won, closed.Count), (report.Waterfall.Stages[1].WonHere, report.Waterfall.Stages[1].Left));
            Assert.Equal(Math.Round((double)won / closed.Count, 4), report.Waterfall.Stages[1].WinRateOfLeft);

            // Reps by manager: open deals per manager from the two files.
            foreach (var manager in report.Velocity.Managers)
            {
                Assert.Equal(open.Count(f => managerOf.GetValueOrDefault(f[1]) == manager.Manager), manager.OpenDeals);
                Assert.Equal(manager.Reps.Sum(r => r.Stalled), manager.Stalled);
            }

            Assert.Equal(report.Aging.Stalled, report.Velocity.Managers.Sum(m => m.Stalled));

            // Money: the open deals' values as the sample states them (open deals mostly carry none).
            Assert.Equal(open.Sum(f => f[7].Length == 0 ? 0m : decimal.Parse(f[7], CultureInfo.InvariantCulture)), report.Money.OpenPipelineValue);
            Assert.Equal(open.Count(f => f[7].Length == 0), report.Money.OpenDealsWithoutValue);

            // The headline of a replay, and each absent figure with its reason.
            Assert.Equal((report.Aging.Warned + report.Aging.Stalled, open.Count), (report.Headline.DealsFlagged, report.Headline.OpenDeals));
            Assert.Contains("On 2017-06-30 LeadRecycle would have flagged " + report.Headline.DealsFlagged + " of " + open.Count + " open deals", page, StringComparison.Ordinal);
            Assert.Contains("the " + closed.Count(f => f[4] == "Lost") + " lost deal(s) came in as history", page, StringComparison.Ordinal);
            Assert.Contains("the stalled deals carry no estimated value", page, StringComparison.Ordinal);
            Assert.Contains("runs the scan once, on the as-of date", page, StringComparison.Ordinal);
            Assert.Contains("<table class=\"velocity\">", page, StringComparison.Ordinal);
            Assert.Contains("<table class=\"managers\">", page, StringComparison.Ordinal);
            Assert.Contains("<b>Stalled</b> (total " + report.Aging.Stalled + ")", page, StringComparison.Ordinal);
        }
    }
}
