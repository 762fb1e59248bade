using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using LeadRecycle.Sandbox;
using Xunit;

namespace LeadRecycle.Tests.Sandbox
{
    /// <summary>The bench's figures through the command line, in quick mode. No timing is asserted: only that each time was measured.</summary>
    public sealed class BenchTests
    {
        [Fact]
        public void Should_write_the_call_costs_the_pipeline_tests_measure_when_bench_runs_quick()
        {
            var folder = Path.Combine(Path.GetTempPath(), "lr-bench-" + Guid.NewGuid().ToString("N"));

            var exit = Program.Main(new[] { "bench", "--quick", "--scan-sizes", "2000,30000", "--replay-sizes", "300,900", "--out", folder });

            Assert.Equal(0, exit);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "bench.json")));
            var root = json.RootElement;
            Assert.Equal(BenchSettings.Quick().Iterations, root.GetProperty("iterations").GetInt32());

            var calls = root.GetProperty("callsPerEvent").EnumerateArray().ToDictionary(r => r.GetProperty("event").GetString()!, r => r.GetProperty("callsPerEvent").GetDouble());
            Assert.Equal(4.0, calls["Lose (no marketing owner)"]);
            Assert.Equal(5.0, calls["Lose (marketing owner team)"]);
            Assert.Equal(1.0, calls["Stage change (Update salesstage)"]);
            Assert.Equal(1.0, calls["Stage change, thresholds per segment"]);
            Assert.Equal(2.0, calls["Engagement, below threshold"]);
            Assert.Equal(5.0, calls["Engagement, routed to rep"]);
            Assert.Equal(6.0, calls["Engagement, routed to manager (rep disabled)"]);
            Assert.Contains("Lead disqualify (Update)", calls.Keys);

            var timings = root.GetProperty("timePerOperation").EnumerateArray().ToList();
            Assert.Equal(calls.Keys.OrderBy(k => k), timings.Select(t => t.GetProperty("event").GetString()!).OrderBy(k => k));
            foreach (var timing in timings)
            {
                foreach (var variant in new[] { "withLeadRecycle", "withoutLeadRecycle" })
                {
                    var time = timing.GetProperty(variant);
                    Assert.True(time.GetProperty("meanMicroseconds").GetDouble() > 0, variant + " of " + timing);
                    Assert.True(time.GetProperty("medianMicroseconds").GetDouble() <= time.GetProperty("p95Microseconds").GetDouble(), variant + " of " + timing);
                }

                Assert.True(timing.GetProperty("pluginExecutionsPerEvent").GetDouble() >= 1, timing.ToString());
                Assert.True(timing.TryGetProperty("addedMeanMicroseconds", out _));
                Assert.True(timing.TryGetProperty("meanPluginExecutionMicroseconds", out _));
            }

            var scans = root.GetProperty("stallScan").EnumerateArray().ToList();
            Assert.Equal(new[] { 2000, 30000 }, scans.Select(s => s.GetProperty("openDeals").GetInt32()));
            foreach (var scan in scans)
            {
                var stalled = scan.GetProperty("openDeals").GetInt32() / 100;
                Assert.Equal(stalled, scan.GetProperty("stalled").GetInt32());
                Assert.Equal(stalled, scan.GetProperty("followUpTasks").GetInt32());
                Assert.True(scan.GetProperty("customApiCalls").GetInt32() >= 1, scan.ToString());
                Assert.True(scan.GetProperty("requests").GetInt32() >= scan.GetProperty("customApiCalls").GetInt32(), scan.ToString());
                Assert.True(scan.GetProperty("maxRequestsPerCall").GetInt32() <= scan.GetProperty("requests").GetInt32(), scan.ToString());
                Assert.True(scan.TryGetProperty("totalSeconds", out _) && scan.TryGetProperty("seedSeconds", out _));
                // The mean is over the calls' own time, so it never exceeds the slowest call.
                Assert.True(scan.GetProperty("meanMillisecondsPerCall").GetDouble() <= scan.GetProperty("maxMillisecondsPerCall").GetDouble() + 0.01, scan.ToString());
            }

            // Bounded batches: a scan of more deals than one call handles needs more calls.
            Assert.True(scans[1].GetProperty("customApiCalls").GetInt32() > 1, scans[1].ToString());

            // The end-to-end replay at each size, in its own process: a time, a peak, the heap per deal, and the growth from the size before.
            var replays = root.GetProperty("replayScale").EnumerateArray().ToList();
            Assert.Equal(new[] { 300, 900 }, replays.Select(r => r.GetProperty("deals").GetInt32()));
            Assert.All(replays, r => Assert.True(r.GetProperty("seconds").GetDouble() > 0 && r.GetProperty("peakMegabytes").GetDouble() > 10, r.ToString()));
            // The live heap per deal, as the child process reported it after its import.
            Assert.All(replays, r => Assert.True(r.GetProperty("liveBytesPerDealAfterImport").GetInt64() > 0, r.ToString()));
            Assert.Equal(JsonValueKind.Null, replays[0].GetProperty("growthExponent").ValueKind);
            Assert.Equal(JsonValueKind.Number, replays[1].GetProperty("growthExponent").ValueKind);
        }

        [Fact]
        public void Should_refuse_scan_sizes_that_are_not_positive_numbers()
        {
            var folder = Path.Combine(Path.GetTempPath(), "lr-bench-" + Guid.NewGuid().ToString("N"));

            Assert.Equal(2, Program.Main(new[] { "bench", "--quick", "--scan-sizes", "1000,ten", "--out", folder }));
            Assert.False(File.Exists(Path.Combine(folder, "bench.json")));

            Assert.Null(BenchCommand.ParseScanSizes("1000,ten", out var problem));
            Assert.Equal("--scan-sizes '1000,ten' must be positive whole numbers separated by commas.", problem);
            Assert.Equal(2, Program.Main(new[] { "bench", "--quick", "--replay-sizes", "-5", "--out", folder }));
            Assert.Null(BenchCommand.ParseSizes("--replay-sizes", "-5", out problem));
            Assert.Equal("--replay-sizes '-5' must be positive whole numbers separated by commas.", problem);
            Assert.Null(BenchCommand.ParseScanSizes("0", out problem));
            Assert.Equal("--scan-sizes '0' must be positive whole numbers separated by commas.", problem);
            Assert.Equal(new[] { 10000, 1000000 }, BenchCommand.ParseScanSizes(" 10000 , 1000000", out problem));
            Assert.Null(problem);
        }
    }
}
