using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace LeadRecycle.Tests.Sandbox
{
    /// <summary>
    /// The report's service levels from a simulated year: the scans' reminders, escalations, snoozes that ended and
    /// returns to nurture, and the snoozes the simulated owners set, through the command line as a user runs it.
    /// </summary>
    [Collection(ConsoleCollection.Name)]
    public sealed class ServiceLevelReportTests : SandboxFolder
    {
        private string History()
        {
            var path = Path.Combine(Folder, "history.csv");
            Assert.Equal(0, SandboxCommandLine.Run("generate-history", "--deals", "600", "--years", "2", "--out", path).Exit);
            return path;
        }

        private JsonElement Simulate(string history, int snoozeShare)
        {
            var output = Path.Combine(Folder, "share" + snoozeShare);
            var (exit, _) = SandboxCommandLine.Run("simulate", history, "--from", "2024-07-01", "--to", "2024-12-31", "--snooze-share", snoozeShare.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", output);
            Assert.Equal(0, exit);
            return JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json"))).RootElement.GetProperty("serviceLevels");
        }

        [Fact]
        public void Should_count_reminders_escalations_snoozes_and_returns_when_a_half_year_is_simulated()
        {
            var history = History();

            var none = Simulate(history, snoozeShare: 0);
            var some = Simulate(history, snoozeShare: 40);

            Assert.True(none.GetProperty("stalledFlags").GetInt32() > 0);
            Assert.True(none.GetProperty("remindersSent").GetInt32() > 0);
            Assert.True(none.GetProperty("escalations").GetInt32() > 0);
            Assert.True(none.GetProperty("returnedToNurture").GetInt32() > 0);
            Assert.Equal(0, none.GetProperty("snoozesApplied").GetInt32());
            Assert.Equal(0, none.GetProperty("snoozesEnded").GetInt32());

            // Snoozed deals sit out their service level: their owners snoozed them, the snoozes end and flag them afresh.
            var applied = some.GetProperty("snoozesApplied").GetInt32();
            Assert.True(applied > 0);
            Assert.True(some.GetProperty("snoozesEnded").GetInt32() > 0);
            Assert.True(some.GetProperty("snoozesEnded").GetInt32() + some.GetProperty("snoozedNow").GetInt32() <= applied);
            Assert.Equal(some.GetProperty("snoozedNow").GetInt32(), some.GetProperty("snoozeReasons").EnumerateArray().Sum(r => r.GetProperty("count").GetInt32()));
            Assert.All(some.GetProperty("snoozeReasons").EnumerateArray(), r => Assert.Contains(r.GetProperty("name").GetString(), LeadRecycle.Sandbox.HistorySimulation.SnoozeReasons));
        }

        [Theory]
        [InlineData("-1")]
        [InlineData("101")]
        public void Should_refuse_a_snooze_share_that_is_not_a_percentage(string share)
        {
            var (exit, errors) = SandboxCommandLine.Run("simulate", History(), "--from", "2024-07-01", "--to", "2024-07-31", "--snooze-share", share, "--out", Path.Combine(Folder, "out"));

            Assert.Equal(2, exit);
            Assert.Contains("--snooze-share must be a percentage from 0 to 100.", errors);
            Assert.False(File.Exists(Path.Combine(Folder, "out", "report.json")));
        }
    }
}
