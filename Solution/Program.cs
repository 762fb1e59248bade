using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace LeadRecycle.Solution
{
    /// <summary>
    ///   generate [--src DIR]                                rewrite the code-owned files of the unpacked solution (default: Solution/src)
    ///   pack --src DIR --out DIR --assembly DLL [...]      pack the managed and unmanaged zips from src/
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            try
            {
                var command = args.Length > 0 ? args[0] : string.Empty;
                var options = ParseOptions(args.Skip(1).ToArray());
                switch (command)
                {
                    case "generate":
                        var source = Single(options, "--src") ?? DefaultSourceFolder();
                        var files = CodeOwnedFiles.Write(LeadRecycleSolution.Model(), source);
                        Console.WriteLine($"Wrote {files.Count} code-owned files to {source}; the maker-owned ones are left as they are.");
                        return 0;
                    case "pack":
                        var result = SolutionPacker.Pack(
                            Single(options, "--src") ?? DefaultSourceFolder(),
                            Single(options, "--out") ?? throw new ArgumentException("pack needs --out DIR."),
                            options.TryGetValue("--assembly", out var dlls) ? dlls : new List<string>());
                        Console.WriteLine($"Packed {result.ManagedZip}");
                        Console.WriteLine($"Packed {result.UnmanagedZip}");
                        return 0;
                    default:
                        Console.Error.WriteLine("usage: LeadRecycle.Solution generate [--src DIR] | pack --src DIR --out DIR --assembly DLL [--assembly DLL ...]");
                        return 2;
                }
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException or ArgumentException or NotSupportedException or InvalidDataException)
            {
                Console.Error.WriteLine("error: " + exception.Message);
                return 1;
            }
        }

        public static string DefaultSourceFolder() =>
            Path.Combine(
                typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value
                    ?? throw new InvalidOperationException("The RepositoryRoot build metadata is missing."),
                "Solution", "src");

        private static Dictionary<string, List<string>> ParseOptions(string[] args)
        {
            var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            for (var i = 0; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                {
                    throw new ArgumentException($"Unexpected argument '{args[i]}'.");
                }

                if (!options.TryGetValue(args[i], out var values))
                {
                    values = new List<string>();
                    options.Add(args[i], values);
                }

                values.Add(args[++i]);
            }

            return options;
        }

        private static string? Single(Dictionary<string, List<string>> options, string name) =>
            options.TryGetValue(name, out var values) ? values.Last() : null;
    }
}
