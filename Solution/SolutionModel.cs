using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LeadRecycle.Metadata;

namespace LeadRecycle.Solution
{
    public sealed record PluginTypeModel(Guid Id, string FullName, string AssemblyQualifiedName, string FriendlyName, string? Description, string? WorkflowActivityGroupName);

    public sealed record PluginAssemblyModel(Guid Id, string Name, string FullName, IReadOnlyList<PluginTypeModel> Types)
    {
        /// <summary>The file name stem Dataverse export uses: the assembly name with its dots removed.</summary>
        public string FileStem => Name.Replace(".", string.Empty, StringComparison.Ordinal);

        public string FolderName => FileStem + "-" + Id.ToString("D").ToUpperInvariant();

        public string DllFileName => FileStem + ".dll";

        /// <summary>The path of the DLL inside the zip, as written in the assembly's FileName element.</summary>
        public string ZipPath => "PluginAssemblies/" + FolderName + "/" + DllFileName;
    }

    public sealed record StepImageModel(Guid Id, string Alias, int ImageType, string MessagePropertyName, IReadOnlyList<string> Attributes);

    public sealed record StepModel(
        Guid Id,
        string Name,
        string MessageName,
        Guid SdkMessageId,
        string PrimaryEntity,
        int Stage,
        int Mode,
        int Rank,
        IReadOnlyList<string> FilteringAttributes,
        string Description,
        string? Configuration,
        PluginTypeModel PluginType,
        IReadOnlyList<StepImageModel> Images);

    /// <summary>A Custom API with the plug-in type (already in the solution) that implements it.</summary>
    public sealed record CustomApiModel(CustomApiDeclaration Api, PluginTypeModel PluginType)
    {
        public string UniqueName => Api.UniqueName;
    }

    /// <summary>A cloud flow with its id; the unpacked files are Workflows/&lt;FileStem&gt;-&lt;GUID&gt;.json and .json.data.xml.</summary>
    public sealed record CloudFlowModel(Guid Id, CloudFlowDeclaration Flow)
    {
        public string FileStem => new string(Flow.Name.Where(char.IsLetterOrDigit).ToArray());

        /// <summary>The path of the flow's JSON in the unpacked folder and in the zip (no leading slash).</summary>
        public string JsonPath => "Workflows/" + FileStem + "-" + Id.ToString("D").ToUpperInvariant() + ".json";
    }

    public sealed record RoleModel(Guid Id, string Name, string? Description, IReadOnlyList<RolePrivilegeDeclaration> Privileges);

    /// <summary>What a solution definition is made of, before ids and filtering.</summary>
    public sealed record SolutionDefinition
    {
        public required string UniqueName { get; init; }

        public required string DisplayName { get; init; }

        public string? Description { get; init; }

        public required string Version { get; init; }

        public required PublisherDeclaration Publisher { get; init; }

        public required MetadataCatalog Catalog { get; init; }

        /// <summary>Global choices to ship even when no emitted column uses them yet.</summary>
        public IReadOnlyList<ChoiceMetadata> GlobalChoices { get; init; } = Array.Empty<ChoiceMetadata>();

        public IReadOnlyList<PluginAssemblyDeclaration> Assemblies { get; init; } = Array.Empty<PluginAssemblyDeclaration>();

        public IReadOnlyList<EnvironmentVariableDeclaration> EnvironmentVariables { get; init; } = Array.Empty<EnvironmentVariableDeclaration>();

        public IReadOnlyList<ConnectionReferenceDeclaration> ConnectionReferences { get; init; } = Array.Empty<ConnectionReferenceDeclaration>();

        public IReadOnlyList<CloudFlowDeclaration> CloudFlows { get; init; } = Array.Empty<CloudFlowDeclaration>();

        public IReadOnlyList<RoleDeclaration> Roles { get; init; } = Array.Empty<RoleDeclaration>();

        public IReadOnlyList<ViewDeclaration> Views { get; init; } = Array.Empty<ViewDeclaration>();

        public IReadOnlyList<FormDeclaration> Forms { get; init; } = Array.Empty<FormDeclaration>();

        public IReadOnlyList<AppModuleDeclaration> AppModules { get; init; } = Array.Empty<AppModuleDeclaration>();

