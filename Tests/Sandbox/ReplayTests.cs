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
        private static readonly string MavenFolder = Path.GetFullPath(Path.Combine(BuildLayout.RepositoryRoot, "third-party", "maven-crm"));

        [Fact]
        public void Should_learn_the_stage_and_flag_stalled_deals_when_the_maven_history_is_replayed()
        {
            Assert.True(Directory.Exists(MavenFolder), $"The maven-crm dataset is expected at {MavenFolder} (third-party/ in the repository).");
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
    [Collection(ConsoleCollection.Name)]
    public sealed class HistoryStreamingTests
    {
        /// <summary>A reader that counts the lines handed out, to see how far ahead of the importer the file has been read.</summary>
        private sealed class CountingReader : System.IO.StringReader
        {
            public CountingReader(string text)
                : base(text)
            {
            }

            public int LinesRead { get; private set; }

            public override string? ReadLine()
            {
                var line = base.ReadLine();
                if (line != null)
                {
                    LinesRead++;
                }

                return line;
            }
        }

        [Fact]
        public void Should_read_one_row_ahead_of_the_importer_when_a_history_is_streamed()
        {
            var csv = "opportunity_id,owner,state\n" + string.Concat(System.Linq.Enumerable.Range(1, 1000).Select(i => $"D{i},Ann,open\n")) + "D1,Ann,open\n";
            using var reader = new CountingReader(csv);
            var problems = new System.Collections.Generic.List<HistoryProblem>();

            var rows = HistoryCsv.ReadRows(reader, problems);
            var headerOnly = reader.LinesRead;
            using var enumerator = rows.GetEnumerator();
            Assert.True(enumerator.MoveNext());
            var afterFirst = reader.LinesRead;
            var count = 1;
            while (enumerator.MoveNext())
            {
                count++;
            }

            Assert.Equal(1, headerOnly);
            Assert.Equal(2, afterFirst);
            Assert.Equal(1000, count);
            Assert.Equal("line 1002: opportunity_id 'D1' appears more than once", Assert.Single(problems).ToString());
        }

        [Fact]
        public void Should_refuse_before_any_row_when_the_streamed_file_has_no_header()
        {
            var problems = new System.Collections.Generic.List<HistoryProblem>();

            var refusal = Assert.Throws<UnreadableFileException>(() => HistoryCsv.ReadRows(new System.IO.StringReader("D1,Ann,open\n"), problems));

            Assert.Equal("line 1 is not a header row: it names none of the columns opportunity_id, owner, state", refusal.Message);
        }
    }

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

        [Fact]
        public void Should_refuse_to_simulate_when_strict_and_an_engagement_row_is_bad()
        {
            var folder = Path.Combine(Path.GetTempPath(), "lr-sim-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var history = Path.Combine(folder, "history.csv");
            var engagements = Path.Combine(folder, "engagements.csv");
            File.WriteAllText(history, "opportunity_id,owner,state,created_on\nD1,Ann,open,2017-01-02\n");
            File.WriteAllText(engagements, "opportunity_id,occurred_on,type\nD1,2017-02-30,EmailClick\n");
            var output = Path.Combine(folder, "out");
            var error = new StringWriter();
            var previous = Console.Error;
            Console.SetError(error);
            try
            {
                Assert.Equal(1, Program.Main(new[] { "simulate", history, "--from", "2017-01-01", "--to", "2017-01-31", "--engagements", engagements, "--strict", "--out", output }));
                Assert.Equal(2, Program.Main(new[] { "simulate", history, "--from", "2017-01-01", "--to", "2017-01-31", "--engagements", Path.Combine(folder, "none.csv"), "--out", output }));
            }
            finally
            {
                Console.SetError(previous);
            }

            Assert.False(File.Exists(Path.Combine(output, "report.json")));
            var lines = error.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            Assert.Contains("refused engagements line 2: occurred_on '2017-02-30' is not a date (yyyy-MM-dd)", lines);
            Assert.Contains("1 bad engagement row(s); nothing was simulated (--strict).", lines);
            Assert.Contains("No engagement file at " + Path.Combine(folder, "none.csv") + ".", lines);
        }

        [Fact]
        public void Should_return_a_recycled_deal_to_its_rep_when_the_prospects_engagements_play_forward()
        {
            var history = string.Join("\n",
                "opportunity_id,owner,owner_manager,stage,stage_entered_on,created_on,closed_on,state,loss_reason",
                "D1,Ann,Max,Engaging,2017-01-02,2017-01-02,2017-01-10,lost,No budget",
                "D2,Bo,Max,Engaging,2017-01-03,2017-01-03,2017-01-12,won,");
            var engagements = string.Join("\n",
                "opportunity_id,occurred_on,type,likelihood,source,campaign",
                "D1,2017-01-05,Email click,,,spring",                    // before the loss: the deal is not in nurture yet
                "D1,2017-02-01,EmailClick,,Newsletter,spring",
                "D1,2017-02-03,LikelihoodAnswer,4,Survey,spring",        // a 4 returns the lead at once
                "D2,2017-02-04,WebVisit,,,",                             // won, never recycled
                "D1,2017-06-01,MeetingBooked,,,",                        // after --to
                "D1,2017-02-05,Phone call,,,",                           // not an engagement type
                "D1,2017-02-06,LikelihoodAnswer,,,");                    // an answer without its 1-4
            var (rows, problems) = HistoryCsv.Read(new System.IO.StringReader(history));
            Assert.Empty(problems);
            var (engaged, engagementProblems) = EngagementHistoryCsv.Read(new System.IO.StringReader(engagements));
            Assert.Equal(new[]
            {
                "line 7: type 'Phone call' is not an engagement type; use one of: EmailClick, FormSubmission, WebinarAttended, EmailReply, MeetingBooked, WebVisit, LikelihoodAnswer",
                "line 8: a LikelihoodAnswer needs likelihood (1-4)",
            }, engagementProblems.Select(p => p.ToString()));

            var simulation = new HistorySimulation(rows, engaged, new DateTime(2017, 1, 1), new DateTime(2017, 3, 31));
            simulation.Run();

            Assert.Equal(2, simulation.EngagementsPlayed);
            Assert.Equal(2, simulation.EngagementsNotInNurture);
            Assert.Equal(1, simulation.EngagementsOutsidePeriod);
            var org = simulation.Replay.Organization;
            var all = org.All(RecycledLead.EntityName);
            var recycled = Assert.Single(all, r => r.GetAttributeValue<EntityReference>(RecycledLead.Opportunity)?.Id == simulation.Replay.Ids["D1"]);
            Assert.Equal(RecycledLead.Status.ReturnedToSales, recycled.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value);
            Assert.Equal(new DateTime(2017, 2, 3, 12, 0, 0, DateTimeKind.Utc), recycled.GetAttributeValue<DateTime>(RecycledLead.ReturnedOn));
            // Back to the rep who lost the deal.
            var ann = Assert.Single(org.All(SystemUser.EntityName), u => u.GetAttributeValue<string>(SystemUser.FullName) == "Ann");
            Assert.Equal(ann.Id, recycled.GetAttributeValue<EntityReference>(RecycledLead.ReturnedTo).Id);
            Assert.Equal(2, org.All(Engagement.EntityName).Count);

            // The returned lead then saw no activity for the sales-accepted service level (30 days): LeadRecycle took it back to nurture.
            var lapsed = Assert.Single(all, r => r.Id != recycled.Id);
            Assert.Equal(recycled.GetAttributeValue<EntityReference>(RecycledLead.ReturnedLead).Id, lapsed.GetAttributeValue<EntityReference>(RecycledLead.OriginatingLead).Id);
            Assert.Equal((int)RecycleType.Passive, lapsed.GetAttributeValue<OptionSetValue>(RecycledLead.RecycleType).Value);
            Assert.Equal(new DateTime(2017, 3, 5, 23, 0, 0, DateTimeKind.Utc), lapsed.GetAttributeValue<DateTime>(RecycledLead.RecycledOn));

            var report = SandboxReport.From(org, simulation.Ledger.Entries);
            Assert.Equal(1, report.ReturnsToRep.Returned);
            Assert.Equal(new DateTime(2017, 2, 3, 12, 0, 0, DateTimeKind.Utc).Subtract(recycled.GetAttributeValue<DateTime>(RecycledLead.RecycledOn)).TotalDays,
                report.ReturnsToRep.MeanDaysToReengage!.Value, 1);
            Assert.Contains(report.CallsPerEvent, c => c.Event == "Engagement" && c.Events == 2);
        }
    }
}
