using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// The bench's figures as written to bench.json. Field names are stable (documented in the README):
    /// runtime, iterations, warmUp, callsPerEvent[], timePerOperation[], stallScan[].
    /// </summary>
    public sealed class BenchReport
    {
        [JsonPropertyName("runtime")] public string Runtime { get; init; } = string.Empty;

        [JsonPropertyName("iterations")] public int Iterations { get; init; }

        [JsonPropertyName("warmUp")] public int WarmUp { get; init; }

        /// <summary>Organization-service calls made by the plug-ins, per event (the same rows as the demo report's).</summary>
        [JsonPropertyName("callsPerEvent")] public List<SandboxReport.CallRow> CallsPerEvent { get; init; } = new List<SandboxReport.CallRow>();

        [JsonPropertyName("timePerOperation")] public List<TimingRow> TimePerOperation { get; init; } = new List<TimingRow>();

        [JsonPropertyName("stallScan")] public List<ScanRow> StallScan { get; init; } = new List<ScanRow>();

        [JsonPropertyName("replayScale")] public List<ReplayScaleRow> ReplayScale { get; init; } = new List<ReplayScaleRow>();

        public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });

        public sealed class TimingRow
        {
            [JsonPropertyName("event")] public string Event { get; init; } = string.Empty;

            [JsonPropertyName("withLeadRecycle")] public Distribution WithLeadRecycle { get; init; } = new Distribution();

            [JsonPropertyName("withoutLeadRecycle")] public Distribution WithoutLeadRecycle { get; init; } = new Distribution();

            /// <summary>What LeadRecycle adds to the operation: the difference of the means.</summary>
            [JsonPropertyName("addedMeanMicroseconds")] public double AddedMeanMicroseconds { get; init; }

            [JsonPropertyName("pluginExecutionsPerEvent")] public double PluginExecutionsPerEvent { get; init; }

            /// <summary>The mean of the pipeline's own record of each plug-in execution's time.</summary>
            [JsonPropertyName("meanPluginExecutionMicroseconds")] public double MeanPluginExecutionMicroseconds { get; init; }
        }

        /// <summary>Wall time of one operation, in microseconds, over the timed iterations.</summary>
        public sealed class Distribution
        {
            [JsonPropertyName("meanMicroseconds")] public double MeanMicroseconds { get; init; }

            [JsonPropertyName("medianMicroseconds")] public double MedianMicroseconds { get; init; }

            [JsonPropertyName("p95Microseconds")] public double P95Microseconds { get; init; }

            public static Distribution Of(IReadOnlyCollection<double> microseconds)
            {
                if (microseconds.Count == 0)
                {
                    return new Distribution();
                }

                var sorted = microseconds.OrderBy(m => m).ToArray();
                return new Distribution
                {
                    MeanMicroseconds = Math.Round(sorted.Average(), 1),
                    MedianMicroseconds = Math.Round(Percentile(sorted, 0.5), 1),
                    P95Microseconds = Math.Round(Percentile(sorted, 0.95), 1),
                };
            }

            /// <summary>Nearest rank, so the figure is a time some operation really took.</summary>
            private static double Percentile(double[] sorted, double fraction) =>
                sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
        }

        public sealed class ScanRow
        {
            [JsonPropertyName("openDeals")] public int OpenDeals { get; init; }

            [JsonPropertyName("stalled")] public int Stalled { get; init; }

            [JsonPropertyName("followUpTasks")] public int FollowUpTasks { get; init; }

            /// <summary>Calls of the lr_ScanStalledOpportunities Custom API until it reported done.</summary>
            [JsonPropertyName("customApiCalls")] public int CustomApiCalls { get; init; }

            /// <summary>Organization-service requests, the Custom API calls included.</summary>
            [JsonPropertyName("requests")] public int Requests { get; init; }

            [JsonPropertyName("maxRequestsPerCall")] public int MaxRequestsPerCall { get; init; }

            [JsonPropertyName("meanMillisecondsPerCall")] public double MeanMillisecondsPerCall { get; init; }

            [JsonPropertyName("maxMillisecondsPerCall")] public double MaxMillisecondsPerCall { get; init; }

            [JsonPropertyName("totalSeconds")] public double TotalSeconds { get; init; }

            /// <summary>Time to seed the deals (not part of the scan).</summary>
            [JsonPropertyName("seedSeconds")] public double SeedSeconds { get; init; }
        }

        /// <summary>One size of the end-to-end replay of a generated history (<see cref="ReplayScaleBench"/>).</summary>
        public sealed class ReplayScaleRow
        {
            [JsonPropertyName("deals")] public int Deals { get; init; }

            [JsonPropertyName("seconds")] public double Seconds { get; init; }

            [JsonPropertyName("peakMegabytes")] public double PeakMegabytes { get; init; }

            /// <summary>The live managed heap after the import, after a full collection, per deal imported (each with its stage stay).</summary>
            [JsonPropertyName("liveBytesPerDealAfterImport")] public long LiveBytesPerDealAfterImport { get; init; }

            /// <summary>log(time ratio) / log(size ratio) against the size before; null for the first size.</summary>
            [JsonPropertyName("growthExponent")] public double? GrowthExponent { get; init; }
        }
    }
}
