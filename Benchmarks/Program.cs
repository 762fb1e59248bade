using System;
using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;

namespace LeadRecycle.Benchmarks
{
    public static class Program
    {
        /// <summary>
        /// BenchmarkDotNet's arguments, e.g. <c>dotnet run -c Release --project Benchmarks -- --job short --filter *</c>;
        /// or <c>--quick</c> for a few-second stopwatch estimate of each benchmark (ops/s), without BenchmarkDotNet.
        /// LeadRecycle's own figures (calls per event, time per operation, the stall scan at scale) are the sandbox's
        /// <c>bench</c> command.
        /// </summary>
        public static void Main(string[] args)
        {
            if (args.Length == 1 && args[0] == "--quick")
            {
                Quick();
                return;
            }

            if (args.Length >= 1 && (args[0] == "--costs" || args[0] == "--scan-scale"))
            {
                Console.Error.WriteLine(args[0] + " is now part of: dotnet run -c Release --project Sandbox -- bench [--scan-sizes 10000,100000,1000000]");
                Environment.ExitCode = 2;
                return;
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        }

        private static void Quick()
        {
            var service = new OrganizationServiceBenchmarks();
            service.Setup();
            var pipeline = new PipelineBenchmarks();
            pipeline.Setup();
            Measure("Create", () => service.Create());
            Measure("Retrieve", () => service.Retrieve());
            Measure("RetrieveMultipleFiltered", () => service.RetrieveMultipleFiltered());
            Measure("UpdateWithOneSyncStep", pipeline.UpdateWithOneSyncStep);
        }

        private static void Measure(string name, Action action)
        {
            for (var i = 0; i < 1000; i++)
            {
                action();
            }

            var stopwatch = Stopwatch.StartNew();
            var count = 0;
            while (stopwatch.ElapsedMilliseconds < 2000)
            {
                action();
                count++;
            }

            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-26} {1,12:N0} ops/s", name, count / stopwatch.Elapsed.TotalSeconds));
        }
    }
}
