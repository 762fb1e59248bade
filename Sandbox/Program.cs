using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

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
            demo.SetAction(result => Run(() => Demo(result.GetValue(days), result.GetValue(seed), result.GetValue(output)!)));
            root.Subcommands.Add(demo);

            var file = new Argument<string>("history") { Description = "The history CSV (generic format, see the README)." };
            var asOf = new Option<string>("--as-of") { Description = "The date the history is replayed as of (yyyy-MM-dd).", Required = true };
            var strict = new Option<bool>("--strict") { Description = "Refuse the whole file when any row is bad (default: skip bad rows and report them)." };
            var policy = new Option<string?>("--policy") { Description = "A policy JSON file (the lr_RecyclePolicy environment variable's value, see the settings table in the README); default: the compiled defaults." };
            var replay = new Command("replay", "Imports an opportunity history as it stood on a date, runs the stall scan once, and writes the report.");
            replay.Arguments.Add(file);
            replay.Options.Add(asOf);
            replay.Options.Add(strict);
            replay.Options.Add(policy);
            replay.Options.Add(output);
            replay.SetAction(result => Run(() => Replay(result.GetValue(file)!, result.GetValue(asOf)!, result.GetValue(strict), result.GetValue(output)!, result.GetValue(policy))));
            root.Subcommands.Add(replay);

            var folder = new Argument<string>("folder") { Description = "The maven-crm dataset folder (sales_pipeline.csv, sales_teams.csv)." };
            var csv = new Option<string>("--out") { Description = "The generic history CSV to write.", DefaultValueFactory = _ => "maven-crm-history.csv" };
            var convert = new Command("convert-maven", "Converts the Maven Analytics CRM sample to the generic history CSV.");
            convert.Arguments.Add(folder);
            convert.Options.Add(csv);
            convert.SetAction(result => Run(() => ConvertMaven(result.GetValue(folder)!, result.GetValue(csv)!)));
            root.Subcommands.Add(convert);

            var simFile = new Argument<string>("history") { Description = "The history CSV (generic format, see the README)." };
            var from = new Option<string>("--from") { Description = "First day (yyyy-MM-dd); the history as it stood then is the starting point.", Required = true };
            var to = new Option<string>("--to") { Description = "Last day (yyyy-MM-dd).", Required = true };
            var snoozeShare = new Option<int>("--snooze-share") { Description = "Percent (0-100) of the deals flagged stalled that their simulated owner snoozes for 7 to 21 days, with a reason.", DefaultValueFactory = _ => 0 };
            var engagements = new Option<string?>("--engagements") { Description = "An engagement CSV (opportunity_id, occurred_on, type, likelihood, source; see the README), played on its days." };
            var simulate = new Command("simulate", "Plays a history forward day by day through the plug-ins, with the nightly stall scan, and writes the report.");
            simulate.Arguments.Add(simFile);
            simulate.Options.Add(from);
            simulate.Options.Add(to);
            simulate.Options.Add(engagements);
            simulate.Options.Add(snoozeShare);
            simulate.Options.Add(strict);
            simulate.Options.Add(policy);
            simulate.Options.Add(output);
            simulate.SetAction(result => Run(() => Simulate(result.GetValue(simFile)!, result.GetValue(from)!, result.GetValue(to)!, result.GetValue(engagements), result.GetValue(strict), result.GetValue(output)!, result.GetValue(policy), result.GetValue(snoozeShare))));
            root.Subcommands.Add(simulate);

            var deals = new Option<int>("--deals") { Description = "How many deals.", DefaultValueFactory = _ => 10_000 };
            var years = new Option<int>("--years") { Description = "Years of history before the export date.", DefaultValueFactory = _ => 5 };
            var exportedOn = new Option<string>("--exported-on") { Description = "The export date (yyyy-MM-dd): deals still moving then are open.", DefaultValueFactory = _ => "2025-01-01" };
            var historyOut = new Option<string>("--out") { Description = "The generic history CSV to write.", DefaultValueFactory = _ => "synthetic-history.csv" };
            var generate = new Command("generate-history", "Writes a synthetic opportunity history (generic CSV) of any size from a seed, to replay or simulate.");
            generate.Options.Add(deals);
            generate.Options.Add(years);
            generate.Options.Add(exportedOn);
            generate.Options.Add(seed);
            generate.Options.Add(historyOut);
            generate.SetAction(result => Run(() => GenerateHistory(result.GetValue(deals), result.GetValue(years), result.GetValue(exportedOn)!, result.GetValue(seed), result.GetValue(historyOut)!)));
            root.Subcommands.Add(generate);

            root.Subcommands.Add(BenchCommand.Create(new Option<string>("--out") { Description = "The folder for bench.json.", DefaultValueFactory = _ => "sandbox-report" }));

            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                // System.CommandLine's own exit code for these is 1, which here means refused data: a command line that
                // cannot run is a usage error.
                foreach (var error in parsed.Errors)
                {
                    Console.Error.WriteLine(error.Message);
                }

                Console.Error.WriteLine("Run with --help to see the commands and their options.");
                return ExitCodes.Usage;
            }

            return parsed.Invoke();
        }

        /// <summary>Runs a command: a failure it reports ends it with its message (no stack trace) and its exit code.</summary>
        private static int Run(Func<int> command)
        {
            try
            {
                return command();
            }
            catch (CommandFailure failure)
            {
                Console.Error.WriteLine(failure.Message);
                return failure.ExitCode;
            }
        }

        private static int ConvertMaven(string folder, string outputPath)
        {
            if (!Directory.Exists(folder))
            {
                throw new CommandFailure(ExitCodes.Usage, $"No folder at {Path.GetFullPath(folder)}.");
            }

            foreach (var name in MavenCrmConverter.Files.Keys)
            {
                if (!File.Exists(Path.Combine(folder, name)))
                {
                    throw new CommandFailure(ExitCodes.Usage,
                        $"No {name} in {Path.GetFullPath(folder)}; the maven-crm sample has {string.Join(" and ", MavenCrmConverter.Files.Keys)}.");
                }
            }

            RequireWritable(outputPath);
            var lines = ReadInput(folder, "the maven-crm sample", () => MavenCrmConverter.Convert(folder));
            WriteFiles((outputPath, string.Join(Environment.NewLine, lines) + Environment.NewLine));
            Console.WriteLine("Wrote " + Path.GetFullPath(outputPath));
            return ExitCodes.Ok;
        }

        private static int GenerateHistory(int deals, int years, string exportedOnText, int seed, string outputPath)
        {
            if (deals < 1 || deals > SyntheticHistoryOptions.MaximumDeals)
            {
                throw new CommandFailure(ExitCodes.Usage, string.Format(CultureInfo.InvariantCulture, "--deals must be from 1 to {0:N0}.", SyntheticHistoryOptions.MaximumDeals));
            }

            if (years < 1 || years > 30)
            {
                throw new CommandFailure(ExitCodes.Usage, "--years must be from 1 to 30.");
            }

            var options = new SyntheticHistoryOptions { Deals = deals, Years = years, ExportedOn = Date(exportedOnText, "--exported-on"), Seed = seed };
            if (!SaneDates.Contains(options.ExportedOn.AddYears(-years)))
            {
                throw new CommandFailure(ExitCodes.Usage, $"--exported-on {exportedOnText} less --years {years} starts before {SaneDates.Earliest:yyyy-MM-dd}.");
            }

            RequireWritable(outputPath);
            var step = "Generating " + deals.ToString("N0", CultureInfo.InvariantCulture) + " deals";
            ConsoleProgress.Run(ConsoleProgress.CreateConsole(), progress =>
                WriteFiles((outputPath, (Action<TextWriter>)(writer => SyntheticHistory.Write(writer, options, done => progress.Report(step, done, deals))))));
            Console.WriteLine("Wrote " + Path.GetFullPath(outputPath));
            return ExitCodes.Ok;
        }

        /// <summary>
        /// Reads an input the user named: a file that cannot be what it should be is refused with one message; a file
        /// the system will not let us read is a usage error like a missing one.
        /// </summary>
        private static T ReadInput<T>(string path, string what, Func<T> read)
        {
            try
            {
                return read();
            }
            catch (UnreadableFileException unreadable)
            {
                throw new CommandFailure(ExitCodes.Refused, $"{Path.GetFullPath(path)} cannot be read as {what}: {unreadable.Message}.");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new CommandFailure(ExitCodes.Usage, $"Cannot read {Path.GetFullPath(path)}: it is in use or you may not read it.");
            }
        }

        /// <summary>The policy file's JSON, refused in the reader's words (the setting named) before anything runs; "{}" without one.</summary>
        private static string ReadPolicy(string? path)
        {
            if (path == null)
            {
                return "{}";
            }

            RequireFile(path, "policy file");
            var json = File.ReadAllText(path);
            try
            {
                LeadRecycle.Services.Configuration.RecyclePolicyReader.Read(json);
            }
            catch (LeadRecycle.Services.Configuration.PolicyException exception)
            {
                throw new CommandFailure(ExitCodes.Refused, Path.GetFileName(path) + ": " + exception.Message);
            }

            return json;
        }

        /// <summary>Installs the organization; a policy the solution's save check refuses (a segment column the opportunity lacks) ends the command in its words.</summary>
        private static T Installed<T>(Func<T> install)
        {
            try
            {
                return install();
            }
            catch (Microsoft.Xrm.Sdk.InvalidPluginExecutionException exception)
            {
                throw new CommandFailure(ExitCodes.Refused, "--policy: " + exception.Message);
            }
        }

        private static void RequireFile(string path, string what)
        {
            if (!File.Exists(path))
            {
                throw new CommandFailure(ExitCodes.Usage, $"No {what} at {Path.GetFullPath(path)}.");
            }
        }

        /// <summary>
        /// Writes the files all or nothing: each goes to a temporary file beside it, and they are moved into place only
        /// once every one is written, so a failure never leaves a partial or half-updated output behind.
        /// </summary>
        private static void WriteFiles(params (string Path, string Text)[] files) =>
            WriteFiles(files.Select(f => (f.Path, (Action<TextWriter>)(writer => writer.Write(f.Text)))).ToArray());

        /// <summary>The same, each file written as a stream (a generated history of a million deals never sits in memory).</summary>
        private static void WriteFiles(params (string Path, Action<TextWriter> Write)[] files)
        {
            var written = new System.Collections.Generic.List<(string Temporary, string Path)>();
            try
            {
                foreach (var (path, write) in files)
                {
                    var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
                    Directory.CreateDirectory(folder);
                    var temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
                    written.Add((temporary, path));
                    using var writer = new StreamWriter(temporary);
                    write(writer);
                }

                foreach (var (temporary, path) in written)
                {
                    File.Move(temporary, path, overwrite: true);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                foreach (var (temporary, _) in written)
                {
                    File.Delete(temporary);
                }

                throw CannotWrite(written.Count > 0 ? written[^1].Path : files[0].Path);
            }
        }

        /// <summary>
        /// Fails before any work when the output's folder cannot be written, so a long replay or simulation is not
        /// played only to be lost at the end (<see cref="WriteFiles"/> still guards the write itself).
        /// </summary>
        private static void RequireWritable(string path)
        {
            try
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
                Directory.CreateDirectory(folder);
                var probe = Path.Combine(folder, "." + Guid.NewGuid().ToString("N") + ".tmp");
                File.WriteAllText(probe, string.Empty);
                File.Delete(probe);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw CannotWrite(path);
            }
        }

        private static CommandFailure CannotWrite(string path) =>
            new CommandFailure(ExitCodes.Usage, $"Cannot write {Path.GetFullPath(path)}: its folder cannot be created or written to.");

        private static int Simulate(string path, string fromText, string toText, string? engagementsPath, bool strict, string outputFolder, string? policyPath = null, int snoozeShare = 0)
        {
            if (snoozeShare < 0 || snoozeShare > 100)
            {
                throw new CommandFailure(ExitCodes.Usage, "--snooze-share must be a percentage from 0 to 100.");
            }

            var policyJson = ReadPolicy(policyPath);
            var from = Date(fromText, "--from");
            var to = Date(toText, "--to");
            if (to < from)
            {
                throw new CommandFailure(ExitCodes.Usage, "--to must not be before --from.");
            }

            RequireFile(path, "history file");
            if (engagementsPath != null)
            {
                RequireFile(engagementsPath, "engagement file");
            }

            RequireWritable(ReportPath(outputFolder));

            var rows = ReadHistory(path, strict);
            var engagements = new EngagementFile();
            if (engagementsPath != null)
            {
                engagements = ReadInput(engagementsPath, "an engagement file", () =>
                {
                    using var reader = new StreamReader(engagementsPath);
                    return EngagementHistoryCsv.ReadFile(reader);
                });

                var engagementProblems = engagements.Problems;
                foreach (var problem in engagementProblems)
                {
                    Console.Error.WriteLine((strict ? "refused engagements " : "skipped engagements ") + problem);
                }

                if (strict && engagementProblems.Count > 0)
                {
                    throw new CommandFailure(ExitCodes.Refused, $"{engagementProblems.Count} bad engagement row(s); nothing was simulated (--strict).");
                }

                if (engagements.NotScored > 0 || engagements.Duplicates > 0)
                {
                    Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture,
                        "left out engagements: {0} email opened, delivered or sent (not scored), {1} repeated (an IdempotencyId seen before)", engagements.NotScored, engagements.Duplicates));
                }
            }

            var simulation = Installed(() => new HistorySimulation(rows.Rows, engagements.Rows, from, to, policyJson) { SnoozeShare = snoozeShare });
            var step = string.Format(CultureInfo.InvariantCulture, "Simulating {0:yyyy-MM-dd} to {1:yyyy-MM-dd}", from, to);
            var days = (to - from).TotalDays;
            ConsoleProgress.Run(ConsoleProgress.CreateConsole(), progress => simulation.Run(day => progress.Report(step, (day - from).TotalDays, days)));
            var report = SandboxReport.From(simulation.Replay.Organization, simulation.Ledger.Entries);
            report.ServiceLevels.AddScans(simulation.Replay.ScanTotals);
            report.ServiceLevels.SnoozesApplied = simulation.SnoozesApplied;
            report.Replay = new SandboxReport.ReplaySection
            {
                RowsRead = rows.Rows.Count + rows.Problems.Count,
                Imported = simulation.Replay.Imported,
                NotYetCreatedOnAsOf = simulation.Replay.NotYetCreated,
                SkippedRows = rows.Problems.ConvertAll(p => p.ToString()).Concat(engagements.Problems.Select(p => "engagements " + p)).ToList(),
                Assumptions = simulation.Replay.Assumptions,
                ScanCalls = simulation.Ledger.Entries.TryGetValue("Nightly stall scan (Custom API calls)", out var scans) ? (int)scans.Calls : 0,
                ClosedEarlyByLeadRecycle = simulation.ClosedEarlyByLeadRecycle,
                EngagementsRead = engagements.RowsRead,
                EngagementsNotScored = engagements.NotScored,
                EngagementsRepeated = engagements.Duplicates,
                EngagementsPlayed = simulation.EngagementsPlayed,
                EngagementsNotInNurture = simulation.EngagementsNotInNurture,
                EngagementsOutsidePeriod = simulation.EngagementsOutsidePeriod,
            };
            return Write(report, outputFolder);
        }

        /// <summary>A date argument (yyyy-MM-dd, within <see cref="SaneDates"/>), or a usage failure naming the option.</summary>
        private static DateTime Date(string text, string option)
        {
            if (!DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
            {
                throw new CommandFailure(ExitCodes.Usage, $"{option} '{text}' is not a date (yyyy-MM-dd).");
            }

            if (!SaneDates.Contains(date))
            {
                throw new CommandFailure(ExitCodes.Usage, $"{option} '{text}' is outside {SaneDates.Range}.");
            }

            return date;
        }

        /// <summary>The rows and the bad rows (printed); a file that cannot be a history, or (strict) any bad row, fails the command.</summary>
        private static (System.Collections.Generic.List<HistoryRow> Rows, System.Collections.Generic.List<HistoryProblem> Problems) ReadHistory(string path, bool strict)
        {
            RequireFile(path, "history file");
            var (rows, problems) = ReadInput(path, "a history", () =>
            {
                using var reader = new StreamReader(path);
                return HistoryCsv.Read(reader);
            });
            RefuseBadRows(problems, strict, "nothing was imported");
            return (rows, problems);
        }

        /// <summary>Prints each bad row; under --strict, any bad row refuses the whole file.</summary>
        private static void RefuseBadRows(System.Collections.Generic.List<HistoryProblem> problems, bool strict, string consequence)
        {
            foreach (var problem in problems)
            {
                Console.Error.WriteLine((strict ? "refused " : "skipped ") + problem);
            }

            if (strict && problems.Count > 0)
            {
                throw new CommandFailure(ExitCodes.Refused, $"{problems.Count} bad row(s); {consequence} (--strict).");
            }
        }

        private static int Replay(string path, string asOfText, bool strict, string outputFolder, string? policyPath = null)
        {
            var asOf = Date(asOfText, "--as-of");
            RequireFile(path, "history file");
            var policyJson = ReadPolicy(policyPath);
            RequireWritable(ReportPath(outputFolder));
            var replay = Installed(() => new HistoryReplay(asOf.AddHours(23), policyJson));
            var problems = new System.Collections.Generic.List<HistoryProblem>();
            var rowsRead = 0;
            // The file is read row by row as it is imported; the progress is the share of the file read.
            ReadInput(path, "a history", () =>
            {
                using var stream = File.OpenRead(path);
                using var reader = new StreamReader(stream);
                var rows = HistoryCsv.ReadRows(reader, problems);
                var step = "Importing " + Path.GetFileName(path);
                // The length once: reading it asks the file system each time, a million times for a million rows.
                var length = stream.Length;
                ConsoleProgress.Run(ConsoleProgress.CreateConsole(), progress =>
                    replay.Import(rows, imported =>
                    {
                        rowsRead = imported;
                        progress.Report(step, stream.Position, length);
                    }));
                return rowsRead;
            });
            RefuseBadRows(problems, strict, "nothing was imported");
            ReportLiveHeap(AfterImport, replay.Imported);
            ConsoleProgress.Run(ConsoleProgress.CreateConsole(), progress =>
            {
                progress.Report("Stall scan as of " + asOfText, 0, 0);
                replay.Scan();
                progress.Report("Stall scan as of " + asOfText, 1, 1);
            });
            ReportLiveHeap("after the stall scan", replay.Imported);
            var reportRows = ReportRows.Read(replay.Organization.Service);
            ReportLiveHeap("with the report's rows read", replay.Imported);
            var report = SandboxReport.From(replay.Organization.Service, replay.Organization.Clock.UtcNow, reportRows,
                new System.Collections.Generic.Dictionary<string, CallLedger.Entry>());
            report.ServiceLevels.AddScans(replay.ScanTotals);
            report.Replay = new SandboxReport.ReplaySection
            {
                RowsRead = rowsRead + problems.Count,
                Imported = replay.Imported,
                NotYetCreatedOnAsOf = replay.NotYetCreated,
                SkippedRows = problems.ConvertAll(p => p.ToString()),
                Assumptions = replay.Assumptions,
                ScanCalls = replay.ScanCalls,
            };
            return Write(report, outputFolder);
        }

        /// <summary>
        /// With LEADRECYCLE_MEMORY_REPORT=1, the live managed heap after a full collection, in total and per imported
        /// deal (with its stage stay), on standard error: the memory per record the scale work is measured by.
        /// </summary>
        /// <summary>LEADRECYCLE_MEMORY_REPORT=1 reports the live heap after each step of a replay; =import after the import only (the bench's figure).</summary>
        public const string MemoryReportVariable = "LEADRECYCLE_MEMORY_REPORT";

        public const string MemoryReportAfterImport = "import";

        private const string AfterImport = "after import";

        private const string LiveHeapLine = "Live managed heap {0}: {1:N0} MB, {2:N0} bytes per deal ({3:N0} deals); {4}.";

        /// <summary>The bytes per deal in a replay's "after import" heap line (<see cref="ReportLiveHeap"/>), or 0 when its output has none.</summary>
        public static long BytesPerDealAfterImport(string standardError)
        {
            var line = Regex.Match(standardError ?? string.Empty,
                Regex.Escape("Live managed heap " + AfterImport + ": ") + @"[\d,]+ MB, ([\d,]+) bytes per deal");
            return line.Success ? long.Parse(line.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : 0;
        }

        private static void ReportLiveHeap(string when, int deals)
        {
            var setting = Environment.GetEnvironmentVariable(MemoryReportVariable);
            if (setting != "1" && !(setting == MemoryReportAfterImport && when == AfterImport))
            {
                return;
            }

            // The collections so far and their pauses, read before this report's own full collection adds one.
            var collections = string.Format(CultureInfo.InvariantCulture, "{0:N0}/{1:N0}/{2:N0} collections of generation 0/1/2 so far, paused {3:N1} s",
                GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalSeconds);
            var bytes = GC.GetTotalMemory(forceFullCollection: true);
            Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, LiveHeapLine,
                when, bytes / (1024 * 1024), deals > 0 ? bytes / deals : 0, deals, collections));
        }

        private static int Demo(int days, int seed, string outputFolder)
        {
            if (days < 1 || days > 3650)
            {
                throw new CommandFailure(ExitCodes.Usage, "--days must be from 1 to 3650.");
            }

            RequireWritable(ReportPath(outputFolder));
            var scenario = new DemoScenario(new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), seed);
            var step = string.Format(CultureInfo.InvariantCulture, "Playing {0} days", days);
            ConsoleProgress.Run(ConsoleProgress.CreateConsole(), progress => scenario.Play(days, day => progress.Report(step, day, days)));

            var report = SandboxReport.From(scenario.Organization, scenario.Calls);
            report.ServiceLevels.AddScans(scenario.ScanTotals);
            return Write(report, outputFolder);
        }

        private static string ReportPath(string outputFolder) => Path.Combine(outputFolder, "report.json");

        private static int Write(SandboxReport report, string outputFolder)
        {
            var path = ReportPath(outputFolder);
            var page = Path.Combine(outputFolder, "report.html");
            WriteFiles((path, report.ToJson()), (page, HtmlReport.Render(report)));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "Opportunities: {0} open, {1} won, {2} lost. Recycled leads: {3} ({4} active, {5} passive); returned to reps: {6}. Stalled now: {7}, warned: {8}.",
                report.Opportunities["open"], report.Opportunities["won"], report.Opportunities["lost"], report.RecycledLeads.Total, report.RecycledLeads.Active,
                report.RecycledLeads.Passive, report.ReturnsToRep.Returned, report.Aging.Stalled, report.Aging.Warned));
            foreach (var row in report.CallsPerEvent)
            {
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-40} {1,6} events  {2,6:0.00} plug-in calls per event", row.Event, row.Events, row.CallsPerEvent));
            }

            Console.WriteLine("Report: " + Path.GetFullPath(path) + " and " + Path.GetFullPath(page));
            return ExitCodes.Ok;
        }
    }

    /// <summary>The sandbox's exit codes (listed in the README).</summary>
    public static class ExitCodes
    {
        public const int Ok = 0;

        /// <summary>The data was refused: a file that cannot be read as what it should be, or a bad row under --strict.</summary>
        public const int Refused = 1;

        /// <summary>The command cannot run as given: a bad or missing argument, a missing input, an output that cannot be written.</summary>
        public const int Usage = 2;
    }

    /// <summary>A command's end with a message for the user and an exit code, caught once where the command runs.</summary>
    internal sealed class CommandFailure : Exception
    {
        public CommandFailure(int exitCode, string message)
            : base(message)
        {
            ExitCode = exitCode;
        }

        public CommandFailure()
        {
        }

        public CommandFailure(string message)
            : base(message)
        {
        }

        public CommandFailure(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        public int ExitCode { get; } = ExitCodes.Usage;
    }
}
