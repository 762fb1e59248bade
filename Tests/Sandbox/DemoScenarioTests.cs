using System;
using System.Linq;
using LeadRecycle.Sandbox;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Sandbox
{
    public sealed class DemoScenarioTests
    {
        private static (DemoScenario Scenario, SandboxReport Report) Play(int days, int seed)
        {
            var scenario = new DemoScenario(new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), seed);
            scenario.Play(days);
            return (scenario, SandboxReport.From(scenario.Organization, scenario.Calls));
        }

        [Fact]
        public void Should_recycle_every_lost_deal_once_when_the_demo_plays_forward()
        {
            var (scenario, report) = Play(90, 11);
            var org = scenario.Organization;

            var lost = org.All(Opportunity.EntityName).Where(o => o.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode).Value == Opportunity.State.Lost).Select(o => o.Id).ToHashSet();
            var recycledFromDeals = org.All(RecycledLead.EntityName).Where(r => r.Contains(RecycledLead.Opportunity)).ToList();

            Assert.True(lost.Count > 20, $"the demo should lose deals; lost {lost.Count}");
            Assert.Equal(lost.Count, report.Opportunities["lost"]);
            Assert.Equal(lost.OrderBy(id => id), recycledFromDeals.Select(r => r.GetAttributeValue<EntityReference>(RecycledLead.Opportunity).Id).OrderBy(id => id));
            Assert.Equal(scenario.Calls["Lose"].Events, recycledFromDeals.Count(r => r.GetAttributeValue<OptionSetValue>(RecycledLead.RecycleType).Value == (int)RecycleType.Active));
            Assert.Equal(report.RecycledLeads.Total, report.RecycledLeads.Active + report.RecycledLeads.Passive);
            // Four calls per loss, plus the attribution query on a deal that came from a returned lead (and its update
            // when it did come back from nurture): the exact costs are pinned by the pipeline tests and the bench.
            var lossesFromNurture = org.All(Opportunity.EntityName).Count(o => o.Contains(Opportunity.OriginatingLead)
                && o.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode).Value == Opportunity.State.Lost);
            var attributedLosses = org.All(RecycledLead.EntityName).Count(r => r.GetAttributeValue<OptionSetValue>(RecycledLead.ReturnOutcome)?.Value == (int)ReturnOutcome.Lost);
            Assert.Equal(4 * scenario.Calls["Lose"].Events + lossesFromNurture + attributedLosses, scenario.Calls["Lose"].Calls);
            Assert.Equal(1.0, report.CallsPerEvent.Single(r => r.Event == "Stage change (Update salesstage)").CallsPerEvent);
        }

        [Fact]
        public void Should_learn_each_stage_from_its_own_history()
        {
            var (scenario, report) = Play(120, 5);

            Assert.Equal(4, report.Stages.Count);
            foreach (var stage in report.Stages)
            {
                // Stays under an hour (a deal won the moment it entered the stage) are set aside by the scan, not learned from.
                var stays = scenario.Organization.All(StageDuration.EntityName)
                    .Where(d => (string)d[StageDuration.StageKey] == stage.StageKey && (decimal)d[StageDuration.Days] >= 1m / 24m).ToList();
                Assert.Equal(stays.Count, stage.CompletedSamples);
                Assert.Equal((double)stays.Average(d => (decimal)d[StageDuration.Days]), stage.MeanDays, 1);
                Assert.Equal(3 * stage.MeanDays, stage.StallAfterDays, 1);
            }
        }

        [Fact]
        public void Should_write_the_same_report_when_the_seed_is_the_same()
        {
            Assert.Equal(Play(45, 3).Report.ToJson(), Play(45, 3).Report.ToJson());
        }
    }
}

