using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace LeadRecycle.Tests.Support
{
    /// <summary>
    /// Runs Node.js for the web resources' tests (the machine image has it; .ci/run installs Debian's nodejs where it
    /// does not). A missing node is a failure that says how to install it, never a skip.
    /// </summary>
    internal static class NodeJs
    {
        public sealed record Result(int ExitCode, string Output, string Error);

        public static string Executable()
        {
            var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            var names = OperatingSystem.IsWindows() ? new[] { "node.exe" } : new[] { "node", "nodejs" };
            var found = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(folder => names.Select(name => Path.Combine(folder, name)))
                .FirstOrDefault(File.Exists);
            return found ?? throw new InvalidOperationException(
                "Node.js (node) is needed to test the web resources and was not found on PATH. Install it (Debian: apt-get install nodejs), or run bash .ci/run, which does.");
        }

        /// <summary>
        /// The npm packages the web resources' tests use (xrm-mock, puppeteer-core), installed once from the committed
        /// lock file when the checkout has none, so the README's test command works on a fresh clone.
        /// </summary>
        private static readonly Lazy<bool> Packages = new Lazy<bool>(InstallPackages);

        public static void EnsurePackages() => _ = Packages.Value;

        private static bool InstallPackages()
        {
            var root = BuildLayout.RepositoryRoot;
            if (File.Exists(Path.Combine(root, "node_modules", ".package-lock.json")))
            {
                return true;
            }

            var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            var npm = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(folder => Path.Combine(folder, OperatingSystem.IsWindows() ? "npm.cmd" : "npm"))
                .FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("npm is needed to install the web resources' test packages and was not found on PATH. Install it (Debian: apt-get install npm), or run bash .ci/run, which does.");
            var start = new ProcessStartInfo(npm) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(600_000) || process.ExitCode != 0)
            {
                throw new InvalidOperationException("npm ci failed at " + root + ": " + output + error.Result);
            }

            return true;
        }

        public static Result Run(string workingDirectory, params string[] arguments)
        {
            EnsurePackages();
            var start = new ProcessStartInfo(Executable())
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // Node's test runner colours and reformats its report when it thinks a terminal is attached.
            start.Environment["NO_COLOR"] = "1";
            start.Environment["NODE_TEST_CONTEXT"] = null;
            using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("node did not finish within 2 minutes: " + string.Join(' ', arguments));
            }

            return new Result(process.ExitCode, output, error.Result);
        }
    }
}
