using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.Solution;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>
    /// SolutionPackager and pac solution pack inline each piece of an unpacked solution into an empty element (a
    /// placeholder) of Other/Customizations.xml or of its table's Entity.xml, and skip a piece whose placeholder is
    /// missing without a word (facts §2, §3.1). These tests read the committed src/ the way they do.
    /// </summary>
    public sealed class PackagerPlaceholderTests
    {
        private static readonly string Source = Path.Combine(BuildLayout.RepositoryRoot, "Solution", "src");

        /// <summary>Top-level folders of src/ and the root element of Customizations.xml each is inlined into; null: kept as files.</summary>
        private static readonly IReadOnlyDictionary<string, string?> CustomizationsPlaceholderOf = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Entities"] = "Entities",
            ["OptionSets"] = "optionsets",
            ["Roles"] = "Roles",
            ["Workflows"] = "Workflows",
            ["Dashboards"] = "Dashboards",
            ["WebResources"] = "WebResources",
            ["PluginAssemblies"] = "SolutionPluginAssemblies",
            ["SdkMessageProcessingSteps"] = "SdkMessageProcessingSteps",
            ["AppModules"] = "AppModules",
            ["AppModuleSiteMaps"] = "AppModuleSiteMaps",
            // Kept as files in the zip, no placeholder (facts §3.1).
            ["customapis"] = null,
            ["environmentvariabledefinitions"] = null,
            ["Other"] = null,
        };

        [Fact]
        public void Should_have_a_customizations_placeholder_when_src_holds_a_component_folder()
        {
            var customizations = XDocument.Load(Path.Combine(Source, "Other", "Customizations.xml")).Root!;
            var folders = Directory.EnumerateDirectories(Source).Select(Path.GetFileName).ToArray();

            Assert.All(folders, folder => Assert.True(CustomizationsPlaceholderOf.ContainsKey(folder!),
                $"src/{folder} is a folder this test does not know: say which Customizations.xml placeholder SolutionPackager inlines it into."));
            foreach (var folder in folders.Where(f => CustomizationsPlaceholderOf[f!] != null))
            {
                var placeholder = CustomizationsPlaceholderOf[folder!]!;
                Assert.True(customizations.Element(placeholder) != null, $"src/{folder} has no <{placeholder} /> in Other/Customizations.xml: SolutionPackager would drop it.");
            }

            // The relationships of Other/Relationships/*.xml go into EntityRelationships.
            Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(Source, "Other", "Relationships"), "*.xml"));
            Assert.NotNull(customizations.Element("EntityRelationships"));
        }

        [Fact]
        public void Should_have_an_entity_placeholder_when_a_table_folder_holds_forms_views_charts_or_a_ribbon()
        {
            var checkedParts = 0;
            foreach (var tableFolder in Directory.EnumerateDirectories(Path.Combine(Source, "Entities")))
            {
                var entity = XDocument.Load(Path.Combine(tableFolder, "Entity.xml")).Root!;
                foreach (var (element, part) in ComponentXml.EntityPlaceholderParts)
                {
                    var path = Path.Combine(tableFolder, part);
                    if (!Directory.Exists(path) && !File.Exists(path))
                    {
                        continue;
                    }

                    checkedParts++;
                    Assert.True(entity.Element(element) is { HasElements: false },
                        $"Entities/{Path.GetFileName(tableFolder)}/{part} needs an empty <{element} /> in its Entity.xml, or SolutionPackager drops it.");
                }
            }

            // Forms, views, the four charts and the opportunity ribbon are all there to be checked.
            Assert.True(checkedParts >= 10, $"only {checkedParts} parts found under src/Entities");
            Assert.True(Directory.Exists(Path.Combine(Source, "Entities", "Opportunity", "Visualizations")));
            Assert.True(Directory.Exists(Path.Combine(Source, "Entities", "lr_recycledlead", "Visualizations")));
        }

        [Fact]
        public void Should_list_each_form_view_and_chart_of_a_shell_table_and_each_web_resource_as_a_root_component_when_src_is_committed()
        {
            var roots = XDocument.Load(Path.Combine(Source, "Other", "Solution.xml")).Root!
                .Element("SolutionManifest")!.Element("RootComponents")!.Elements("RootComponent")
                .Select(r => ((string?)r.Attribute("type"), ((string?)r.Attribute("id") ?? (string?)r.Attribute("schemaName") ?? string.Empty).ToLowerInvariant()))
                .ToHashSet();
            var shells = new[] { "Opportunity", "OpportunityClose", "Lead" };
            var expected = new List<(string Type, string Key)>();
            foreach (var shell in shells.Where(s => Directory.Exists(Path.Combine(Source, "Entities", s))))
            {
                var folder = Path.Combine(Source, "Entities", shell);
                expected.AddRange(Ids(Path.Combine(folder, "Visualizations")).Select(id => ("59", id)));
                expected.AddRange(Ids(Path.Combine(folder, "SavedQueries")).Select(id => ("26", id)));
                expected.AddRange(Ids(Path.Combine(folder, "FormXml"), SearchOption.AllDirectories).Select(id => ("60", id)));
            }

            expected.AddRange(Directory.EnumerateFiles(Path.Combine(Source, "WebResources"), "*.data.xml", SearchOption.AllDirectories)
                .Select(f => ("61", ((string)XDocument.Load(f).Root!.Element("Name")!).ToLowerInvariant())));

            Assert.Contains(("59", expected.First(e => e.Type == "59").Key), roots);
            Assert.All(expected, e => Assert.True(roots.Contains(e), $"component type {e.Type} '{e.Key}' in src/ is no root component of Solution.xml"));
        }

        [Fact]
        public void Should_refuse_to_pack_when_a_chart_folder_has_no_visualizations_placeholder()
        {
            var copy = Path.Combine(Path.GetTempPath(), "leadrecycle-placeholder-" + Guid.NewGuid().ToString("N"));
            try
            {
                CopyFolder(Source, copy);
                var entityFile = Path.Combine(copy, "Entities", "Opportunity", "Entity.xml");
                var entity = XDocument.Load(entityFile);
                entity.Root!.Element("Visualizations")!.Remove();
                entity.Save(entityFile);

                var refusal = Assert.Throws<InvalidDataException>(() => SolutionPacker.BuildZip(copy, managedZip: true, SolutionFixture.ProductAssemblyFiles));

                Assert.Contains("Entities/Opportunity/Entity.xml has no <Visualizations /> placeholder", refusal.Message, StringComparison.Ordinal);
            }
            finally
            {
                Directory.Delete(copy, recursive: true);
            }
        }

        [Fact]
        public void Should_inline_the_four_charts_when_the_product_is_packed()
        {
            var customizations = SolutionFixture.PackProduct(managed: true).Xml("customizations.xml");

            var charts = customizations.Element("Entities")!.Elements("Entity")
                .SelectMany(e => e.Elements("Visualizations").Elements("visualization"))
                .ToArray();

            Assert.Equal(4, charts.Length);
            Assert.Single(customizations.Element("Entities")!.Elements("Entity")
                .Single(e => (string)e.Element("Name")! == "Opportunity").Elements("Visualizations").Elements("visualization"));
        }

        private static IEnumerable<string> Ids(string folder, SearchOption search = SearchOption.TopDirectoryOnly) =>
            Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*.xml", search).Select(f => Path.GetFileNameWithoutExtension(f).ToLowerInvariant())
                : Array.Empty<string>();

        private static void CopyFolder(string from, string to)
        {
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(to, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }
}