        public IReadOnlyList<ChartDeclaration> Charts { get; init; } = Array.Empty<ChartDeclaration>();

        public IReadOnlyList<DashboardDeclaration> Dashboards { get; init; } = Array.Empty<DashboardDeclaration>();

        public IReadOnlyList<WebResourceDeclaration> WebResources { get; init; } = Array.Empty<WebResourceDeclaration>();

        public IReadOnlyList<FormCommandDeclaration> FormCommands { get; init; } = Array.Empty<FormCommandDeclaration>();
    }

    /// <summary>
    /// What goes into the solution, with every id assigned: LeadRecycle's own tables in full, the custom columns
    /// and keys it adds to system tables, its global choices, plug-in assemblies, steps and environment variables.
    /// Everything is sorted, so the same inputs always give the same files.
    /// </summary>
    public sealed class SolutionModel
    {
        public const string IntroducedVersion = "1.0";
        public const int LanguageCode = 1033;

        private SolutionModel(SolutionDefinition definition, IReadOnlyList<TableMetadata> tables, IReadOnlyList<ChoiceMetadata> choices,
            IReadOnlyList<PluginAssemblyModel> assemblies, IReadOnlyList<StepModel> steps, IReadOnlyList<CustomApiModel> customApis)
        {
            CustomApis = customApis;
            ConnectionReferences = definition.ConnectionReferences.OrderBy(c => c.LogicalName, StringComparer.Ordinal).ToArray();
            CloudFlows = definition.CloudFlows.Select(f => new CloudFlowModel(DeterministicGuid.ForCloudFlow(f.Key), f)).OrderBy(f => f.Flow.Key, StringComparer.Ordinal).ToArray();
            Roles = definition.Roles.Select(r => new RoleModel(DeterministicGuid.ForRole(r.Name), r.Name, r.Description, r.Privileges)).OrderBy(r => r.Name, StringComparer.Ordinal).ToArray();
            UniqueName = definition.UniqueName;
            DisplayName = definition.DisplayName;
            Description = definition.Description;
            Version = definition.Version;
            Publisher = definition.Publisher;
            Tables = tables;
            GlobalChoices = choices;
            Assemblies = assemblies;
            Steps = steps;
            EnvironmentVariables = definition.EnvironmentVariables.OrderBy(v => v.SchemaName, StringComparer.Ordinal).ToArray();
            _catalog = definition.Catalog;
            Views = definition.Views.Select(v => new ViewModel(DeterministicGuid.ForView(v.Key), v)).OrderBy(v => v.View.Key, StringComparer.Ordinal).ToArray();
            Forms = definition.Forms.Select(f => new FormModel(DeterministicGuid.ForForm(f.Key), f)).OrderBy(f => f.Form.Key, StringComparer.Ordinal).ToArray();
            Charts = definition.Charts.Select(c => new ChartModel(DeterministicGuid.ForChart(c.Key), c)).OrderBy(c => c.Chart.Key, StringComparer.Ordinal).ToArray();
            Dashboards = definition.Dashboards.Select(d => new DashboardModel(DeterministicGuid.ForDashboard(d.Name), d)).OrderBy(d => d.Dashboard.Name, StringComparer.Ordinal).ToArray();
            WebResources = definition.WebResources.Select(w => new WebResourceModel(DeterministicGuid.ForWebResource(w.Name), w)).OrderBy(w => w.Name, StringComparer.Ordinal).ToArray();
            FormCommands = definition.FormCommands.OrderBy(c => c.Table, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal).ToArray();
            AppModules = definition.AppModules.Select(a => new AppModuleModel(DeterministicGuid.ForAppModule(a.UniqueName), DeterministicGuid.ForSiteMap(a.UniqueName), a))
                .OrderBy(a => a.UniqueName, StringComparer.Ordinal).ToArray();
        }

        private readonly MetadataCatalog _catalog;

        public IReadOnlyList<ViewModel> Views { get; }

        public IReadOnlyList<FormModel> Forms { get; }

        public IReadOnlyList<AppModuleModel> AppModules { get; }

        public IReadOnlyList<ChartModel> Charts { get; }

        public IReadOnlyList<DashboardModel> Dashboards { get; }

