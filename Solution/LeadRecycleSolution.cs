using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using LeadRecycle.Metadata;

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

        /// <summary>The Dataverse connection the cloud flow runs with; the admin picks the connection on import.</summary>
        public static ConnectionReferenceDeclaration DataverseConnection { get; } = new ConnectionReferenceDeclaration(
            "lr_DataverseConnection",
            "LeadRecycle Dataverse",
            ConnectionReferenceDeclaration.DataverseConnectorId,
            "The Dataverse connection LeadRecycle's nightly stall scan calls lr_ScanStalledOpportunities with.");

        public const string DailyStallScanKey = "DailyStallScan";

        /// <summary>The recurring cloud flow that drives the stall scan (Solution/Flows/DailyStallScan.json).</summary>
        public static CloudFlowDeclaration DailyStallScan { get; } = new CloudFlowDeclaration(
            DailyStallScanKey,
            "LeadRecycle Daily Stall Scan",
            "Every night, calls lr_ScanStalledOpportunities with its continuation token until Done. Imported off: choose the connection of lr_DataverseConnection, then turn it on.",
            ReadFlow(DailyStallScanKey));

        public const string SalesRoleName = "LeadRecycle Sales";
        public const string SalesManagerRoleName = "LeadRecycle Sales Manager";
        public const string MarketingRoleName = "LeadRecycle Marketing";
        public const string AdministratorRoleName = "LeadRecycle Administrator";
        public const string AutomationRoleName = "LeadRecycle Automation";

        /// <summary>
        /// Least privilege per persona, added on top of the platform's own roles (Salesperson, Sales Manager, Marketing
        /// Professional). LeadRecycle's plug-ins write as SYSTEM, so what a role grants is what a person may steer:
        /// <list type="bullet">
        /// <item>Reps read the recycled leads they own and, through the read-only share the recycle plug-in grants, the
        /// ones they handed over; they do not write them and do not log engagements (a rep who hears from a nurtured
        /// prospect reopens the deal, which cancels the recycled lead).</item>
        /// <item>Sales managers read every recycled lead, engagement and stage statistic in the organization: the
        /// dashboard's recycle reasons and return rates span business units, because marketing owns the records.</item>
        /// <item>Marketing reads every recycled lead (the journeys' audience is the whole organization), works the ones
        /// in its business unit, and records engagements on any of them; it never creates one (only a close does).</item>
        /// <item>Administrators own LeadRecycle's data and its policy variable, but only read the tables the scan
        /// maintains (stage stays and statistics): those feed SYSTEM's thresholds.</item>
        /// <item>Automation is the nightly flow's application user: the right to run the scan (its execute privilege) and
        /// nothing else.</item>
        /// </list>
        /// </summary>
        public static IReadOnlyList<RoleDeclaration> Roles(IReadOnlyCollection<TableMetadata> tables)
        {
            ArgumentNullException.ThrowIfNull(tables);
            static RolePrivilegeDeclaration P(string access, string table, PrivilegeDepth depth) => new RolePrivilegeDeclaration(access, table, depth);
            var recycledLead = LeadRecycle.Schema.RecycledLead.EntityName;
            var engagement = LeadRecycle.Schema.Engagement.EntityName;
            var statistic = LeadRecycle.Schema.StageStatistic.EntityName;
            var duration = LeadRecycle.Schema.StageDuration.EntityName;
            var scanOwned = new[] { statistic, duration };

            var sales = new RoleDeclaration(SalesRoleName, "Sales reps: read the recycled leads they own or handed over (shared read), read stage statistics.", new[]
            {
                P("Read", recycledLead, PrivilegeDepth.Basic),
                P("Read", engagement, PrivilegeDepth.Basic),
                // Organization-owned: organization depth is the only depth there is.
                P("Read", statistic, PrivilegeDepth.Global),
            });

            var salesManager = new RoleDeclaration(SalesManagerRoleName, "Sales managers: read every recycled lead, engagement, stage stay and statistic, for the dashboard.",
                new[] { recycledLead, engagement, statistic, duration }.Select(t => P("Read", t, PrivilegeDepth.Global)).ToArray());

            var marketing = new RoleDeclaration(MarketingRoleName, "Marketing: reads every recycled lead, works those of its business unit, records engagements on any.", new[]
            {
                P("Read", recycledLead, PrivilegeDepth.Global),
                P("Write", recycledLead, PrivilegeDepth.Local),
                P("Assign", recycledLead, PrivilegeDepth.Local),
                P("Append", recycledLead, PrivilegeDepth.Local),
                // An engagement's lookup to its recycled lead needs Append To on that recycled lead, wherever it is owned.
                P("AppendTo", recycledLead, PrivilegeDepth.Global),
                P("Create", engagement, PrivilegeDepth.Local),
                P("Read", engagement, PrivilegeDepth.Global),
                P("Write", engagement, PrivilegeDepth.Local),
                P("Append", engagement, PrivilegeDepth.Local),
                P("Assign", engagement, PrivilegeDepth.Local),
                P("Read", statistic, PrivilegeDepth.Global),
            });

            var ownTables = tables.Where(t => t.IsCustom).OrderBy(t => t.LogicalName, StringComparer.Ordinal).ToArray();
            var administrator = new RoleDeclaration(AdministratorRoleName, "LeadRecycle administrators: all of LeadRecycle's data (the scan's tables read-only), and its environment variables.",
                ownTables.SelectMany(t => RolePrivilegeDeclaration.AccessRights
                        .Where(a => t.Ownership == TableOwnership.UserOwned || (a != "Assign" && a != "Share"))
                        .Where(a => !scanOwned.Contains(t.LogicalName) || a == "Read")
                        .Select(a => P(a, t.LogicalName, PrivilegeDepth.Global)))
                    .Concat(new[]
                    {
                        P("Read", "environmentvariabledefinition", PrivilegeDepth.Global),
                        P("Write", "environmentvariabledefinition", PrivilegeDepth.Global),
                        P("AppendTo", "environmentvariabledefinition", PrivilegeDepth.Global),
                        // Setting a current value the first time creates the value record, linked to its definition.
                        P("Create", "environmentvariablevalue", PrivilegeDepth.Global),
                        P("Read", "environmentvariablevalue", PrivilegeDepth.Global),
                        P("Write", "environmentvariablevalue", PrivilegeDepth.Global),
                        P("Append", "environmentvariablevalue", PrivilegeDepth.Global),
                    })
                    .ToArray());

            // The scan's execute privilege (ScanStalledOpportunitiesApi.ExecutePrivilege) is Write on the statistics it keeps.
            var automation = new RoleDeclaration(AutomationRoleName, "The nightly cloud flow's application user: may run the stall scan, nothing more.", new[]
            {
                P("Read", statistic, PrivilegeDepth.Global),
                P("Write", statistic, PrivilegeDepth.Global),
            });

            return new[] { sales, salesManager, marketing, administrator, automation };
        }

        /// <summary>The deployable assembly, in its current-.NET build (same full name as the net462 build).</summary>
        public static IReadOnlyList<Assembly> PluginAssemblies { get; } = new[] { typeof(LeadRecycle.Framework.PluginBase).Assembly };

        public static SolutionDefinition Definition()
        {
            var (tables, choices) = ReadCatalog(typeof(LeadRecycleTables).Assembly);
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
                ConnectionReferences = new[] { DataverseConnection },
                CloudFlows = new[] { DailyStallScan },
                Roles = Roles(tables),
                Views = LeadRecycleApp.Views,
                Forms = LeadRecycleApp.Forms,
                Charts = LeadRecycleApp.Charts,
                Dashboards = new[] { LeadRecycleApp.Overview },
                AppModules = new[] { LeadRecycleApp.App },
                WebResources = LeadRecycleApp.WebResources,
                FormCommands = new[] { LeadRecycleApp.ReturnToNurtureCommand },
            };
        }

        /// <summary>A web resource's content, embedded from Solution/WebResources/&lt;name&gt;.</summary>
        public static byte[] ReadWebResource(string name)
        {
            var resource = "LeadRecycle.Solution.WebResources/" + name;
            var assembly = typeof(LeadRecycleSolution).Assembly;
            // MSBuild's RecursiveDir uses the building machine's separator; match either.
            var actual = assembly.GetManifestResourceNames().FirstOrDefault(n => n.Replace('\\', '/') == resource)
                ?? throw new InvalidOperationException($"The web resource {name} is missing from the packer (expected Solution/WebResources/{name}).");
            using var stream = assembly.GetManifestResourceStream(actual)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
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

        private static byte[] ReadFlow(string key)
        {
            var name = "LeadRecycle.Solution.Flows." + key + ".json";
            using var stream = typeof(LeadRecycleSolution).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The cloud flow resource {name} is missing from the packer.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
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
