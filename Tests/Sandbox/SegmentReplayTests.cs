using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace LeadRecycle.Tests.Sandbox
{
    /// <summary>replay --policy: a generated history replayed with segment bands shows each stage's segment thresholds in report.json.</summary>
    [Collection(ConsoleCollection.Name)]
    public sealed class SegmentReplayTests : SandboxFolder
    {
        private string History()
        {
            var history = Path.Combine(Folder, "history.csv");
            Assert.Equal(0, SandboxCommandLine.Run("generate-history", "--deals", "400", "--years", "2", "--seed", "5", "--exported-on", "2025-01-01", "--out", history).Exit);
            return history;
        }

        [Fact]
        public void Should_report_each_segments_thresholds_when_a_replay_is_given_a_policy_with_segment_bands()
        {
            var history = History();
            var policy = FileWith("policy.json", "{ \"stall\": { \"minimumSamples\": 5, \"segmentColumn\": \"estimatedvalue\", \"segmentBands\": [50000] } }");
            var output = Path.Combine(Folder, "out");

            var (exit, errors) = SandboxCommandLine.Run("replay", history, "--as-of", "2025-01-01", "--policy", policy, "--out", output);

            Assert.True(exit == 0, string.Join("\n", errors));
            using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
            var root = report.RootElement;
            Assert.Equal("estimatedvalue", root.GetProperty("velocity").GetProperty("segmentColumn").GetString());
            var stages = root.GetProperty("stages").EnumerateArray().ToList();
            Assert.All(stages, stage => Assert.DoesNotContain("|", stage.GetProperty("stageKey").GetString(), StringComparison.Ordinal));
            var segmented = stages.Where(stage => stage.TryGetProperty("segments", out _)).ToList();
            Assert.NotEmpty(segmented);
            foreach (var stage in segmented)
            {
                var segments = stage.GetProperty("segments").EnumerateArray().ToList();
                Assert.All(segments, s => Assert.Contains(s.GetProperty("segmentKey").GetString(), new[] { "estimatedvalue:..50000", "estimatedvalue:50000.." }));
                Assert.Equal(stage.GetProperty("completedSamples").GetInt64(), segments.Sum(s => s.GetProperty("completedSamples").GetInt64()));
                foreach (var segment in segments.Where(s => s.GetProperty("trusted").GetBoolean()))
                {
                    // Three times the segment's own mean (both rounded to hundredths in the report).
                    Assert.Equal(3 * segment.GetProperty("meanDays").GetDouble(), segment.GetProperty("stallAfterDays").GetDouble(), 0.05);
                }
            }

            Assert.Contains(segmented, stage => stage.GetProperty("segments").EnumerateArray().Any(s => s.GetProperty("trusted").GetBoolean()));
            var velocityStages = root.GetProperty("velocity").GetProperty("stages").EnumerateArray();
            Assert.Contains(velocityStages, stage => stage.TryGetProperty("segments", out var s) && s.GetArrayLength() > 0);
            var page = File.ReadAllText(Path.Combine(output, "report.html"));
            Assert.Contains("Thresholds per segment (estimatedvalue)", page, StringComparison.Ordinal);
            Assert.Contains("<td>50,000 or more</td>", page, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_leave_the_segment_fields_out_when_the_policy_sets_no_segment_column()
        {
            var history = History();
            var output = Path.Combine(Folder, "out");

            var (exit, errors) = SandboxCommandLine.Run("replay", history, "--as-of", "2025-01-01", "--out", output);

            Assert.True(exit == 0, string.Join("\n", errors));
            var json = File.ReadAllText(Path.Combine(output, "report.json"));
            Assert.DoesNotContain("\"segments\"", json, StringComparison.Ordinal);
            Assert.DoesNotContain("\"segmentColumn\"", json, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_refuse_a_policy_file_the_reader_refuses_naming_the_setting()
        {
            var policy = FileWith("policy.json", "{ \"stall\": { \"segmentColumn\": \"estimatedvalue\", \"segmentBands\": [50000, 10000] } }");

            var (exit, errors) = SandboxCommandLine.Run("replay", FileWith("h.csv", "opportunity_id,owner,state\nD1,Ann,open\n"), "--as-of", "2025-01-01", "--policy", policy, "--out", Path.Combine(Folder, "out"));

            Assert.Equal(1, exit);
            Assert.Contains("'stall.segmentBands' must be in ascending order", string.Join("\n", errors), StringComparison.Ordinal);
        }

        [Fact]
        public void Should_refuse_a_policy_whose_segment_column_the_opportunity_does_not_have()
        {
            var policy = FileWith("policy.json", "{ \"stall\": { \"segmentColumn\": \"industrycode\" } }");

            var (exit, errors) = SandboxCommandLine.Run("simulate", FileWith("h.csv", "opportunity_id,owner,state\nD1,Ann,open\n"), "--from", "2025-01-01", "--to", "2025-01-02", "--policy", policy, "--out", Path.Combine(Folder, "out"));

            Assert.Equal(1, exit);
            Assert.Contains("'stall.segmentColumn' is 'industrycode', which is not a column of the opportunity table.", string.Join("\n", errors), StringComparison.Ordinal);
        }
    }
}
