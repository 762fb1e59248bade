using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace LeadRecycle.Tests
{
    /// <summary>Where the build put things, as recorded by MSBuild into this test assembly.</summary>
    internal static class BuildLayout
    {
        public static string RepositoryRoot => Metadata("RepositoryRoot");

        public static string Configuration => Metadata("Configuration");

        public static string XrmSdk => Metadata("XrmSdk");

        public static string DeployedAssembly(string projectFolder, string assemblyName) =>
            Path.Combine(RepositoryRoot, projectFolder, "bin", Configuration, "net462", assemblyName + ".dll");

        private static string Metadata(string key) =>
            typeof(BuildLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(attribute => attribute.Key == key).Value
            ?? throw new InvalidOperationException($"Build metadata '{key}' is missing.");
    }
}
