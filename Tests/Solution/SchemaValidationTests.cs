using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>
    /// The solution against Microsoft's 9.0 CustomizationsSolution.xsd: each maker-owned file of the committed src/ on its
    /// own, where the XSD declares its element (so a broken file is named), and the packed customizations.xml whole, for
    /// the product's zips and for the test solution that exercises every column type, relationships, keys and steps.
    /// </summary>
    public sealed class SchemaValidationTests
    {
        [Fact]
        public void Should_validate_each_maker_owned_file_against_its_element_of_the_customizations_schema()
        {
            var source = UnpackedSource.Product;
            var files = new (string Path, IReadOnlyList<SourceComponent> Components)[]
            {
                ("Entities/Entity/FormXml/forms/systemform", source.Forms),
                ("Entities/Entity/SavedQueries/savedqueries/savedquery", source.Views),
                ("Entities/Entity/Visualizations/visualization", source.Charts),
                ("Entities/Entity/RibbonDiffXml", source.Ribbons),
                ("Dashboards/Dashboard", source.Dashboards),
                ("AppModules/AppModule", source.AppModules),
                ("AppModuleSiteMaps/AppModuleSiteMap", source.SiteMaps),
                ("Roles/Role", source.Roles),
                ("WebResources/WebResource", source.WebResources),
                ("Workflows/Workflow", source.Workflows),
            };

            var problems = files.SelectMany(f => f.Components.SelectMany(c => CustomizationsSchema.Validate(c.Element, f.Path).Select(p => $"{c.Path}: {p}"))).ToArray();

            Assert.True(problems.Length == 0, "maker-owned files do not validate:\n" + string.Join("\n", problems));
            // Every kind of file was there to validate: 9 forms, 39 views, 14 charts, 1 ribbon, 1 dashboard, the app, its site map, 5 roles, 4 web resources, 1 flow.
            Assert.Equal(new[] { 9, 39, 14, 1, 1, 1, 1, 5, 4, 1 }, files.Select(f => f.Components.Count));
        }

        [Fact]
        public void Should_report_the_element_when_a_maker_owned_file_breaks_the_schema()
        {
            var role = new XElement(UnpackedSource.Product.Roles.First().Element);
            role.Element("RolePrivileges")!.Elements("RolePrivilege").First().SetAttributeValue("level", "Everywhere");

            var problems = CustomizationsSchema.Validate(role, "Roles/Role");

            Assert.Contains(problems, p => p.Contains("'level'", System.StringComparison.Ordinal) && p.Contains("Everywhere", System.StringComparison.Ordinal));
        }

        [Fact]
        public void Should_validate_against_the_customizations_schema_with_zero_errors_when_packed_managed_or_unmanaged()
        {
            var packed = new Dictionary<string, PackedZip>
            {
                ["product managed"] = SolutionFixture.PackProduct(managed: true),
                ["product unmanaged"] = SolutionFixture.PackProduct(managed: false),
                ["test solution managed"] = SolutionFixture.Pack(SolutionFixture.Model(), managed: true, SolutionFixture.TestAssemblyFiles),
                ["test solution unmanaged"] = SolutionFixture.Pack(SolutionFixture.Model(), managed: false, SolutionFixture.TestAssemblyFiles),
            };

            var problems = new List<string>();
            foreach (var (name, zip) in packed)
            {
                problems.AddRange(Validate(WithoutNewerThanSchema(zip["customizations.xml"])).Select(p => $"{name}: {p}"));
            }

            // The product really carries the parts the 9.0 XSD does not know; only those were set aside.
            var product = packed["product managed"].Xml("customizations.xml");
            Assert.Single(product.Element("connectionreferences")!.Elements("connectionreference"));
            Assert.Single(product.Element("Workflows")!.Elements("Workflow").Elements("JsonFileName"));
            Assert.Equal(5, product.Element("Roles")!.Elements("Role").Count());
            // ... and the model-driven app's parts were validated, not skipped.
            Assert.Single(product.Element("AppModules")!.Elements("AppModule"));
            Assert.Single(product.Element("AppModuleSiteMaps")!.Elements("AppModuleSiteMap"));
            // Recycled lead 17 (with the 8 audience views per stream) + opportunity 1 + five system views for each of engagement, stage statistic, stage duration and recycling tally.
            Assert.Equal(39, product.Element("Entities")!.Elements("Entity").Elements("SavedQueries").Elements("savedqueries").Elements("savedquery").Count());
            Assert.Equal(9, product.Element("Entities")!.Elements("Entity").Elements("FormXml").Elements("forms").Elements("systemform").Count());
            Assert.Single(product.Element("Entities")!.Elements("Entity").Elements("RibbonDiffXml").Elements("CustomActions").Elements("CustomAction"));
            Assert.Equal(4, product.Element("WebResources")!.Elements("WebResource").Count());
            Assert.Equal(14, product.Element("Entities")!.Elements("Entity").Elements("Visualizations").Elements("visualization").Count());
            Assert.Single(product.Element("Dashboards")!.Elements("Dashboard"));

            Assert.True(problems.Count == 0, "customizations.xml does not validate:\n" + string.Join("\n", problems));
            // The test solution really carries the components the schema is asked about.
            var customizations = packed["test solution managed"].Xml("customizations.xml");
            Assert.Equal(3, customizations.Element("Entities")!.Elements("Entity").Count());
            Assert.NotEmpty(customizations.Element("EntityRelationships")!.Elements());
            Assert.NotEmpty(customizations.Element("SdkMessageProcessingSteps")!.Elements());
        }

        /// <summary>customizations.xml minus exactly <see cref="CustomizationsSchema.NewerThanSchema"/>.</summary>
        private static byte[] WithoutNewerThanSchema(byte[] xml)
        {
            XElement root;
            using (var stream = new MemoryStream(xml))
            {
                root = XDocument.Load(stream).Root!;
            }

            foreach (var path in CustomizationsSchema.NewerThanSchema)
            {
                CustomizationsSchema.SetAside(root, path);
            }

            using var output = new MemoryStream();
            root.Save(output);
            return output.ToArray();
        }

        private static IEnumerable<string> Validate(byte[] xml)
        {
            var problems = new List<string>();
            var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = CustomizationsSchema.Schemas };
            settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
            settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
            using (var reader = XmlReader.Create(new MemoryStream(xml), settings))
            {
                while (reader.Read())
                {
                }
            }

            return problems;
        }
    }
}
