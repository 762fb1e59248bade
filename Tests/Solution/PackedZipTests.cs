using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using LeadRecycle.Solution;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    public sealed class PackedZipTests
    {
        private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };

        [Theory]
        [InlineData(true, "1")]
        [InlineData(false, "0")]
        public void Should_set_managed_and_carry_version_and_publisher_when_solution_xml_is_packed(bool managed, string expectedManaged)
        {
            var zip = SolutionFixture.PackProduct(managed);

            var manifest = zip.Xml("solution.xml");
            Assert.Equal("ImportExportXml", manifest.Name.LocalName);
            var solution = manifest.Element("SolutionManifest")!;
            Assert.Equal("LeadRecycle", (string?)solution.Element("UniqueName"));
            Assert.Equal(expectedManaged, (string?)solution.Element("Managed"));
            Assert.Equal(LeadRecycleSolution.Version, (string?)solution.Element("Version"));
            Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", (string?)solution.Element("Version"));
            var publisher = solution.Element("Publisher")!;
            Assert.Equal("LeadRecycle", (string?)publisher.Element("UniqueName"));
            Assert.Equal("lr", (string?)publisher.Element("CustomizationPrefix"));
            Assert.Equal("10000", (string?)publisher.Element("CustomizationOptionValuePrefix"));
        }

        [Fact]
        public void Should_list_each_component_with_its_type_code_when_root_components_are_written()
        {
            var model = SolutionFixture.Model();
            var zip = SolutionFixture.Pack(model, managed: true, SolutionFixture.TestAssemblyFiles);

            var roots = zip.Xml("solution.xml").Element("SolutionManifest")!.Element("RootComponents")!.Elements("RootComponent")
                .Select(r => ((int)r.Attribute("type")!, (string?)r.Attribute("schemaName"), (string?)r.Attribute("id"), (int)r.Attribute("behavior")!))
                .ToArray();

            Assert.Contains((1, "lr_testrecord", null, 0), roots);
            Assert.Contains((1, "lr_teststatistic", null, 0), roots);
            // A system table LeadRecycle extends is a shell (behavior 2); one it does not touch is absent.
            Assert.Contains((1, "lead", null, 2), roots);
            Assert.DoesNotContain(roots, r => r.Item2 == "account");
            Assert.Contains((9, "lr_testreason", null, 0), roots);
            var assembly = model.Assemblies.Single();
            Assert.Contains((91, assembly.FullName, XmlParts.Braced(assembly.Id), 0), roots);
            foreach (var step in model.Steps)
            {
                Assert.Contains((92, null, XmlParts.Braced(step.Id), 0), roots);
            }

            Assert.Equal(3 + 1 + 1 + model.Steps.Count, roots.Length);
        }

        [Fact]
        public void Should_declare_a_default_per_extension_when_content_types_are_written()
        {
            var zip = SolutionFixture.PackProduct(managed: false);

            var bytes = zip["[Content_Types].xml"];
            Assert.Equal(Utf8Bom, bytes.Take(3).ToArray());
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), StringComparison.Ordinal);
            var types = zip.Xml("[Content_Types].xml");
            XNamespace ns = "http://schemas.openxmlformats.org/package/2006/content-types";
            Assert.Equal(ns + "Types", types.Name);
            var defaults = types.Elements(ns + "Default").Select(d => (string?)d.Attribute("Extension")).OrderBy(e => e, StringComparer.Ordinal).ToArray();
            Assert.Equal(new[] { "dll", "json", "xml" }, defaults);
            // The web resources' content parts have no extension: one Override each, exactly those.
            Assert.Equal(UnpackedSource.Product.WebResources.Select(w => (string)w.Element.Element("FileName")!).OrderBy(n => n, StringComparer.Ordinal),
                types.Elements(ns + "Override").Select(o => (string?)o.Attribute("PartName")));
            Assert.All(types.Elements(ns + "Override"), o => Assert.Equal("application/octet-stream", (string?)o.Attribute("ContentType")));
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Should_hold_exactly_the_expected_deflated_entries_when_the_product_is_packed(bool managed)
        {
            var model = LeadRecycleSolution.Model();
            var source = UnpackedSource.Product;
            var zip = SolutionFixture.PackProduct(managed);

            var expected = new[] { "[Content_Types].xml", "solution.xml", "customizations.xml" }
                .Concat(model.Assemblies.Select(a => a.ZipPath))
                .Concat(source.EnvironmentVariables.Select(v => v.Path))
                .Concat(source.Workflows.Select(f => ((string)f.Element.Element("JsonFileName")!).TrimStart('/')))
                .Concat(source.WebResources.Select(w => ((string)w.Element.Element("FileName")!).TrimStart('/')))
                .Concat(model.CustomApis.SelectMany(a => a.Api.RequestParameters.Select(p => $"customapis/{a.UniqueName}/customapirequestparameters/{p.UniqueName}/customapirequestparameter.xml")
                    .Concat(a.Api.ResponseProperties.Select(p => $"customapis/{a.UniqueName}/customapiresponseproperties/{p.UniqueName}/customapiresponseproperty.xml"))
                    .Append($"customapis/{a.UniqueName}/customapi.xml")))
                .OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(expected, zip.Entries.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal));
            Assert.All(zip.Entries, e => Assert.False(e.Name.EndsWith('/'), $"directory entry {e.Name}"));
            Assert.All(zip.Entries, e => Assert.DoesNotContain('\\', e.Name));
            Assert.All(zip.CompressionMethods, m => Assert.Equal(8, m.Value));
            Assert.Equal(zip.Entries.Count, zip.CompressionMethods.Count);
        }

        [Fact]
        public void Should_store_each_web_resource_byte_for_byte_at_its_file_name_when_the_product_is_packed()
        {
            var zip = SolutionFixture.PackProduct(managed: true);
            var declared = zip.Xml("customizations.xml").Element("WebResources")!.Elements("WebResource").ToArray();

            Assert.Equal(new[] { "lr_/images/ReturnToNurture.svg", "lr_/pages/ReturnToNurture.html", "lr_/scripts/ReturnToNurture.js", "lr_/scripts/ReturnToNurtureDialog.js" },
                declared.Select(w => (string?)w.Element("Name")));
            foreach (var resource in UnpackedSource.Product.WebResources)
            {
                var name = (string)resource.Element.Element("Name")!;
                var element = Assert.Single(declared, w => (string?)w.Element("Name") == name);
                var fileName = (string)element.Element("FileName")!;
                // The content's part name, as Dataverse exports write it (facts §2): the name without '/' and '.', then the id in upper case.
                Assert.Equal("/WebResources/" + name.Replace("/", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal)
                    + ((string)element.Element("WebResourceId")!).Trim('{', '}').ToUpperInvariant(), fileName);
                Assert.Equal(UnpackedSource.Product.Bytes("WebResources/" + name), zip[fileName.TrimStart('/')]);
                Assert.Equal("WebResources/" + name + ".data.xml", resource.Path);
            }

            // Each is a root component of its own, by name (type 61).
            var roots = zip.Xml("solution.xml").Element("SolutionManifest")!.Element("RootComponents")!.Elements("RootComponent")
                .Where(r => (string?)r.Attribute("type") == "61").Select(r => (string?)r.Attribute("schemaName"));
            Assert.Equal(declared.Select(w => (string?)w.Element("Name")), roots);
        }

        [Fact]
        public void Should_name_each_web_resource_with_the_publisher_prefix_and_a_type_the_packer_writes_when_src_is_committed()
        {
            var known = new[] { WebResourceTypes.Html, WebResourceTypes.Css, WebResourceTypes.JScript, WebResourceTypes.Svg };

            Assert.All(UnpackedSource.Product.WebResources, resource =>
            {
                var name = (string)resource.Element.Element("Name")!;
                Assert.StartsWith(LeadRecycle.Schema.Publisher.Prefix + "_/", name, StringComparison.Ordinal);
                Assert.Contains((string)resource.Element.Element("WebResourceType")!, known);
                Assert.NotEmpty(UnpackedSource.Product.Bytes("WebResources/" + name));
            });
        }

        [Fact]
        public void Should_ship_the_policy_variable_the_plugins_read_as_json_with_an_empty_default_when_the_product_is_packed()
        {
            var zip = SolutionFixture.PackProduct(managed: true);

            var variable = zip.Xml($"environmentvariabledefinitions/{LeadRecycle.Schema.PolicyVariable.SchemaName}/environmentvariabledefinition.xml");
            Assert.Equal(LeadRecycle.Schema.PolicyVariable.SchemaName, (string?)variable.Attribute("schemaname"));
            // 100000003: JSON (Microsoft Learn, environmentvariabledefinition Type choices).
            Assert.Equal("100000003", (string?)variable.Element("type"));
            Assert.Equal("{}", (string?)variable.Element("defaultvalue"));
            Assert.Equal("LeadRecycle policy", (string?)variable.Element("displayname")!.Attribute("default"));
        }

        [Fact]
        public void Should_pack_the_net462_plugin_dlls_and_no_sdk_assembly_when_the_product_is_packed()
        {
            var model = LeadRecycleSolution.Model();
            var zip = SolutionFixture.PackProduct(managed: true);

            Assert.Equal(new[] { "LeadRecycle.Plugins" }, model.Assemblies.Select(a => a.Name));
            foreach (var assembly in model.Assemblies)
            {
                Assert.Equal(File.ReadAllBytes(BuildLayout.DeployedAssembly(assembly.Name.Split('.')[1], assembly.Name)), zip[assembly.ZipPath]);
            }

            Assert.DoesNotContain(zip.Entries, e => e.Name.Contains("Microsoft.", StringComparison.OrdinalIgnoreCase)
                || e.Name.Contains("MicrosoftXrm", StringComparison.OrdinalIgnoreCase) || e.Name.Contains("MicrosoftCrm", StringComparison.OrdinalIgnoreCase));
            Assert.Single(zip.Entries, e => e.Name.EndsWith(".dll", StringComparison.Ordinal));
        }

        [Fact]
        public void Should_inline_every_piece_in_the_root_order_when_customizations_xml_is_packed()
        {
            var zip = SolutionFixture.Pack(SolutionFixture.Model(), managed: false, SolutionFixture.TestAssemblyFiles);

            var bytes = zip["customizations.xml"];
            Assert.Equal(Utf8Bom, bytes.Take(3).ToArray());
            var root = zip.Xml("customizations.xml");
            // The packer fills the placeholders of the committed Customizations.xml in place: their order is kept.
            Assert.Equal(XDocument.Load(Path.Combine(SolutionFixture.TestSolutionSkeleton, "Other", "Customizations.xml")).Root!.Elements().Select(e => e.Name.LocalName),
                root.Elements().Select(e => e.Name.LocalName));
            Assert.Equal(new[] { "Lead", "lr_testrecord", "lr_teststatistic" }, root.Element("Entities")!.Elements("Entity").Select(e => (string?)e.Element("Name")));
            Assert.Equal(new[] { "lr_testreason" }, root.Element("optionsets")!.Elements("optionset").Select(o => (string?)o.Attribute("Name")));
            Assert.Single(root.Element("SolutionPluginAssemblies")!.Elements("PluginAssembly"));
            Assert.Equal(4, root.Element("SdkMessageProcessingSteps")!.Elements("SdkMessageProcessingStep").Count());
            Assert.Equal("1033", (string?)root.Element("Languages")!.Element("Language"));
        }

        [Fact]
        public void Should_give_identical_bytes_and_ids_when_packed_twice()
        {
            var first = SolutionFixture.Pack(SolutionFixture.Model(), managed: true, SolutionFixture.TestAssemblyFiles);
            var second = SolutionFixture.Pack(SolutionFixture.Model(), managed: true, SolutionFixture.TestAssemblyFiles);

            Assert.Equal(first.Bytes, second.Bytes);
            Assert.Equal(SolutionFixture.PackProduct(managed: false).Bytes, SolutionFixture.PackProduct(managed: false).Bytes);
        }

        [Fact]
        public void Should_keep_every_component_id_when_the_version_changes()
        {
            var before = SolutionFixture.Model("1.0.0.0");
            var after = SolutionFixture.Model("2.5.0.17");

            Assert.Equal(before.Assemblies.Select(a => a.Id), after.Assemblies.Select(a => a.Id));
            Assert.Equal(before.Assemblies.SelectMany(a => a.Types).Select(t => t.Id), after.Assemblies.SelectMany(a => a.Types).Select(t => t.Id));
            Assert.Equal(before.Steps.Select(s => s.Id), after.Steps.Select(s => s.Id));
            Assert.Equal(before.Steps.SelectMany(s => s.Images).Select(i => i.Id), after.Steps.SelectMany(s => s.Images).Select(i => i.Id));
            var ids = before.Steps.Select(s => s.Id).Concat(before.Steps.SelectMany(s => s.Images).Select(i => i.Id))
                .Concat(before.Assemblies.Select(a => a.Id)).Concat(before.Assemblies.SelectMany(a => a.Types).Select(t => t.Id)).ToArray();
            Assert.Equal(ids.Length, ids.Distinct().Count());
        }

        [Fact]
        public void Should_write_both_zips_to_the_output_folder_when_the_solution_project_is_built()
        {
            var folder = Path.Combine(BuildLayout.RepositoryRoot, "Solution", "bin", BuildLayout.Configuration);

            foreach (var kind in new[] { "managed", "unmanaged" })
            {
                var path = Path.Combine(folder, $"LeadRecycle_{LeadRecycleSolution.Version}_{kind}.zip");
                Assert.True(File.Exists(path), $"{path} was not written by the build.");
                Assert.Equal(SolutionFixture.PackProduct(kind == "managed").Bytes, File.ReadAllBytes(path));
            }
        }
    }
}
