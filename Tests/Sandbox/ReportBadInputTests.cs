using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LeadRecycle.Sandbox;
using Xunit;

namespace LeadRecycle.Tests.Sandbox
{
    /// <summary>Histories that leave figures empty: the page still renders, and says why each figure is absent.</summary>
    public sealed class ReportBadInputTests
    {
        private static readonly DateTime AsOf = new DateTime(2017, 6, 30, 23, 0, 0, DateTimeKind.Utc);

        private static (SandboxReport Report, string Page) Replay(string csv)
        {
            var (rows, problems) = HistoryCsv.Read(new StringReader(csv));
            Assert.Empty(problems);
            var replay = new HistoryReplay(AsOf);
            replay.Import(rows);
            replay.Scan();
            var report = SandboxReport.From(replay.Organization, new Dictionary<string, CallLedger.Entry>());
            report.Replay = new SandboxReport.ReplaySection { RowsRead = rows.Count, Imported = replay.Imported };
            return (report, HtmlReport.Render(report));
        }

        private static void AssertRendered(string page)
        {
            Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
            Assert.EndsWith("</body></html>", page, StringComparison.Ordinal);
            foreach (var id in new[] { "headline", "outcomes", "waterfall", "velocity", "money", "trend", "appendix" })
            {
                Assert.Contains("id=\"" + id + "\"", page, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void Should_render_and_say_why_every_figure_is_absent_when_the_history_is_empty()
        {
            var (report, page) = Replay("opportunity_id,owner,state,stage,stage_entered_on,closed_on,value\n");

            AssertRendered(page);
            Assert.Empty(report.Waterfall.Stages);
            Assert.Empty(report.Velocity.Stages);
            Assert.Empty(report.Trend.Weeks);
            Assert.Contains("No deal with a stage: the organization (or the history up to the as-of date) has no opportunity.", page, StringComparison.Ordinal);
            Assert.Contains("No stage to measure: no deal has a stage and no stay has been recorded.", page, StringComparison.Ordinal);
            Assert.Contains("No recycled lead: no deal was lost or disqualified", page, StringComparison.Ordinal);
            Assert.Contains("No dated event up to the report&#39;s date", page, StringComparison.Ordinal);
            Assert.Contains("No deal was open on that date, so there was nothing to flag.", page, StringComparison.Ordinal);
            Assert.Equal("no open deal", report.Money.WhyZero["openPipelineValue"]);
            Assert.Contains("zero: no open deal</small>", page, StringComparison.Ordinal);
            Assert.Contains("Return rate n/a: no recycled lead was put in a nurture stream", page, StringComparison.Ordinal);
            Assert.Contains("<b>Exits to nurture by stage (active + passive)</b></figcaption><p class=\"none\">None yet: no deal or lead has been recycled</p>", page, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_say_why_outcomes_are_absent_when_the_history_has_no_losses()
        {
            var (report, page) = Replay(string.Join("\n",
                "opportunity_id,owner,owner_manager,state,stage,stage_entered_on,closed_on,value",
                "A1,Ann,Max,won,Close,2017-01-02,2017-01-20,100",
                "A2,Ann,Max,won,Close,2017-02-01,2017-02-11,100",
                "A3,Bob,Max,open,Close,2017-06-20,,300",
                "A4,Bob,Max,open,Qualify,2017-06-25,,50"));

            AssertRendered(page);
            Assert.Equal(0, report.Opportunities["lost"]);
            Assert.Contains("No recycled lead: no deal was lost or disqualified with a Return-to-Nurture reason", report.Outcomes.WhyEmpty, StringComparison.Ordinal);
            // The waterfall still has its stages: Qualify -> Close, two won of the two that left Close.
            Assert.Equal(new[] { "Qualify", "Close" }, report.Waterfall.StageOrder);
            Assert.Equal(1.0, report.Waterfall.Stages[1].WinRateOfLeft);
            // Qualify: four deals reached it (three are further on), one is still there: 3 of the 3 that left advanced.
            Assert.Equal((4, 3, 1.0), (report.Waterfall.Stages[0].Entered, report.Waterfall.Stages[0].Left, report.Waterfall.Stages[0].ConversionToNext!.Value));
            Assert.Equal("nothing was recycled", report.Money.WhyZero["recycledValue"]);
            Assert.Equal("no open deal is past its stage&#39;s stall threshold".Replace("&#39;", "'", StringComparison.Ordinal), report.Money.WhyZero["stalledValue"]);
            Assert.Equal(0, report.Headline.Stalled);
            Assert.Contains(report.Headline.DealsFlagged == 0 ? "No open deal had stayed in its stage past twice the stage's mean" : "No value leaves the forecast: the flagged deals are only warned, none stalled.", page, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_say_why_returns_and_wins_are_absent_when_there_is_no_engagement()
        {
            // Played forward through the plug-ins without an engagement file: losses are recycled, nothing can return.
            var (rows, problems) = HistoryCsv.Read(new StringReader(string.Join("\n",
                "opportunity_id,owner,owner_manager,state,stage,stage_entered_on,created_on,closed_on,loss_reason,value",
                "D1,Ann,Max,lost,Develop,2017-01-02,2017-01-02,2017-01-20,No budget,100",
                "D2,Ann,Max,lost,Qualify,2017-01-03,2017-01-03,2017-02-10,Lost to competitor,200",
                "D3,Bob,Max,won,Close,2017-01-04,2017-01-04,2017-02-01,,300",
                "D4,Bob,Max,open,Propose,2017-01-05,2017-01-05,,,400")));
            Assert.Empty(problems);
            var simulation = new HistorySimulation(rows, new DateTime(2017, 1, 1), new DateTime(2017, 3, 31));
            simulation.Run();
            var report = SandboxReport.From(simulation.Replay.Organization, simulation.Ledger.Entries);
            var page = HtmlReport.Render(report);

            AssertRendered(page);
            // The two losses, and D4, stalled in Propose until its service level lapsed.
            Assert.Equal(3, report.Outcomes.Total.Recycled);
            Assert.Equal(1, report.Waterfall.Stages.Single(st => st.Stage == "Propose").ExitsPassive);
            Assert.Equal(0, report.Outcomes.Total.Returned);
            // Nurtured but none returned: the rate is a true zero over its denominator, the days are n/a with their reason.
            Assert.Equal(0.0, report.Outcomes.Total.ReturnRate);
            Assert.Contains("0.0 % <small>(0/3)</small>", page, StringComparison.Ordinal);
            Assert.Null(report.Outcomes.Total.MedianDaysToReengage);
            Assert.Contains("days to re-engage n/a: none has returned to sales yet", page, StringComparison.Ordinal);
            Assert.Equal("no recycled lead has returned to sales", report.Money.WhyZero["returnedValue"]);
            Assert.Contains("No week has a returned event: no recycled lead re-engaged past its threshold in the period (it needs the prospect's engagement).", page, StringComparison.Ordinal);
            Assert.Contains("No week has a won after return event", page, StringComparison.Ordinal);
            Assert.Equal(3, report.Trend.Weeks.Sum(w => w.Recycled));
        }

        [Fact]
        public void Should_say_why_nothing_returned_when_a_short_demo_period_has_no_return()
        {
            var scenario = new DemoScenario(new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), 3);
            scenario.Play(14);
            var report = SandboxReport.From(scenario.Organization, scenario.Calls);
            var page = HtmlReport.Render(report);

            AssertRendered(page);
            Assert.Equal(0, report.ReturnsToRep.Returned);
            Assert.Contains("Days to re-engage n/a: no recycled lead has returned to its rep", page, StringComparison.Ordinal);
            Assert.Equal("no recycled lead has returned to sales", report.Money.WhyZero["revenueWonAfterReturn"]);
            Assert.True(report.RecycledLeads.Total > 0, "the demo's first days recycle deals");
            Assert.Contains("<b>Revenue won after return by reason</b></figcaption><p class=\"none\">None yet: no recycled lead has returned to sales</p>", page, StringComparison.Ordinal);
        }
    }
}
