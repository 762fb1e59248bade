using System;
using System.CommandLine;
using System.Globalization;
using System.IO;

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

            return root.Parse(args).Invoke();
        }

        private static int Demo(int days, int seed, string outputFolder)
        {
            if (days < 1 || days > 3650)
            {
                Console.Error.WriteLine("--days must be from 1 to 3650.");
                return 2;
            }

            var scenario = new DemoScenario(new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), seed);
            scenario.Play(days, day =>
            {
                if (day % 30 == 0 || day == days)
                {
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "day {0,4} of {1}", day, days));
                }
            });

            var report = SandboxReport.From(scenario.Organization, scenario.Calls);
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
