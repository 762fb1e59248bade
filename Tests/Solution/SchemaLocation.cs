using System;
using System.IO;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>
    /// Where Microsoft's CustomizationsSolution.xsd (9.0) lives: in the repository, third-party/dataverse-schemas
    /// (see third-party/README.md for its source and terms). LEADRECYCLE_SCHEMAS overrides it.
    /// </summary>
    internal static class SchemaLocation
    {
        public const string FileName = "CustomizationsSolution.xsd";

        public static string? Folder { get; } = Find();

        public static string InRepository => Path.GetFullPath(Path.Combine(BuildLayout.RepositoryRoot, "third-party", "dataverse-schemas"));

        public static string Describe() =>
            $"CustomizationsSolution.xsd was not found in {InRepository} (nor in $LEADRECYCLE_SCHEMAS)";

        private static string? Find()
        {
            var overridden = Environment.GetEnvironmentVariable("LEADRECYCLE_SCHEMAS");
            if (!string.IsNullOrEmpty(overridden))
            {
                return File.Exists(Path.Combine(overridden, FileName)) ? overridden : null;
            }

            return File.Exists(Path.Combine(InRepository, FileName)) ? InRepository : null;
        }
    }
}
