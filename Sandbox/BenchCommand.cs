using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Spectre.Console;

namespace LeadRecycle.Sandbox
{
    /// <summary>The <c>bench</c> command: runs <see cref="PerformanceBench"/> with a progress display, prints its tables and writes bench.json.</summary>
    public static class BenchCommand
    {
        public static Command Create(Option<string> output)
        {
            var quick = new Option<bool>("--quick") { Description = "A smoke run of a few seconds: few iterations and small scans (1,000 and 5,000 open deals unless --scan-sizes says otherwise)." };
            var sizes = new Option<string?>("--scan-sizes") { Description = "Open deals for the stall scan, comma-separated (default 10000,100000,1000000)." };
            var replaySizes = new Option<string?>("--replay-sizes") { Description = "Deals in the generated histories replayed end to end, comma-separated (default 10000,100000,1000000; --quick 1000,4000)." };
            var iterations = new Option<int?>("--iterations") { Description = "Timed operations per event and variant (default 2000; --quick 40)." };
            var bench = new Command("bench", "LeadRecycle's performance figures in one run: calls per event, time per operation with and without LeadRecycle, and the stall scan at scale; writes bench.json.");
            bench.Options.Add(quick);
            bench.Options.Add(sizes);
            bench.Options.Add(replaySizes);
            bench.Options.Add(iterations);
            bench.Options.Add(output);
            bench.SetAction(result => Run(result.GetValue(quick), result.GetValue(sizes), result.GetValue(replaySizes), result.GetValue(iterations), result.GetValue(output)!));
            return bench;
        }

        /// <summary>A --scan-sizes or --replay-sizes value as counts, or null and what is wrong with it.</summary>
        public static int[]? ParseScanSizes(string text, out string? problem) => ParseSizes("--scan-sizes", text, out problem);

        public static int[]? ParseSizes(string option, string text, out string? problem)
        {
            ArgumentNullException.ThrowIfNull(text);
            var sizes = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.TryParse(s, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : -1).ToArray();
            if (sizes.Length == 0 || sizes.Any(n => n < 1))
            {
                problem = $"{option} '{text}' must be positive whole numbers separated by commas.";
                return null;
            }

            problem = null;
            return sizes;
        }

        private static int Run(bool quick, string? sizesText, string? replaySizesText, int? iterations, string outputFolder)
        {
            int[]? sizes = null;
            if (sizesText != null)
            {
                sizes = ParseScanSizes(sizesText, out var problem);
                if (sizes == null)
                {
                    Console.Error.WriteLine(problem);
                    return 2;
                }
            }

            int[]? replaySizes = null;
            if (replaySizesText != null)
            {
                replaySizes = ParseSizes("--replay-sizes", replaySizesText, out var problem);
                if (replaySizes == null)
                {
                    Console.Error.WriteLine(problem);
                    return 2;
                }
            }

            if (iterations < 1)
            {
                Console.Error.WriteLine("--iterations must be at least 1.");
                return 2;
            }

            var settings = quick ? BenchSettings.Quick(sizes) : new BenchSettings { ScanSizes = sizes ?? BenchSettings.DefaultScanSizes };
            settings = new BenchSettings
            {
                Iterations = iterations ?? settings.Iterations,
                WarmUp = settings.WarmUp,
                ScanSizes = settings.ScanSizes,
                ReplaySizes = replaySizes ?? settings.ReplaySizes,
            };

            var console = ConsoleProgress.CreateConsole();
            BenchReport? report = null;
            ConsoleProgress.Run(console, progress => report = PerformanceBench.Run(settings, step => progress.Report(step.Step, step.Done, step.Total)));

            Print(console, report!);
            Directory.CreateDirectory(outputFolder);
            var path = Path.Combine(outputFolder, "bench.json");
            File.WriteAllText(path, report!.ToJson());
            console.WriteLine("Bench: " + Path.GetFullPath(path));
            return 0;
        }

