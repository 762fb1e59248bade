using System;
using System.Globalization;
using System.IO;
using System.Linq;
using LeadRecycle.Sandbox;
using LeadRecycle.Schema;
using Xunit;

namespace LeadRecycle.Tests.Sandbox
{
    [Collection(ConsoleCollection.Name)]
    public sealed class SyntheticHistoryTests : IDisposable
    {
        private static readonly DateTime ExportedOn = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private readonly string _folder = Path.Combine(Path.GetTempPath(), "lr-syn-" + Guid.NewGuid().ToString("N"));

        public SyntheticHistoryTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private static string Generate(int deals, int seed)
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            SyntheticHistory.Write(writer, new SyntheticHistoryOptions { Deals = deals, Seed = seed, ExportedOn = ExportedOn });
            return writer.ToString();
        }

        [Fact]
        public void Should_write_the_same_history_when_the_seed_is_the_same()
        {
            Assert.Equal(Generate(2_000, 7), Generate(2_000, 7));
            Assert.NotEqual(Generate(2_000, 7), Generate(2_000, 8));
        }

        [Fact]
        public void Should_read_back_without_a_bad_row_when_a_generated_history_is_imported()
        {
            var (rows, problems) = HistoryCsv.Read(new StringReader(Generate(5_000, 1)));

            Assert.Empty(problems);
            Assert.Equal(5_000, rows.Count);
            Assert.All(rows, r => Assert.True(r.CreatedOn <= r.StageEnteredOn && r.StageEnteredOn < ExportedOn));
            Assert.All(rows.Where(r => r.State != "open"), r => Assert.True(r.ClosedOn > r.StageEnteredOn && r.ClosedOn < ExportedOn));
            Assert.All(rows.Where(r => r.State == "open"), r => Assert.Null(r.ClosedOn));
        }

        [Fact]
        public void Should_hold_what_a_real_pipeline_holds_when_a_history_is_generated()
        {
            var (rows, _) = HistoryCsv.Read(new StringReader(Generate(20_000, 3)));
            var standard = Labels.Reasons.Values.ToHashSet(StringComparer.Ordinal);
            var lost = rows.Where(r => r.State == "lost").ToArray();
            var open = rows.Where(r => r.State == "open").ToArray();

            // Every state, in shares a sales-operations team recognizes: a large open pipeline, more losses than wins.
            Assert.InRange(open.Length / 20_000.0, 0.2, 0.45);
            Assert.InRange(rows.Count(r => r.State == "won") / 20_000.0, 0.1, 0.35);
            Assert.True(lost.Length > rows.Count(r => r.State == "won"));
            // Loss reasons from the standard list, from outside it, and none.
            Assert.Contains(lost, r => r.LossReason != null && standard.Contains(r.LossReason));
            Assert.Contains(lost, r => r.LossReason != null && !standard.Contains(r.LossReason));
            Assert.Contains(lost, r => r.LossReason == null);
            // Every stage, each at its own pace: the long stage's closed stays last longer than the quick one's.
            Assert.Equal(SyntheticHistory.Stages.Select(s => s.Name).OrderBy(n => n), rows.Select(r => r.Stage!).Distinct().OrderBy(n => n));
            double MedianClosedStay(string stage) => rows.Where(r => r.Stage == stage && r.ClosedOn != null)
                .Select(r => (r.ClosedOn!.Value - r.StageEnteredOn!.Value).TotalDays).OrderBy(d => d).ElementAt(rows.Count(r => r.Stage == stage && r.ClosedOn != null) / 2);
            Assert.True(MedianClosedStay("Develop") > MedianClosedStay("Qualify"));
            // Deals that stick: open deals far past three times their stage's pace.
            Assert.Contains(open, r => (ExportedOn - r.StageEnteredOn!.Value).TotalDays > 3 * SyntheticHistory.Stages.Single(s => s.Name == r.Stage).PaceDays);
            // Reps report to managers; values run from small to large.
            Assert.All(rows, r => Assert.StartsWith("manager-", r.OwnerManager, StringComparison.Ordinal));
            Assert.True(rows.Select(r => r.OwnerManager).Distinct().Count() > 1);
            Assert.InRange(rows.Min(r => r.Value!.Value), 1_000m, 5_000m);
            Assert.InRange(rows.Max(r => r.Value!.Value), 100_000m, 500_000m);
        }

        [Fact]
        public void Should_write_the_file_and_replay_it_when_the_command_is_run()
        {
            var history = Path.Combine(_folder, "history.csv");
            var report = Path.Combine(_folder, "report");

            var generated = SandboxCommandLine.Run("generate-history", "--deals", "300", "--seed", "5", "--exported-on", "2025-01-01", "--out", history);
            var replayed = SandboxCommandLine.Run("replay", history, "--as-of", "2025-01-01", "--strict", "--out", report);

            Assert.Equal((0, Array.Empty<string>()), (generated.Exit, generated.Errors));
            Assert.Equal(Generate(300, 5).ReplaceLineEndings(), File.ReadAllText(history).ReplaceLineEndings());
            Assert.Equal(0, replayed.Exit);
            Assert.True(File.Exists(Path.Combine(report, "report.json")));
        }

        [Theory]
        [InlineData("--deals", "0", "--deals must be from 1 to 10,000,000.")]
        [InlineData("--years", "31", "--years must be from 1 to 30.")]
        [InlineData("--exported-on", "9999-12-31", "--exported-on '9999-12-31' is outside 1990-01-01 to 2100-12-31.")]
        [InlineData("--exported-on", "1992-01-01", "--exported-on 1992-01-01 less --years 5 starts before 1990-01-01.")]
        public void Should_exit_with_a_usage_error_and_write_nothing_when_an_option_is_out_of_range(string option, string value, string message)
        {
            var history = Path.Combine(_folder, "history.csv");

            var (exit, errors) = SandboxCommandLine.Run("generate-history", option, value, "--out", history);

            Assert.Equal(2, exit);
            Assert.Equal(new[] { message }, errors);
            Assert.False(File.Exists(history));
        }
    }
}