        public IReadOnlyList<WebResourceModel> WebResources { get; }

        /// <summary>Form command bar buttons, by table: each table with any gets a RibbonDiff.xml.</summary>
        public IReadOnlyList<FormCommandDeclaration> FormCommands { get; }

        /// <summary>A table as the catalog declares it (all its columns, also a system table's own): what views and forms show.</summary>
        public TableMetadata FullTable(string logicalName) => FullTable(_catalog, logicalName);

        /// <summary>
        /// The catalog's table; for a system table, its catalog entry (LeadRecycle's columns) merged with the platform
        /// columns <see cref="SystemTables"/> knows, so a form can also place the table's own fields.
        /// </summary>
        public static TableMetadata FullTable(MetadataCatalog catalog, string logicalName)
        {
            ArgumentNullException.ThrowIfNull(catalog);
            var table = catalog.Get(logicalName);
            var platform = table.IsCustom ? null : SystemTables.All.FirstOrDefault(t => t.LogicalName == logicalName);
            if (platform == null)
            {
                return table;
            }

            var own = new HashSet<string>(table.Columns.Select(c => c.LogicalName), StringComparer.Ordinal);
            return table with { Columns = table.Columns.Concat(platform.Columns.Where(c => !own.Contains(c.LogicalName))).ToArray() };
        }

        public string UniqueName { get; }

        public string DisplayName { get; }

        public string? Description { get; }

        public string Version { get; }

        public PublisherDeclaration Publisher { get; }

        /// <summary>Custom tables with all their columns; system tables with only LeadRecycle's columns (and keys).</summary>
        public IReadOnlyList<TableMetadata> Tables { get; }

        public IReadOnlyList<ChoiceMetadata> GlobalChoices { get; }

        public IReadOnlyList<PluginAssemblyModel> Assemblies { get; }

        public IReadOnlyList<StepModel> Steps { get; }

        public IReadOnlyList<EnvironmentVariableDeclaration> EnvironmentVariables { get; }

        /// <summary>Custom APIs declared by the solution's plug-in types, by unique name.</summary>
        public IReadOnlyList<CustomApiModel> CustomApis { get; }

        public IReadOnlyList<ConnectionReferenceDeclaration> ConnectionReferences { get; }

        public IReadOnlyList<CloudFlowModel> CloudFlows { get; }

        public IReadOnlyList<RoleModel> Roles { get; }

        public static SolutionModel Create(SolutionDefinition definition)
        {
            ArgumentNullException.ThrowIfNull(definition);
            RequireFourPartVersion(definition.Version);
            var prefix = definition.Publisher.Prefix + "_";

            var tables = definition.Catalog.Tables
                .Select(t => t.IsCustom ? t : SystemTableShell(t, prefix))
                .Where(t => t.IsCustom || t.Columns.Count > 0 || t.AlternateKeys.Count > 0)
                .OrderBy(t => t.LogicalName, StringComparer.Ordinal)
                .ToArray();
            foreach (var table in tables)
            {
                Validate(table, prefix);
            }

            var choices = tables.SelectMany(t => t.Columns)
                .Select(c => c.Choice)
                .Where(c => c != null && c.IsGlobal && c.Name.StartsWith(prefix, StringComparison.Ordinal))
                .Select(c => c!)
                .Concat(definition.GlobalChoices)
                .GroupBy(c => c.Name, StringComparer.Ordinal)
                .Select(g => g.First())
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .ToArray();
            foreach (var choice in choices)
            {
                Validate(choice, definition.Publisher.OptionValuePrefix);
            }

            var assemblies = new List<PluginAssemblyModel>();
            var steps = new List<StepModel>();
            var customApis = new List<CustomApiModel>();
            foreach (var assembly in definition.Assemblies.OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                var types = assembly.Types.OrderBy(t => t.FullName, StringComparer.Ordinal).Select(t => new
                {
                    Declaration = t,
                    Model = new PluginTypeModel(
                        DeterministicGuid.ForPluginType(t.FullName),
                        t.FullName,
                        t.FullName + ", " + assembly.FullName,
                        t.FullName,
                        t.Description,
                        t.WorkflowActivityGroupName),
                }).ToArray();
                assemblies.Add(new PluginAssemblyModel(DeterministicGuid.ForAssembly(assembly.Name), assembly.Name, assembly.FullName, types.Select(t => t.Model).ToArray()));
                steps.AddRange(types.SelectMany(t => t.Declaration.Steps.Select(s => ToModel(s, t.Model))));
                customApis.AddRange(types.Where(t => t.Declaration.CustomApi != null).Select(t => new CustomApiModel(t.Declaration.CustomApi!, t.Model)));
            }

            foreach (var api in customApis)
            {
                Validate(api.Api, prefix);
            }

            var duplicateApi = customApis.GroupBy(a => a.UniqueName, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicateApi != null)
            {
                throw new InvalidOperationException($"Custom API '{duplicateApi.Key}' is declared by more than one plug-in type.");
            }

            ValidateFlows(definition, customApis);
            foreach (var role in definition.Roles)
            {
                Validate(role, tables);
            }

            ValidateApp(definition, tables, prefix);
            ValidateWebResources(definition, tables, prefix);

            var duplicate = steps.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null)
            {
                throw new InvalidOperationException($"Step '{duplicate.Key}' is declared twice; a step's name is its identity.");
            }