        private static void Print(IAnsiConsole console, BenchReport report)
        {
            var calls = new Table { Title = new TableTitle("Organization-service calls made by the plug-ins, per event") };
            calls.AddColumn("Event").AddColumn(Right("Events")).AddColumn(Right("Calls")).AddColumn(Right("Calls per event"));
            foreach (var row in report.CallsPerEvent)
            {
                calls.AddRow(Markup.Escape(row.Event), Number(row.Events), Number(row.Calls), Number(row.CallsPerEvent));
            }

            console.Write(calls);

            var time = new Table
            {
                Title = new TableTitle(string.Format(CultureInfo.InvariantCulture, "Wall time per operation in microseconds, with and without LeadRecycle ({0} timed after {1} warm-up; {2})", report.Iterations, report.WarmUp, report.Runtime)),
            };
            time.AddColumn("Event").AddColumn(Right("With LR mean")).AddColumn(Right("p50")).AddColumn(Right("p95"))
                .AddColumn(Right("Without mean")).AddColumn(Right("p50")).AddColumn(Right("p95"))
                .AddColumn(Right("Added")).AddColumn(Right("Executions")).AddColumn(Right("us/execution"));
            foreach (var row in report.TimePerOperation)
            {
                time.AddRow(Markup.Escape(row.Event),
                    Number(row.WithLeadRecycle.MeanMicroseconds), Number(row.WithLeadRecycle.MedianMicroseconds), Number(row.WithLeadRecycle.P95Microseconds),
                    Number(row.WithoutLeadRecycle.MeanMicroseconds), Number(row.WithoutLeadRecycle.MedianMicroseconds), Number(row.WithoutLeadRecycle.P95Microseconds),
                    Number(row.AddedMeanMicroseconds), Number(row.PluginExecutionsPerEvent), Number(row.MeanPluginExecutionMicroseconds));
            }

            console.Write(time);

            var scan = new Table { Title = new TableTitle("Nightly stall scan, run to the end (1% of the open deals stalled)") };
            scan.AddColumn(Right("Open deals")).AddColumn(Right("Stalled")).AddColumn(Right("API calls")).AddColumn(Right("Requests"))
                .AddColumn(Right("Max req/call")).AddColumn(Right("ms/call mean")).AddColumn(Right("ms/call max"))
                .AddColumn(Right("Scan s")).AddColumn(Right("Tasks")).AddColumn(Right("Seed s"));
            foreach (var row in report.StallScan)
            {
                scan.AddRow(Number(row.OpenDeals), Number(row.Stalled), Number(row.CustomApiCalls), Number(row.Requests), Number(row.MaxRequestsPerCall),
                    Number(row.MeanMillisecondsPerCall), Number(row.MaxMillisecondsPerCall), Number(row.TotalSeconds), Number(row.FollowUpTasks), Number(row.SeedSeconds));
            }

            console.Write(scan);

            var replay = new Table { Title = new TableTitle("Replay of a generated history, end to end in its own process (generate-history, then replay --as-of " + ReplayScaleBench.AsOf + ")") };
            replay.AddColumn(Right("Deals")).AddColumn(Right("Seconds")).AddColumn(Right("Peak MB")).AddColumn(Right("Bytes/deal")).AddColumn(Right("Growth exponent"));
            foreach (var row in report.ReplayScale)
            {
                replay.AddRow(Number(row.Deals), Number(row.Seconds), Number(row.PeakMegabytes), Number(row.LiveBytesPerDealAfterImport), row.GrowthExponent == null ? "-" : Number(row.GrowthExponent.Value));
            }

            console.Write(replay);
        }

        private static TableColumn Right(string header) => new TableColumn(header).RightAligned();

        private static string Number(double value) => value.ToString(value == Math.Floor(value) ? "N0" : "#,0.0#", CultureInfo.InvariantCulture);
    }
}
