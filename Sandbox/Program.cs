using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;

namespace LeadRecycle.Sandbox
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            var root = new RootCommand("LeadRecycle sandbox: the real plug-ins over an in-memory Dataverse.");

            var days = new Option<int>("--days") { Description = "Days to play forward.", DefaultValueFactory = _ => 180 };
            var seed = new Option<int>("--seed") { Description = "Random seed (the same seed gives the same organization).", DefaultValueFactory = _ => 2026 };
            var output = new Option<string>("--out") { Description = "The folder for report.json and report.html.", DefaultValueFactory = _ => "sandbox-report" };
            var demo = new Command("demo", "Generates an organization, plays it forward day by day with the nightly stall scan, and writes the report.");
            demo.Options.Add(days);
            demo.Options.Add(seed);
            demo.Options.Add(output);
            demo.SetAction(result => Demo(result.GetValue(days), result.GetValue(seed), result.GetValue(output)!));
            root.Subcommands.Add(demo);

            var file = new Argument<string>("history") { Description = "The history CSV (generic format, see the README)." };
            var asOf = new Option<string>("--as-of") { Description = "The date the history is replayed as of (yyyy-MM-dd).", Required = true };
            var strict = new Option<bool>("--strict") { Description = "Refuse the whole file when any row is bad (default: skip bad rows and report them)." };
            var replay = new Command("replay", "Imports an opportunity history as it stood on a date, runs the stall scan once, and writes the report.");
            replay.Arguments.Add(file);
            replay.Options.Add(asOf);
            replay.Options.Add(strict);
            replay.Options.Add(output);
            replay.SetAction(result => Replay(result.GetValue(file)!, result.GetValue(asOf)!, result.GetValue(strict), result.GetValue(output)!));
            root.Subcommands.Add(replay);

            var folder = new Argument<string>("folder") { Description = "The maven-crm dataset folder (sales_pipeline.csv, sales_teams.csv)." };
            var csv = new Option<string>("--out") { Description = "The generic history CSV to write.", DefaultValueFactory = _ => "maven-crm-history.csv" };
            var convert = new Command("convert-maven", "Converts the Maven Analytics CRM sample to the generic history CSV.");
            convert.Arguments.Add(folder);
            convert.Options.Add(csv);
            convert.SetAction(result =>
            {
                File.WriteAllLines(result.GetValue(csv)!, MavenCrmConverter.Convert(result.GetValue(folder)!));
                Console.WriteLine("Wrote " + Path.GetFullPath(result.GetValue(csv)!));
                return 0;
            });
            root.Subcommands.Add(convert);

            var simFile = new Argument<string>("history") { Description = "The history CSV (generic format, see the README)." };
            var from = new Option<string>("--from") { Description = "First day (yyyy-MM-dd); the history as it stood then is the starting point.", Required = true };
            var to = new Option<string>("--to") { Description = "Last day (yyyy-MM-dd).", Required = true };
            var engagements = new Option<string?>("--engagements") { Description = "An engagement CSV (opportunity_id, occurred_on, type, likelihood, source; see the README), played on its days." };
            var simulate = new Command("simulate", "Plays a history forward day by day through the plug-ins, with the nightly stall scan, and writes the report.");
            simulate.Arguments.Add(simFile);
            simulate.Options.Add(from);
            simulate.Options.Add(to);
            simulate.Options.Add(engagements);
            simulate.Options.Add(strict);
            simulate.Options.Add(output);
            simulate.SetAction(result => Simulate(result.GetValue(simFile)!, result.GetValue(from)!, result.GetValue(to)!, result.GetValue(engagements), result.GetValue(strict), result.GetValue(output)!));
            root.Subcommands.Add(simulate);

            root.Subcommands.Add(BenchCommand.Create(new Option<string>("--out") { Description = "The folder for bench.json.", DefaultValueFactory = _ => "sandbox-report" }));

            return root.Parse(args).Invoke();
        }

        private static int Simulate(string path, string fromText, string toText, string? engagementsPath, bool strict, string outputFolder)
        {
            if (!TryDate(fromText, "--from", out var from) || !TryDate(toText, "--to", out var to))
            {
                return 2;
            }

            if (to < from)
            {
                Console.Error.WriteLine("--to must not be before --from.");
                return 2;
            }

            var rows = ReadHistory(path, strict);
            if (rows == null)
            {
                return strict ? 1 : 2;
            }

            var engagementRows = new System.Collections.Generic.List<EngagementRow>();
            var engagementProblems = new System.Collections.Generic.List<HistoryProblem>();
            if (engagementsPath != null)
            {
                if (!File.Exists(engagementsPath))
                {
                    Console.Error.WriteLine($"No engagement file at {Path.GetFullPath(engagementsPath)}.");
                    return 2;
                }

                using (var reader = new StreamReader(engagementsPath))
                {
                    (engagementRows, engagementProblems) = EngagementHistoryCsv.Read(reader);
                }

                foreach (var problem in engagementProblems)
                {
                    Console.Error.WriteLine((strict ? "refused engagements " : "skipped engagements ") + problem);
                }

                if (strict && engagementProblems.Count > 0)
                {
                    Console.Error.WriteLine($"{engagementProblems.Count} bad engagement row(s); nothing was simulated (--strict).");
                    return 1;
                }
            }

            var simulation = new HistorySimulation(rows.Value.Rows, engagementRows, from, to);
            var step = string.Format(CultureInfo.InvariantCulture, "Simulating {0:yyyy-MM-dd} to {1:yyyy-MM-dd}", from, to);
            var days = (to - from).TotalDays;
            ConsoleProgress.Run(ConsoleProgress.CreateConsole(), progress => simulation.Run(day => progress.Report(step, (day - from).TotalDays, days)));
            var report = SandboxReport.From(simulation.Replay.Organization, simulation.Ledger.Entries);
            report.Replay = new SandboxReport.ReplaySection
            {
                RowsRead = rows.Value.Rows.Count + rows.Value.Problems.Count,
                Imported = simulation.Replay.Imported,
                NotYetCreatedOnAsOf = simulation.Replay.NotYetCreated,
                SkippedRows = rows.Value.Problems.ConvertAll(p => p.ToString()).Concat(engagementProblems.Select(p => "engagements " + p)).ToList(),
                Assumptions = simulation.Replay.Assumptions,
                ScanCalls = simulation.Ledger.Entries.TryGetValue("Nightly stall scan (Custom API calls)", out var scans) ? (int)scans.Calls : 0,
                ClosedEarlyByLeadRecycle = simulation.ClosedEarlyByLeadRecycle,
                EngagementsRead = engagementRows.Count + engagementProblems.Count,
                EngagementsPlayed = simulation.EngagementsPlayed,
                EngagementsNotInNurture = simulation.EngagementsNotInNurture,
                EngagementsOutsidePeriod = simulation.EngagementsOutsidePeriod,
            };
            return Write(report, outputFolder);
        }

        private static bool TryDate(string text, string option, out DateTime date)
        {
            if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date))
            {
                return true;
            }

            Console.Error.WriteLine($"{option} '{text}' is not a date (yyyy-MM-dd).");
            return false;
        }

        /// <summary>The rows, or null when the file is missing or (strict) has a bad row; problems are printed.</summary>
        private static (System.Collections.Generic.List<HistoryRow> Rows, System.Collections.Generic.List<HistoryProblem> Problems)? ReadHistory(string path, bool strict)
        {
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"No history file at {Path.GetFullPath(path)}.");
                return null;
            }

            var (rows, problems) = HistoryCsv.Read(new StreamReader(path));
            foreach (var problem in problems)
            {
                Console.Error.WriteLine((strict ? "refused " : "skipped ") + problem);
            }

            if (strict && problems.Count > 0)
            {
                Console.Error.WriteLine($"{problems.Count} bad row(s); nothing was imported (--strict).");
                return null;
            }

            return (rows, problems);
        }

        private static int Replay(string path, string asOfText, bool strict, string outputFolder)
        {
            if (!DateTime.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var asOf))
            {
                Console.Error.WriteLine($"--as-of '{asOfText}' is not a date (yyyy-MM-dd).");
                return 2;
            }

            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"No history file at {Path.GetFullPath(path)}.");
                return 2;
            }

            var (rows, problems) = HistoryCsv.Read(new StreamReader(path));
            foreach (var problem in problems)
            {
                Console.Error.WriteLine((strict ? "refused " : "skipped ") + problem);
            }

            if (strict && problems.Count > 0)
            {
                Console.Error.WriteLine($"{problems.Count} bad row(s); nothing was imported (--strict).");
                return 1;
            }

            var replay = new HistoryReplay(asOf.AddHours(23));
            ConsoleProgress.Run(ConsoleProgress.CreateConsole(), progress =>
            {
                replay.Import(rows, imported => progress.Report("Importing " + rows.Count.ToString("N0", CultureInfo.InvariantCulture) + " rows", imported, rows.Count));
                progress.Report("Stall scan as of " + asOfText, 0, 0);
                replay.Scan();
                progress.Report("Stall scan as of " + asOfText, 1, 1);
            });
            var report = SandboxReport.From(replay.Organization, new System.Collections.Generic.Dictionary<string, CallLedger.Entry>());
            report.Replay = new SandboxReport.ReplaySection
            {
                RowsRead = rows.Count + problems.Count,
                Imported = replay.Imported,
                NotYetCreatedOnAsOf = replay.NotYetCreated,
                SkippedRows = problems.ConvertAll(p => p.ToString()),
                Assumptions = replay.Assumptions,
                ScanCalls = replay.ScanCalls,
            };
            return Write(report, outputFolder);
        }

        private static int Demo(int days, int seed, string outputFolder)
        {
            if (days < 1 || days > 3650)
            {
                Console.Error.WriteLine("--days must be from 1 to 3650.");
                return 2;
            }

            var scenario = new DemoScenario(new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), seed);
            var step = string.Format(CultureInfo.InvariantCulture, "Playing {0} days", days);
            ConsoleProgress.Run(ConsoleProgress.CreateConsole(), progress => scenario.Play(days, day => progress.Report(step, day, days)));

            return Write(SandboxReport.From(scenario.Organization, scenario.Calls), outputFolder);
        }

        private static int Write(SandboxReport report, string outputFolder)
        {
            Directory.CreateDirectory(outputFolder);
            var path = Path.Combine(outputFolder, "report.json");
            File.WriteAllText(path, report.ToJson());
            var page = Path.Combine(outputFolder, "report.html");
            File.WriteAllText(page, HtmlReport.Render(report));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "Opportunities: {0} open, {1} won, {2} lost. Recycled leads: {3} ({4} active, {5} passive); returned to reps: {6}. Stalled now: {7}, warned: {8}.",
                report.Opportunities["open"], report.Opportunities["won"], report.Opportunities["lost"], report.RecycledLeads.Total, report.RecycledLeads.Active,
                report.RecycledLeads.Passive, report.ReturnsToRep.Returned, report.Aging.Stalled, report.Aging.Warned));
            foreach (var row in report.CallsPerEvent)
            {
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-40} {1,6} events  {2,6:0.00} plug-in calls per event", row.Event, row.Events, row.CallsPerEvent));
            }

            Console.WriteLine("Report: " + Path.GetFullPath(path) + " and " + Path.GetFullPath(page));
            return 0;
        }
    }
}