            return new SolutionModel(definition, tables, choices, assemblies, steps.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray(),
                customApis.OrderBy(a => a.UniqueName, StringComparer.Ordinal).ToArray());
        }

        private static StepModel ToModel(StepDeclaration step, PluginTypeModel pluginType)
        {
            var messageId = SdkMessages.IdOf(step.MessageName, step.Name);
            var images = step.Images
                .Select(i => new StepImageModel(DeterministicGuid.ForImage(step.Name, i.Alias), i.Alias, i.ImageType, i.MessagePropertyName, i.Attributes))
                .ToArray();
            return new StepModel(
                DeterministicGuid.ForStep(step.Name), step.Name, step.MessageName, messageId, step.PrimaryEntity, step.Stage, step.Mode,
                step.Rank, step.FilteringAttributes, step.Description, step.UnsecureConfiguration, pluginType, images);
        }

        /// <summary>A system table reduced to what LeadRecycle adds: its custom columns and its own alternate keys.</summary>
        private static TableMetadata SystemTableShell(TableMetadata table, string prefix) =>
            table with
            {
                Columns = table.Columns.Where(c => c.IsCustom).ToArray(),
                AlternateKeys = table.AlternateKeys.Where(k => k.LogicalName.StartsWith(prefix, StringComparison.Ordinal)).ToArray(),
            };

