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
                foreach (var (element, part) in EntityXml.EntityPlaceholderParts)
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
            var copy = SolutionFixture.CopyToTemporaryFolder(Source);
            try
            {
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
        public void Should_inline_every_chart_under_its_table_when_the_product_is_packed()
        {
            var customizations = SolutionFixture.PackProduct(managed: true).Xml("customizations.xml");

            var charts = customizations.Element("Entities")!.Elements("Entity")
                .SelectMany(e => e.Elements("Visualizations").Elements("visualization"))
                .ToArray();

            Assert.Equal(UnpackedSource.Product.Charts.Count, charts.Length);
            Assert.Equal(UnpackedSource.Product.Charts.Count(c => c.Table == "opportunity"), customizations.Element("Entities")!.Elements("Entity")
                .Single(e => (string)e.Element("Name")! == "Opportunity").Elements("Visualizations").Elements("visualization").Count());
        }

        /// <summary>
        /// What `pac solution pack` makes of src/, checked structurally (no pac here): every file under src/ lands in the
        /// zip, either inlined whole into customizations.xml (the component element of a form, view, chart, ribbon, role,
        /// dashboard, app, site map, web resource, flow, option set, relationship, assembly or step; a table's Entity.xml
        /// metadata) or kept as a file (web resource contents, flow definitions, Custom APIs, environment variables), so
        /// the components of the build's zip are exactly the components of src/.
        /// </summary>
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Should_carry_every_file_of_src_into_the_zip_when_the_product_is_packed(bool managed)
        {
            var zip = SolutionFixture.PackProduct(managed);
            var customizations = zip.Xml("customizations.xml");
            var inlined = customizations.Descendants().Select(Normalized).ToHashSet(StringComparer.Ordinal);
            var entries = zip.Entries.ToDictionary(e => e.Name, e => e.Content, StringComparer.Ordinal);
            var source = new UnpackedSource(Source);
            var keptAsFiles = source.WebResources.Select(w => ((string)w.Element.Element("FileName")!).TrimStart('/'))
                .Concat(source.Workflows.Select(w => ((string)w.Element.Element("JsonFileName")!).TrimStart('/')))
                .ToArray();

            var notPacked = new List<string>();
            foreach (var path in Directory.EnumerateFiles(Source, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Source, f).Replace(Path.DirectorySeparatorChar, '/')))
            {
                if (path is "Other/Solution.xml" or "Other/Customizations.xml" or "Other/Relationships.xml")
                {
                    continue;
                }

                var packed = path switch
                {
                    _ when entries.TryGetValue(path, out var bytes) => bytes.AsSpan().SequenceEqual(source.Bytes(path)),
                    _ when path.StartsWith("WebResources/", StringComparison.Ordinal) && !path.EndsWith(".data.xml", StringComparison.Ordinal)
                        => source.WebResources.Any(w => "WebResources/" + (string)w.Element.Element("Name")! == path
                            && entries[((string)w.Element.Element("FileName")!).TrimStart('/')].AsSpan().SequenceEqual(source.Bytes(path))),
                    _ when path.EndsWith("/Entity.xml", StringComparison.Ordinal)
                        => customizations.Element("Entities")!.Elements("Entity").Any(e => XNode.DeepEquals(e.Element("EntityInfo"), source.Load(path).Element("EntityInfo"))),
                    _ => Components(source.Load(path)).All(c => inlined.Contains(Normalized(c))),
                };
                if (!packed)
                {
                    notPacked.Add(path);
                }
            }

            Assert.True(notPacked.Count == 0, "files of src/ that the zip does not carry as they are: " + string.Join(", ", notPacked));
            Assert.All(keptAsFiles, f => Assert.Contains(f, entries.Keys));
            // Other/Relationships.xml indexes exactly the relationships the zip carries.
            Assert.Equal(source.Load("Other/Relationships.xml").Elements("EntityRelationship").Select(r => (string?)r.Attribute("Name")).OrderBy(n => n, StringComparer.Ordinal),
                customizations.Element("EntityRelationships")!.Elements("EntityRelationship").Select(r => (string?)r.Attribute("Name")).OrderBy(n => n, StringComparer.Ordinal));
        }

        /// <summary>The component elements a file holds: a form file's systemforms, a view file's savedqueries, a relationship file's relationships; else the root.</summary>
        private static IEnumerable<XElement> Components(XElement root) => root.Name.LocalName switch
        {
            "forms" => root.Elements("systemform"),
            "savedqueries" => root.Elements("savedquery"),
            "EntityRelationships" => root.Elements("EntityRelationship"),
            _ => new[] { root },
        };

        /// <summary>An element's text without namespace declarations (the packer drops the per-file xmlns:xsi) or formatting.</summary>
        private static string Normalized(XElement element)
        {
            var copy = new XElement(element);
            copy.DescendantsAndSelf().Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
            return copy.ToString(SaveOptions.DisableFormatting);
        }

        private static IEnumerable<string> Ids(string folder, SearchOption search = SearchOption.TopDirectoryOnly) =>
            Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*.xml", search).Select(f => Path.GetFileNameWithoutExtension(f).ToLowerInvariant())
                : Array.Empty<string>();
    }
}
