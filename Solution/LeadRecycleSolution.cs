using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using LeadRecycle.Metadata;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// The code-owned part of the LeadRecycle solution: its version, its tables and choices (the metadata catalog) and
    /// its plug-in assembly (found by reflection). The packer's other classes know nothing of LeadRecycle; tests build
    /// other solutions from them. What makers own (forms, views, charts, the dashboard, the app, roles, web resources,
    /// the cloud flow) is XML under src/, not here.
    /// </summary>
    public static class LeadRecycleSolution
    {
        /// <summary>The version stamped from $(LeadRecycleVersion) at build time.</summary>
        public static string Version { get; } =
            typeof(LeadRecycleSolution).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "LeadRecycleVersion").Value
            ?? throw new InvalidOperationException("The LeadRecycleVersion build metadata is missing.");

        /// <summary>The deployable assembly, in its current-.NET build (same full name as the net462 build).</summary>
        public static IReadOnlyList<Assembly> PluginAssemblies { get; } = new[] { typeof(LeadRecycle.Framework.PluginBase).Assembly };

        public static SolutionDefinition Definition() => new SolutionDefinition
        {
            Version = Version,
            PublisherPrefix = LeadRecycle.Schema.Publisher.Prefix,
            OptionValuePrefix = LeadRecycle.Schema.Publisher.OptionValuePrefix,
            Catalog = new MetadataCatalog(LeadRecycleTables.All),
            GlobalChoices = LeadRecycleTables.GlobalChoices,
            Assemblies = PluginAssemblies.Select(PluginDiscovery.Discover).ToArray(),
        };

        public static SolutionModel Model() => SolutionModel.Create(Definition());
    }
}
