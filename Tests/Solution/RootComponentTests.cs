using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Solution;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>
    /// Solution.xml's RootComponents against the components in src/: every component is listed (or travels inside a
    /// listed table that includes its subcomponents, behavior 0), and every listed component is in src/. Custom APIs and
    /// environment variable definitions are table-record components that real exports do not list (facts §6).
    /// </summary>
    public sealed class RootComponentTests
    {
        [Fact]
        public void Should_list_every_component_of_src_and_nothing_else_when_solution_xml_is_committed()
        {
            var source = UnpackedSource.Product;
            var roots = source.Manifest.Element("SolutionManifest")!.Element("RootComponents")!.Elements("RootComponent")
                .Select(r => (Type: (int)r.Attribute("type")!, Key: Key((string?)r.Attribute("id") ?? (string?)r.Attribute("schemaName")), Behavior: (int)r.Attribute("behavior")!))
                .ToArray();
            var wholeTables = roots.Where(r => r.Type == ComponentTypes.Entity && r.Behavior == 0).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);

            var components = new List<(int Type, string Key)>();
            components.AddRange(source.Tables.Select(t => (ComponentTypes.Entity, t.Table)));
            components.AddRange(CodeOwnedFiles.ReadCommitted(source.Folder).Keys.Where(p => p.StartsWith("OptionSets/", StringComparison.Ordinal))
                .Select(p => (ComponentTypes.OptionSet, Key(System.IO.Path.GetFileNameWithoutExtension(p)))));
            components.AddRange(source.Roles.Select(r => (ComponentTypes.Role, Key((string?)r.Element.Attribute("id")))));
            components.AddRange(source.Workflows.Select(w => (ComponentTypes.Workflow, Key((string?)w.Element.Attribute("WorkflowId")))));
            // A shell table's (behavior 2) forms, views and charts are root components of their own; a whole table's travel inside it.
            components.AddRange(source.Forms.Where(f => !wholeTables.Contains(f.Table!)).Select(f => (ComponentTypes.SystemForm, Key((string?)f.Element.Element("formid")))));
            components.AddRange(source.Views.Where(v => !wholeTables.Contains(v.Table!)).Select(v => (ComponentTypes.SavedQuery, Key((string?)v.Element.Element("savedqueryid")))));
            components.AddRange(source.Charts.Where(c => !wholeTables.Contains(c.Table!)).Select(c => (ComponentTypes.SavedQueryVisualization, Key((string?)c.Element.Element("savedqueryvisualizationid")))));
            components.AddRange(source.Dashboards.Select(d => (ComponentTypes.SystemForm, Key((string?)d.Element.Element("FormId")))));
            components.AddRange(source.WebResources.Select(w => (ComponentTypes.WebResource, Key((string?)w.Element.Element("Name")))));
            components.AddRange(source.SiteMaps.Select(s => (ComponentTypes.SiteMap, Key((string?)s.Element.Element("SiteMapUniqueName")))));
            components.AddRange(source.AppModules.Select(a => (ComponentTypes.AppModule, Key((string?)a.Element.Element("UniqueName")))));
            var assemblies = CodeOwnedFiles.ReadCommitted(source.Folder).Keys.Where(p => p.StartsWith("PluginAssemblies/", StringComparison.Ordinal)).Select(source.Load).ToArray();
            components.AddRange(assemblies.Select(a => (ComponentTypes.PluginAssembly, Key("{" + (string?)a.Attribute("PluginAssemblyId") + "}"))));
            components.AddRange(CodeOwnedFiles.ReadCommitted(source.Folder).Keys.Where(p => p.StartsWith("SdkMessageProcessingSteps/", StringComparison.Ordinal))
                .Select(p => (ComponentTypes.SdkMessageProcessingStep, Key((string?)source.Load(p).Attribute("SdkMessageProcessingStepId")))));

            var listed = roots.Select(r => (r.Type, r.Key)).ToArray();
            var unlisted = components.Except(listed).ToArray();
            var missing = listed.Except(components).ToArray();
            Assert.True(unlisted.Length == 0, "components in src/ that Solution.xml does not list: " + string.Join(", ", unlisted));
            Assert.True(missing.Length == 0, "root components of Solution.xml that src/ does not hold: " + string.Join(", ", missing));
            Assert.Equal(listed.Length, listed.Distinct().Count());
            // Every kind was there to compare.
            Assert.All(new[] { 1, 9, 20, 29, 26, 59, 60, 61, 62, 80, 91, 92 }, type => Assert.Contains(components, c => c.Type == type));
        }

        [Fact]
        public void Should_carry_the_publisher_prefixes_the_code_uses_when_solution_xml_is_committed()
        {
            var publisher = UnpackedSource.Product.Manifest.Element("SolutionManifest")!.Element("Publisher")!;

            Assert.Equal(LeadRecycle.Schema.Publisher.Prefix, (string?)publisher.Element("CustomizationPrefix"));
            Assert.Equal(LeadRecycle.Schema.Publisher.OptionValuePrefix, (int)publisher.Element("CustomizationOptionValuePrefix")!);
        }

        private static string Key(string? value) => (value ?? string.Empty).ToLowerInvariant();
    }
}
