using System;
using System.IO;
using LeadRecycle.Sandbox;
using Xunit;

namespace LeadRecycle.Tests.Sandbox
{
    /// <summary>The sandbox's command line as a user meets it; callers belong to <see cref="ConsoleCollection"/> (it swaps Console.Error).</summary>
    internal static class SandboxCommandLine
    {
        /// <summary>Runs the sandbox as the user does and returns its exit code and the lines it wrote to standard error.</summary>
        public static (int Exit, string[] Errors) Run(params string[] args)
        {
            var error = new StringWriter();
            var output = new StringWriter();
            var (previousError, previousOut) = (Console.Error, Console.Out);
            Console.SetError(error);
            Console.SetOut(output);
            int exit;
            try
            {
                exit = Program.Main(args);
            }
            finally
            {
                Console.SetError(previousError);
                Console.SetOut(previousOut);
            }

            var all = error + "\n" + output;
            // Whatever went wrong, the user reads words, not a .NET stack trace.
            Assert.DoesNotContain("Exception", all, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
            return (exit, error.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
