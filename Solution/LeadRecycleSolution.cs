extern alias workflows;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using LeadRecycle.Metadata;
using WorkflowFramework = workflows::LeadRecycle.Framework;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// The LeadRecycle solution itself: its publisher, version, tables (from the metadata catalog), plug-in
    /// assemblies (found by reflection) and environment variables. The packer's other classes know nothing of
    /// LeadRecycle; tests build other solutions from them.
    /// </summary>
    public static class LeadRecycleSolution
    {
        public const string UniqueName = "LeadRecycle";

        /// <summary>The catalog class the lead engineer's Metadata project defines; looked up by name so that the packer
        /// picks it up (tables via <c>All</c>, global choices via <c>GlobalChoices</c>) as soon as it exists.</summary>
        public const string CatalogTypeName = "LeadRecycle.Metadata.LeadRecycleTables";

        public static PublisherDeclaration Publisher { get; } = new PublisherDeclaration(
            "LeadRecycle", "LeadRecycle", LeadRecycle.Schema.Publisher.Prefix, LeadRecycle.Schema.Publisher.OptionValuePrefix);

        /// <summary>The version stamped from $(LeadRecycleVersion) at build time.</summary>
        public static string Version { get; } =
            typeof(LeadRecycleSolution).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "LeadRecycleVersion").Value
            ?? throw new InvalidOperationException("The LeadRecycleVersion build metadata is missing.");

        public static IReadOnlyList<EnvironmentVariableDeclaration> EnvironmentVariables { get; } = new[]
        {
            new EnvironmentVariableDeclaration(
                "lr_RecyclePolicy",
                "LeadRecycle policy",
                "LeadRecycle's policy as JSON: reasons to nurture streams, stall multipliers, service levels, thresholds. Every key is optional; {} means the built-in defaults.",
                EnvironmentVariableDeclaration.JsonType,
                "{}"),
        };

        /// <summary>The deployable assemblies, in their current-.NET builds (same full names as the net462 builds).</summary>
        public static IReadOnlyList<Assembly> PluginAssemblies { get; } = new[]
        {
            typeof(LeadRecycle.Framework.PluginBase).Assembly,
            typeof(WorkflowFramework.PluginBase).Assembly,
        };

        public static SolutionDefinition Definition()
        {
            var (tables, choices) = ReadCatalog(typeof(MetadataCatalog).Assembly);
            return new SolutionDefinition
            {
                UniqueName = UniqueName,
                DisplayName = "LeadRecycle",
                Description = "Return to Nurture: recycles lost opportunities and disqualified leads to marketing with a standardized reason and hands them back to the rep on re-engagement.",
                Version = Version,
                Publisher = Publisher,
                Catalog = new MetadataCatalog(tables),
                GlobalChoices = choices,
                Assemblies = PluginAssemblies.Select(PluginDiscovery.Discover).ToArray(),
                EnvironmentVariables = EnvironmentVariables,
            };
        }

        public static SolutionModel Model() => SolutionModel.Create(Definition());

        /// <summary>Tables and global choices of the catalog class, or none while it does not exist yet.</summary>
        public static (IReadOnlyList<TableMetadata> Tables, IReadOnlyList<ChoiceMetadata> Choices) ReadCatalog(Assembly metadataAssembly)
        {
            ArgumentNullException.ThrowIfNull(metadataAssembly);
            var catalog = metadataAssembly.GetType(CatalogTypeName);
            if (catalog == null)
            {
                return (Array.Empty<TableMetadata>(), Array.Empty<ChoiceMetadata>());
            }

            var tables = ReadStatic<IEnumerable<TableMetadata>>(catalog, "All")
                ?? throw new InvalidOperationException($"{CatalogTypeName} must expose a public static All (IEnumerable<TableMetadata>) for the packer.");
            var choices = ReadStatic<IEnumerable<ChoiceMetadata>>(catalog, "GlobalChoices") ?? Array.Empty<ChoiceMetadata>();
            return (tables.ToArray(), choices.ToArray());
        }

        private static T? ReadStatic<T>(Type type, string name)
            where T : class
        {
            const BindingFlags Flags = BindingFlags.Public | BindingFlags.Static;
            var value = type.GetProperty(name, Flags)?.GetValue(null) ?? type.GetField(name, Flags)?.GetValue(null);
            return value as T;
        }
    }
}