        private static void Validate(TableMetadata table, string prefix)
        {
            if (table.IsCustom && !table.LogicalName.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Custom table '{table.LogicalName}' must carry the publisher prefix '{prefix}'.");
            }

            if (table.IsCustom && table.IsActivity)
            {
                throw new InvalidOperationException($"Custom activity table '{table.LogicalName}': activity tables are not supported by the packer yet.");
            }

            foreach (var column in table.Columns.Where(c => c.IsCustom))
            {
                if (!column.LogicalName.StartsWith(prefix, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Custom column '{table.LogicalName}.{column.LogicalName}' must carry the publisher prefix '{prefix}'.");
                }

                if (column.Type is ColumnType.Lookup && column.Targets.Count != 1)
                {
                    throw new InvalidOperationException($"Custom lookup '{table.LogicalName}.{column.LogicalName}' must name exactly one target table.");
                }

                if (column.Type is ColumnType.Customer)
                {
                    throw new InvalidOperationException($"Custom customer column '{table.LogicalName}.{column.LogicalName}': customer (polymorphic) lookups are not supported by the packer yet.");
                }
            }

            foreach (var key in table.AlternateKeys)
            {
                var missing = key.Columns.FirstOrDefault(c => table.FindColumn(c) == null);
                if (missing != null)
                {
                    throw new InvalidOperationException($"Alternate key '{key.LogicalName}' of '{table.LogicalName}' names column '{missing}', which the solution does not carry.");
                }
            }
        }

        private static void Validate(CustomApiDeclaration api, string prefix)
        {
            if (!api.UniqueName.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Custom API '{api.UniqueName}' must carry the publisher prefix '{prefix}'.");
            }

            if (api.BindingType != 0 && string.IsNullOrEmpty(api.BoundEntityLogicalName))
            {
                throw new InvalidOperationException($"Custom API '{api.UniqueName}' is bound (binding type {api.BindingType}) but names no table.");
            }

            // Dataverse refuses isoptional on a response property: the import fails (facts §7).
            var optional = api.ResponseProperties.FirstOrDefault(p => p.IsOptional);
            if (optional != null)
            {
                throw new InvalidOperationException($"Custom API '{api.UniqueName}' response property '{optional.UniqueName}' is optional; response properties cannot be.");
            }

            foreach (var group in new[] { api.RequestParameters, api.ResponseProperties })
            {
                var twice = group.GroupBy(p => p.UniqueName, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
                if (twice != null)
                {
                    throw new InvalidOperationException($"Custom API '{api.UniqueName}' declares '{twice.Key}' twice.");
                }
            }
        }

        private static void ValidateFlows(SolutionDefinition definition, IReadOnlyCollection<CustomApiModel> customApis)
        {
            var references = new HashSet<string>(definition.ConnectionReferences.Select(c => c.LogicalName), StringComparer.Ordinal);
            foreach (var flow in definition.CloudFlows)
            {
                foreach (var used in CloudFlowJson.ConnectionReferenceNames(flow.Definition))
                {
                    if (!references.Contains(used))
                    {
                        throw new InvalidOperationException($"Cloud flow '{flow.Name}' uses connection reference '{used}', which the solution does not carry.");
                    }
                }

                foreach (var action in CloudFlowJson.UnboundActionNames(flow.Definition).Where(a => a.StartsWith(definition.Publisher.Prefix + "_", StringComparison.Ordinal)))
                {
                    if (!customApis.Any(a => a.UniqueName == action))
                    {
                        throw new InvalidOperationException($"Cloud flow '{flow.Name}' calls '{action}', which is not a Custom API of the solution.");
                    }
                }
            }
        }

        private static void Validate(RoleDeclaration role, IReadOnlyList<TableMetadata> tables)
        {
            foreach (var privilege in role.Privileges)
            {
                if (!RolePrivilegeDeclaration.AccessRights.Contains(privilege.Access, StringComparer.Ordinal))
                {
                    throw new InvalidOperationException($"Role '{role.Name}': '{privilege.Access}' is not an access right ({string.Join(", ", RolePrivilegeDeclaration.AccessRights)}).");
                }

                var table = tables.FirstOrDefault(t => t.LogicalName == privilege.Table);
                if (table is { IsCustom: true, Ownership: TableOwnership.OrganizationOwned })
                {
                    // An organization-owned table has no owner: its privileges exist at organization depth only, and it cannot be assigned or shared.
                    if (privilege.Depth != PrivilegeDepth.Global || privilege.Access is "Assign" or "Share")
                    {
                        throw new InvalidOperationException($"Role '{role.Name}': {privilege.Name} at {privilege.Depth} is impossible on the organization-owned table '{table.LogicalName}'.");
                    }
                }
            }

            var twice = role.Privileges.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (twice != null)
            {
                throw new InvalidOperationException($"Role '{role.Name}' grants {twice.Key} twice.");
            }
        }

        private static void ValidateApp(SolutionDefinition definition, IReadOnlyList<TableMetadata> tables, string prefix)
        {
            var carried = new HashSet<string>(tables.Select(t => t.LogicalName), StringComparer.Ordinal);
            void RequireColumn(string what, string table, string column)
            {
                // A system table's catalog entry may list only the columns LeadRecycle reads; its own (unprefixed) columns
                // are the platform's. LeadRecycle's columns must be declared.
                var full = FullTable(definition.Catalog, table);
                if (full.FindColumn(column) == null && (full.IsCustom || column.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    throw new InvalidOperationException($"{what} names '{table}.{column}', which the catalog does not declare.");
                }
            }

            foreach (var view in definition.Views)
            {
                if (!carried.Contains(view.Table))
                {
                    throw new InvalidOperationException($"View '{view.Name}' is on '{view.Table}', which the solution does not carry.");
                }

                foreach (var column in view.Columns.Select(c => c.Name).Concat(view.Conditions.Select(c => c.Attribute)).Concat(view.Orders.Select(o => o.Attribute)).Concat(view.FindColumns))
                {
                    RequireColumn($"View '{view.Name}'", view.Table, column);
                }
            }

            var twiceView = definition.Views.GroupBy(v => v.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (twiceView != null)
            {
                throw new InvalidOperationException($"View '{twiceView.Key}' is declared twice; a view's table and name are its identity.");
            }

            var relationships = RelationshipModel.For(tables, prefix.TrimEnd('_'));
            foreach (var form in definition.Forms)
            {
                if (!carried.Contains(form.Table))
                {
                    throw new InvalidOperationException($"Form '{form.Name}' is on '{form.Table}', which the solution does not carry.");
                }

                if (!FormDeclaration.FormTypes.Contains(form.FormType, StringComparer.Ordinal))
                {
                    throw new InvalidOperationException($"Form '{form.Name}': '{form.FormType}' is not a form type ({string.Join(", ", FormDeclaration.FormTypes)}).");
                }

                foreach (var subgrid in form.Sections.Select(section => section.Subgrid).OfType<FormSubgrid>())
                {
                    if (!definition.Views.Any(v => v.Key == subgrid.ViewKey))
                    {
                        throw new InvalidOperationException($"Form '{form.Name}' shows view '{subgrid.ViewKey}' in a sub-grid, which the solution does not declare.");
                    }

                    var relationship = relationships.FirstOrDefault(r => r.Name == subgrid.Relationship);
                    if (relationship == null || relationship.ReferencingEntity != subgrid.Table || relationship.ReferencedEntity != form.Table)
                    {
                        throw new InvalidOperationException($"Form '{form.Name}' shows '{subgrid.Table}' through '{subgrid.Relationship}', which is not a relationship of the solution from '{form.Table}' to '{subgrid.Table}'.");
                    }
                }

                foreach (var field in form.Fields)
                {
                    // A form's cell binds to a column: it must be known, also on a system table.
                    if (FullTable(definition.Catalog, form.Table).FindColumn(field) == null)
                    {
                        throw new InvalidOperationException($"Form '{form.Name}' places '{form.Table}.{field}', which the catalog does not declare.");
                    }
                }
            }

            foreach (var chart in definition.Charts)
            {
                if (!carried.Contains(chart.Table))
                {
                    throw new InvalidOperationException($"Chart '{chart.Name}' is on '{chart.Table}', which the solution does not carry.");
                }

                foreach (var column in chart.Columns)
                {
                    RequireColumn($"Chart '{chart.Name}'", chart.Table, column);
                }
            }

            var twiceChart = definition.Charts.GroupBy(c => c.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (twiceChart != null)
            {
                throw new InvalidOperationException($"Chart '{twiceChart.Key}' is declared twice; a chart's table and name are its identity.");
            }

            foreach (var dashboard in definition.Dashboards)
            {
                foreach (var tile in dashboard.Tiles)
                {
                    if (!definition.Views.Any(v => v.Key == tile.ViewKey))
                    {
                        throw new InvalidOperationException($"Dashboard '{dashboard.Name}' shows view '{tile.ViewKey}', which the solution does not declare.");
                    }

                    if (tile.ChartKey != null && !definition.Charts.Any(c => c.Key == tile.ChartKey))
                    {
                        throw new InvalidOperationException($"Dashboard '{dashboard.Name}' shows chart '{tile.ChartKey}', which the solution does not declare.");
                    }
                }
            }

            foreach (var app in definition.AppModules)
            {
                var unknownDashboard = app.Dashboards.FirstOrDefault(d => !definition.Dashboards.Any(x => x.Name == d));
                if (unknownDashboard != null)
                {
                    throw new InvalidOperationException($"App module '{app.UniqueName}' shows dashboard '{unknownDashboard}', which is not a dashboard of the solution.");
                }
            }

            foreach (var subArea in definition.AppModules.SelectMany(a => a.Areas).SelectMany(a => a.Groups).SelectMany(g => g.SubAreas))
            {
                if ((subArea.Entity == null) == (subArea.Dashboard == null))
                {
                    throw new InvalidOperationException($"Site map entry '{subArea.Id}' must open either a table or a dashboard.");
                }

                if (subArea.Dashboard != null && !definition.Dashboards.Any(d => d.Name == subArea.Dashboard))
                {
                    throw new InvalidOperationException($"Site map entry '{subArea.Id}' opens dashboard '{subArea.Dashboard}', which is not a dashboard of the solution.");
                }
            }

            var twiceForm = definition.Forms.GroupBy(f => f.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (twiceForm != null)
            {
                throw new InvalidOperationException($"Form '{twiceForm.Key}' is declared twice.");
            }

            foreach (var app in definition.AppModules)
            {
                if (!app.UniqueName.StartsWith(prefix, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"App module '{app.UniqueName}' must carry the publisher prefix '{prefix}'.");
                }

                var unknownRole = app.Roles.FirstOrDefault(r => !definition.Roles.Any(d => d.Name == r));
                if (unknownRole != null)
                {
                    throw new InvalidOperationException($"App module '{app.UniqueName}' is assigned to role '{unknownRole}', which is not a role of the solution.");
                }

                var missing = app.Tables.FirstOrDefault(t => definition.Catalog.Find(t) == null);
                if (missing != null)
                {
                    throw new InvalidOperationException($"App module '{app.UniqueName}' opens '{missing}', which is not a table of the catalog.");
                }
            }
        }

        private static void ValidateWebResources(SolutionDefinition definition, IReadOnlyList<TableMetadata> tables, string prefix)
        {
            var known = new[] { WebResourceDeclaration.Html, WebResourceDeclaration.Css, WebResourceDeclaration.JScript, WebResourceDeclaration.Svg };
            foreach (var resource in definition.WebResources)
            {
                if (!resource.Name.StartsWith(prefix + "/", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Web resource '{resource.Name}' must start with the publisher prefix and a slash ('{prefix}/').");
                }

                if (!known.Contains(resource.Type))
                {
                    throw new InvalidOperationException($"Web resource '{resource.Name}' has type {resource.Type}; the packer writes HTML (1), CSS (2), JScript (3) and SVG (11).");
                }

                if (resource.Content.Length == 0)
                {
                    throw new InvalidOperationException($"Web resource '{resource.Name}' is empty.");
                }
            }

            var twice = definition.WebResources.GroupBy(w => w.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (twice != null)
            {
                throw new InvalidOperationException($"Web resource '{twice.Key}' is declared twice; a web resource's name is its identity.");
            }

            var carried = new HashSet<string>(tables.Select(t => t.LogicalName), StringComparer.Ordinal);
            foreach (var command in definition.FormCommands)
            {
                if (!carried.Contains(command.Table))
                {
                    throw new InvalidOperationException($"Form command '{command.Id}' is on '{command.Table}', which the solution does not carry.");
                }

                if (!definition.WebResources.Any(w => w.Name == command.Library && w.Type == WebResourceDeclaration.JScript))
                {
                    throw new InvalidOperationException($"Form command '{command.Id}' runs '{command.Library}', which is not a JScript web resource of the solution.");
                }

                if (command.ModernImage != null && !definition.WebResources.Any(w => w.Name == command.ModernImage && w.Type == WebResourceDeclaration.Svg))
                {
                    throw new InvalidOperationException($"Form command '{command.Id}' shows '{command.ModernImage}', which is not an SVG web resource of the solution.");
                }
            }

            var twiceCommand = definition.FormCommands.GroupBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (twiceCommand != null)
            {
                throw new InvalidOperationException($"Form command '{twiceCommand.Key}' is declared twice.");
            }
        }

        private static void Validate(ChoiceMetadata choice, int optionValuePrefix)
        {
            var low = optionValuePrefix * 10000;
            var outside = choice.Options.FirstOrDefault(o => o.Value < low || o.Value > low + 9999);
            if (outside != null)
            {
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                    "Global choice '{0}' option '{1}' has value {2}; LeadRecycle's option values run from {3} to {4} (option value prefix {5}).",
                    choice.Name, outside.Label, outside.Value, low, low + 9999, optionValuePrefix));
            }
        }

        private static void RequireFourPartVersion(string version)
        {
            var parts = version.Split('.');
            if (parts.Length != 4 || parts.Any(p => !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                throw new InvalidOperationException($"The solution version must have four numeric parts (major.minor.build.revision); got '{version}'.");
            }
        }
    }
}