namespace LeadRecycle.Tests.Sandbox
{
    public sealed class HtmlReportTests
    {
        [Fact]
        public void Should_render_every_section_and_encode_text_when_the_report_becomes_a_page()
        {
            var report = new SandboxReport
            {
                AsOf = new DateTime(2026, 7, 3, 23, 0, 0, DateTimeKind.Utc),
                Opportunities = new System.Collections.Generic.Dictionary<string, int> { ["open"] = 5, ["won"] = 7, ["lost"] = 3 },
                Stages = { new SandboxReport.StageRow { StageKey = "salesstage:1", Stage = "Develop", CompletedSamples = 12, MeanDays = 5, StallAfterDays = 15, WarnAfterDays = 10, Trusted = true } },
                RecycledLeads = new SandboxReport.RecycledSection { Total = 3, ByReason = { ["No budget"] = 2, ["<script>"] = 1 } },
                CallsPerEvent = { new SandboxReport.CallRow { Event = "Lose", Events = 3, Calls = 9, CallsPerEvent = 3 } },
            };

            var page = HtmlReport.Render(report);

            Assert.StartsWith("<!DOCTYPE html>", page);
            Assert.Contains("Stages: history and thresholds", page);
            Assert.Contains("<td>Develop</td><td>12</td><td>5</td>", page);
            Assert.Contains("<svg", page);
            Assert.Contains("&lt;script&gt;", page);
            Assert.DoesNotContain("<script>", page);
            Assert.Contains("<td>Lose</td><td>3</td><td>9</td><td>3</td>", page);
        }

        [Fact]
        public void Should_say_none_yet_list_stages_in_pipeline_order_and_show_the_history_when_a_replay_becomes_a_page()
        {
            var report = new SandboxReport
            {
                Opportunities = new System.Collections.Generic.Dictionary<string, int> { ["open"] = 2, ["won"] = 0, ["lost"] = 0 },
                Stages =
                {
                    new SandboxReport.StageRow { StageKey = "salesstage:0", Stage = "Qualify" },
                    new SandboxReport.StageRow { StageKey = "salesstage:3", Stage = "Close" },
                },
                Aging = new SandboxReport.AgingSection { ByStage = { new SandboxReport.CountRow { Name = "Close", Stalled = 1 }, new SandboxReport.CountRow { Name = "Qualify", Stalled = 2 } } },
                Replay = new SandboxReport.ReplaySection
                {
                    RowsRead = 3,
                    Imported = 2,
                    SkippedRows = { "line 3: owner is empty" },
                    Assumptions = { ["a deal with no stage is counted in the unnamed stage 'Unknown'"] = 1 },
                },
            };

            var page = HtmlReport.Render(report);

            // An empty chart says why it is empty, never a bare zero.
            Assert.Contains("<b>By reason</b></figcaption><p class=\"none\">None yet: nothing was recycled</p>", page);
            Assert.Contains("No events were played through the plug-ins", page);
            var stalledChart = page.Substring(page.IndexOf("Stalled deals by stage", StringComparison.Ordinal));
            Assert.True(stalledChart.IndexOf(">Qualify<", StringComparison.Ordinal) < stalledChart.IndexOf(">Close<", StringComparison.Ordinal), "stages in pipeline order");
            Assert.Contains("<h2>The imported history</h2>", page);
            Assert.Contains("<td>3</td><td>2</td><td>0</td><td>1</td>", page);
            Assert.Contains("<td>a deal with no stage is counted in the unnamed stage &#39;Unknown&#39;</td><td>1</td>", page);
            Assert.Contains("<li>line 3: owner is empty</li>", page);
            Assert.DoesNotContain("Engagements read", page);
            // Nothing recycled or returned: no rate and no mean exist, and the page does not pretend they are zero.
            Assert.Contains("<div class=\"kpi\"><b>n/a</b>Return rate</div>", page);
            Assert.Contains("<div class=\"kpi\"><b>n/a</b>Days to re-engage</div>", page);
        }

        [Fact]
        public void Should_show_the_return_rate_and_days_to_re_engage_when_leads_have_returned()
        {
            var report = new SandboxReport
            {
                Opportunities = new System.Collections.Generic.Dictionary<string, int> { ["open"] = 1, ["won"] = 0, ["lost"] = 4 },
                ReturnsToRep = new SandboxReport.ReturnsSection { Returned = 4, ReturnRate = 0.25, MeanDaysToReengage = 12.34 },
            };

            report.Replay = new SandboxReport.ReplaySection { EngagementsRead = 9, EngagementsPlayed = 5, EngagementsNotInNurture = 3, EngagementsOutsidePeriod = 1 };
            var page = HtmlReport.Render(report);

            Assert.Contains("<div class=\"kpi\"><b>25.0 %</b>Return rate</div>", page);
            Assert.Contains("<td>9</td><td>5</td><td>3</td><td>1</td>", page);
            Assert.Contains("<div class=\"kpi\"><b>12.3</b>Days to re-engage</div>", page);
        }
    }
}
