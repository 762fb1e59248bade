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

    /// <summary>What a solution definition is made of, before ids and filtering.</summary>
    public sealed class SolutionDefinition
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
            IReadOnlyList<PluginAssemblyModel> assemblies, IReadOnlyList<StepModel> steps)
        {
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
            }

            var duplicate = steps.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null)
            {
                throw new InvalidOperationException($"Step '{duplicate.Key}' is declared twice; a step's name is its identity.");
            }

            return new SolutionModel(definition, tables, choices, assemblies, steps.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray());
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
