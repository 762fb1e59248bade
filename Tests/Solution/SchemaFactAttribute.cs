using System;
using System.IO;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>
    /// Where Microsoft's CustomizationsSolution.xsd (9.0) lives: shared/schemas next to the repository
    /// (RepositoryRoot/../shared/schemas), or next to one of its ancestors when the repository is a worktree
    /// nested one level deeper. LEADRECYCLE_SCHEMAS overrides both.
    /// </summary>
    internal static class SchemaLocation
    {
        public const string FileName = "CustomizationsSolution.xsd";

        public static string? Folder { get; } = Find();

        public static string Describe() =>
            $"CustomizationsSolution.xsd was not found in {Path.GetFullPath(Path.Combine(BuildLayout.RepositoryRoot, "..", "shared", "schemas"))} "
            + "(nor in shared/schemas beside an ancestor folder, nor in $LEADRECYCLE_SCHEMAS)";

        private static string? Find()
        {
            var overridden = Environment.GetEnvironmentVariable("LEADRECYCLE_SCHEMAS");
            if (!string.IsNullOrEmpty(overridden))
            {
                return File.Exists(Path.Combine(overridden, FileName)) ? overridden : null;
            }

            for (var folder = Directory.GetParent(Path.GetFullPath(BuildLayout.RepositoryRoot).TrimEnd(Path.DirectorySeparatorChar)); folder != null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "shared", "schemas");
                if (File.Exists(Path.Combine(candidate, FileName)))
                {
                    return candidate;
                }
            }

            return null;
        }
    }

    /// <summary>A fact that is skipped, saying why, only when the schema folder is absent (xunit 2.9 has no runtime skip).</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class SchemaFactAttribute : FactAttribute
    {
        public SchemaFactAttribute()
        {
            if (SchemaLocation.Folder == null)
            {
                Skip = SchemaLocation.Describe() + "; the XSD validation cannot run.";
            }
        }
    }
}
