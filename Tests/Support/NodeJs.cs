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

        public static Result Run(string workingDirectory, params string[] arguments)
        {
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
