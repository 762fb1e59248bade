using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// The replay at scale, end to end as a user runs it: a synthetic history of each size is generated (not timed),
    /// then <c>replay</c> runs in its own process — import, stall scan, report — so the time includes everything the user
    /// waits for and the peak memory is that run's alone. The growth exponent between two sizes is
    /// log(t2/t1) / log(n2/n1): 1 is linear, 2 quadratic.
    /// </summary>
    public static class ReplayScaleBench
    {
        /// <summary>The export date of the generated histories, and the date they are replayed as of.</summary>
        public const string AsOf = "2025-01-01";

        public static IReadOnlyList<BenchReport.ReplayScaleRow> Run(IReadOnlyList<int> sizes, Action<BenchProgress>? progress = null)
        {
            ArgumentNullException.ThrowIfNull(sizes);
            var rows = new List<BenchReport.ReplayScaleRow>();
            var folder = Directory.CreateTempSubdirectory("leadrecycle-replay-scale-").FullName;
            try
            {
                foreach (var deals in sizes)
                {
                    var label = deals.ToString("N0", CultureInfo.InvariantCulture);
                    var history = Path.Combine(folder, "history-" + deals.ToString(CultureInfo.InvariantCulture) + ".csv");
                    progress?.Invoke(new BenchProgress("Generating " + label + " deals", 0, deals));
                    using (var writer = new StreamWriter(history))
                    {
                        SyntheticHistory.Write(writer, new SyntheticHistoryOptions { Deals = deals, ExportedOn = DateTime.ParseExact(AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) },
                            done => progress?.Invoke(new BenchProgress("Generating " + label + " deals", done, deals)));
                    }

                    var replaying = "Replaying " + label + " deals in a child process";
                    progress?.Invoke(new BenchProgress(replaying, 0, 0));
                    var (seconds, peakBytes, bytesPerDeal) = RunReplay(history, Path.Combine(folder, "report-" + deals.ToString(CultureInfo.InvariantCulture)));
                    progress?.Invoke(new BenchProgress(replaying, 1, 1));
                    var previous = rows.Count > 0 ? rows[^1] : null;
                    rows.Add(new BenchReport.ReplayScaleRow
                    {
                        Deals = deals,
                        Seconds = Math.Round(seconds, 1),
                        PeakMegabytes = Math.Round(peakBytes / (1024.0 * 1024.0)),
                        LiveBytesPerDealAfterImport = bytesPerDeal,
                        GrowthExponent = previous == null || previous.Deals == deals || previous.Seconds <= 0
                            ? null
                            : Math.Round(Math.Log(seconds / previous.Seconds) / Math.Log((double)deals / previous.Deals), 2),
                    });
                    File.Delete(history);
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }

            return rows;
        }

        /// <summary>
        /// Runs the sandbox's replay command on the file and returns its wall time, its peak working set and the live heap
        /// per deal after the import (the replay prints it with LEADRECYCLE_MEMORY_REPORT=import: one full collection,
        /// well under a second at a million deals, timed with the rest).
        /// </summary>
        private static (double Seconds, long PeakBytes, long BytesPerDeal) RunReplay(string history, string reportFolder)
        {
            var start = new ProcessStartInfo
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment[Program.MemoryReportVariable] = Program.MemoryReportAfterImport;
            // The sandbox's own DLL under the dotnet host, whoever runs the bench (the sandbox itself, or a test host).
            start.FileName = DotnetHost();
            start.ArgumentList.Add(typeof(ReplayScaleBench).Assembly.Location);
            foreach (var argument in new[] { "replay", history, "--as-of", AsOf, "--out", reportFolder })
            {
                start.ArgumentList.Add(argument);
            }

            var started = Stopwatch.GetTimestamp();
            using var process = Process.Start(start) ?? throw new InvalidOperationException("The replay process could not be started.");
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            long peak = 0;
            // The peak working set can only be read while the process lives; it is a high-water mark, so the last
            // reading before the exit misses at most the final interval's growth.
            while (!process.WaitForExit(100))
            {
                try
                {
                    process.Refresh();
                    peak = Math.Max(peak, process.PeakWorkingSet64);
                }
                catch (InvalidOperationException)
                {
                    break;
                }
            }

            process.WaitForExit();
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("The replay of " + history + " failed (exit " + process.ExitCode.ToString(CultureInfo.InvariantCulture) + "): " + error.Result + output.Result);
            }

            return (seconds, peak, Program.BytesPerDealAfterImport(error.Result));
        }

        private static string DotnetHost()
        {
            var current = Environment.ProcessPath;
            if (current != null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            {
                return current;
            }

            return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        }
    }
}
