using System;
using System.Globalization;
using System.IO;
using System.Linq;
using LeadRecycle.Sandbox;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Sandbox
{
    public sealed class ReplayTests
    {
        private static readonly string MavenFolder = Path.GetFullPath(Path.Combine(BuildLayout.RepositoryRoot, "..", "shared", "datasets", "maven-crm"));

        [Fact]
        public void Should_learn_the_stage_and_flag_stalled_deals_when_the_maven_history_is_replayed()
        {
            Assert.True(Directory.Exists(MavenFolder), $"The maven-crm dataset is expected at {MavenFolder} (../shared beside the repository).");
            var asOf = new DateTime(2017, 6, 30, 23, 0, 0, DateTimeKind.Utc);
            var csv = string.Join("\n", MavenCrmConverter.Convert(MavenFolder));
            var (rows, problems) = HistoryCsv.Read(new StringReader(csv));

            var replay = new HistoryReplay(asOf);
            replay.Import(rows);
            replay.Scan();

            // Independent reading of the raw sample: closed deals' Engaging stays, and open deals past 3x their mean.
            var raw = File.ReadAllLines(Path.Combine(MavenFolder, "sales_pipeline.csv")).Skip(1).Select(HistoryCsv.Split).ToList();
            static DateTime? Date(string text) => text.Length == 0 ? null : DateTime.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            var stays = raw.Where(f => (f[4] == "Won" || f[4] == "Lost") && Date(f[6]) <= asOf && Date(f[5]) != null)
                .Select(f => (Date(f[6])!.Value - Date(f[5])!.Value).TotalDays).ToList();
            var mean = stays.Average();
            var openEngaging = raw.Where(f => Date(f[5]) != null && Date(f[5]) <= asOf && (f[4] == "Engaging" || Date(f[6]) > asOf)).ToList();
            var expectedStalled = openEngaging.Count(f => (asOf - Date(f[5])!.Value).TotalDays > 3 * mean);

            Assert.Empty(problems);
            Assert.Equal(raw.Count, replay.Imported + replay.NotYetCreated);
            var statistic = Assert.Single(replay.Organization.All(StageStatistic.EntityName));
            Assert.Equal(stays.Count, statistic[StageStatistic.Count]);
            Assert.Equal(mean, (double)statistic[StageStatistic.MeanDays], 3);
            var stalled = replay.Organization.All(Opportunity.EntityName).Count(o => o.GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus)?.Value == (int)AgingStatus.Stalled);
            Assert.True(expectedStalled > 0);
            Assert.Equal(expectedStalled, stalled);
            Assert.Equal(500, replay.Assumptions["an open deal with neither stage_entered_on nor created_on entered its stage on the as-of date (it cannot stall yet)"]);

            // The sample's losses carry no reason, so nothing was recycled: no return rate or time to re-engage exists yet.
            var returns = SandboxReport.From(replay.Organization, new System.Collections.Generic.Dictionary<string, CallLedger.Entry>()).ReturnsToRep;
            Assert.Equal(0, returns.Returned);
            Assert.Null(returns.ReturnRate);
            Assert.Null(returns.MeanDaysToReengage);
        }

        [Fact]
        public void Should_report_each_bad_row_with_its_line_number()
        {
            var csv = string.Join("\n",
                "opportunity_id,owner,state,stage,stage_entered_on,closed_on,value,extra",
                "A1,Ann,open,Qualify,2017-01-02,,100,ignored",
                ",Ann,open,Qualify,2017-01-02,,100,x",
                "A3,Bo,won,Close,2017-01-02,,1,",
                "A4,Bo,maybe,Close,02/01/2017,,ten,",
                "A1,Ann,open,Qualify,2017-01-02,,100,");

            var (rows, problems) = HistoryCsv.Read(new StringReader(csv));

            Assert.Single(rows);
            Assert.Equal(new[]
            {
                "line 3: opportunity_id is empty",
                "line 4: a won deal needs closed_on",
                "line 5: state 'maybe' must be open, won or lost; value 'ten' is not a number; stage_entered_on '02/01/2017' is not a date (yyyy-MM-dd)",
                "line 6: opportunity_id 'A1' appears more than once",
            }, problems.Select(p => p.ToString()));
        }

        [Fact]
        public void Should_refuse_the_whole_file_when_strict_and_a_row_is_bad()
        {
            var folder = Path.Combine(Path.GetTempPath(), "lr-replay-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, "history.csv");
            File.WriteAllText(file, "opportunity_id,owner,state\nA1,Ann,open\nA2,,open\n");

            var exit = Program.Main(new[] { "replay", file, "--as-of", "2017-06-30", "--strict", "--out", Path.Combine(folder, "out") });

            Assert.Equal(1, exit);
            Assert.False(File.Exists(Path.Combine(folder, "out", "report.json")));
            Assert.Equal(0, Program.Main(new[] { "replay", file, "--as-of", "2017-06-30", "--out", Path.Combine(folder, "out") }));
            Assert.Contains("\"skippedRows\": [\n      \"line 3: owner is empty\"", File.ReadAllText(Path.Combine(folder, "out", "report.json")).Replace("\r\n", "\n", StringComparison.Ordinal));
        }
    }
}

namespace LeadRecycle.Tests.Sandbox
{
    public sealed class SimulationTests
    {
        [Fact]
        public void Should_recycle_losses_and_return_stalled_deals_to_nurture_when_the_history_plays_forward()
        {
            var csv = string.Join("\n",
                "opportunity_id,owner,owner_manager,stage,stage_entered_on,created_on,closed_on,state,loss_reason",
                "D1,Ann,Max,Engaging,2017-01-02,2017-01-02,2017-01-10,won,",
                "D2,Ann,Max,Engaging,2017-01-03,2017-01-03,2017-01-12,lost,No budget",
                "D3,Bo,Max,Engaging,2017-01-04,2017-01-04,,open,",
                "D4,Bo,Max,Engaging,2017-01-20,2017-01-20,2017-01-25,lost,");
            var (rows, problems) = HistoryCsv.Read(new System.IO.StringReader(csv));
            Assert.Empty(problems);

            var simulation = new HistorySimulation(rows, new DateTime(2017, 1, 1), new DateTime(2017, 3, 31));
            simulation.Run();

            var org = simulation.Replay.Organization;
            var recycled = org.All(RecycledLead.EntityName);
            Assert.Equal(3, recycled.Count);
            Assert.Single(recycled, r => r.GetAttributeValue<OptionSetValue>(RecycledLead.Reason).Value == (int)DisqualificationReason.NoBudget);
            Assert.Single(recycled, r => r.GetAttributeValue<OptionSetValue>(RecycledLead.Reason).Value == (int)DisqualificationReason.UnableToReach);
            var passive = Assert.Single(recycled, r => r.GetAttributeValue<OptionSetValue>(RecycledLead.RecycleType).Value == (int)RecycleType.Passive);
            Assert.Equal(simulation.Replay.Ids["D3"], passive.GetAttributeValue<EntityReference>(RecycledLead.Opportunity).Id);
            Assert.Equal(1, simulation.Replay.Assumptions["a loss without a reason LeadRecycle knows closes with 'Unable to reach' and placeholder checklist text"]);
            Assert.Equal(Opportunity.State.Won, org.Find(Opportunity.EntityName, simulation.Replay.Ids["D1"])!.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode).Value);
        }
    }
}
