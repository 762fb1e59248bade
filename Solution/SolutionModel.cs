using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LeadRecycle.Framework;
using LeadRecycle.Metadata;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// The code-owned part of the solution, with every id assigned: LeadRecycle's own tables in full, the custom columns
    /// and keys it adds to system tables, its global choices, the plug-in assembly, its steps and its Custom APIs.
    /// Everything is sorted, so the same inputs always give the same files.
    /// </summary>
    public sealed class SolutionModel
    {
        public const string IntroducedVersion = "1.0";
        public const int LanguageCode = 1033;

        private SolutionModel(SolutionDefinition definition, IReadOnlyList<TableMetadata> tables, IReadOnlyList<ChoiceMetadata> choices,
            IReadOnlyList<PluginAssemblyModel> assemblies, IReadOnlyList<StepModel> steps, IReadOnlyList<CustomApiModel> customApis)
        {
            Version = definition.Version;
            PublisherPrefix = definition.PublisherPrefix;
            Tables = tables;
            GlobalChoices = choices;
            Assemblies = assemblies;
            Steps = steps;
            CustomApis = customApis;
        }

        public string Version { get; }

        public string PublisherPrefix { get; }

        /// <summary>Custom tables with all their columns; system tables with only LeadRecycle's columns (and keys).</summary>
        public IReadOnlyList<TableMetadata> Tables { get; }

        public IReadOnlyList<ChoiceMetadata> GlobalChoices { get; }

        public IReadOnlyList<PluginAssemblyModel> Assemblies { get; }

        public IReadOnlyList<StepModel> Steps { get; }

        /// <summary>Custom APIs declared by the solution's plug-in types, by unique name.</summary>
        public IReadOnlyList<CustomApiModel> CustomApis { get; }

        public static SolutionModel Create(SolutionDefinition definition)
        {
            ArgumentNullException.ThrowIfNull(definition);
            RequireFourPartVersion(definition.Version);
            var prefix = definition.PublisherPrefix + "_";

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
                Validate(choice, definition.OptionValuePrefix);
            }

            var assemblies = new List<PluginAssemblyModel>();
            var steps = new List<StepModel>();
            var customApis = new List<CustomApiModel>();
            foreach (var assembly in definition.Assemblies.OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                var types = assembly.Types.OrderBy(t => t.FullName, StringComparer.Ordinal).Select(t => new
                {
                    Declaration = t,
                    Model = new PluginTypeModel(DeterministicGuid.ForPluginType(t.FullName), t.FullName, t.FullName + ", " + assembly.FullName),
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

            var duplicate = steps.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null)
            {
                throw new InvalidOperationException($"Step '{duplicate.Key}' is declared twice; a step's name is its identity.");
            }

            return new SolutionModel(definition, tables, choices, assemblies, steps.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray(),
                customApis.OrderBy(a => a.UniqueName, StringComparer.Ordinal).ToArray());
        }

        private static StepModel ToModel(PluginStep step, PluginTypeModel pluginType)
        {
            var images = step.Images.Select(i => new StepImageModel(DeterministicGuid.ForImage(step.Name, i.Alias), i)).ToArray();
            return new StepModel(DeterministicGuid.ForStep(step.Name), SdkMessages.IdOf(step.MessageName, step.Name), step, pluginType, images);
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

        private static void Validate(CustomApiDefinition api, string prefix)
        {
            if (!api.UniqueName.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Custom API '{api.UniqueName}' must carry the publisher prefix '{prefix}'.");
            }

            if (api.Binding != CustomApiBinding.Global && string.IsNullOrEmpty(api.BoundEntity))
            {
                throw new InvalidOperationException($"Custom API '{api.UniqueName}' is bound ({api.Binding}) but names no table.");
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
