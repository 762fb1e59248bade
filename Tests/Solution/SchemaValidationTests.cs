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
    /// customizations.xml against Microsoft's 9.0 CustomizationsSolution.xsd, for the product's zips (packed from
    /// the committed src/) and for the test solution that exercises every column type, relationships, keys and steps.
    /// </summary>
    public sealed class SchemaValidationTests
    {
        [Fact]
        public void Should_validate_against_the_customizations_schema_with_zero_errors_when_packed_managed_or_unmanaged()
        {
            var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
            Assert.True(SchemaLocation.Folder != null, SchemaLocation.Describe());
            schemas.Add(null, Path.Combine(SchemaLocation.Folder!, SchemaLocation.FileName));
            schemas.Compile();

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
                problems.AddRange(Validate(schemas, WithoutNewerThanSchema(zip["customizations.xml"])).Select(p => $"{name}: {p}"));
            }

            // The product really carries the parts the 9.0 XSD does not know; only those were set aside.
            var product = packed["product managed"].Xml("customizations.xml");
            Assert.Single(product.Element("connectionreferences")!.Elements("connectionreference"));
            Assert.Single(product.Element("Workflows")!.Elements("Workflow").Elements("JsonFileName"));
            Assert.Equal(5, product.Element("Roles")!.Elements("Role").Count());
            // ... and the model-driven app's parts were validated, not skipped.
            Assert.Single(product.Element("AppModules")!.Elements("AppModule"));
            Assert.Single(product.Element("AppModuleSiteMaps")!.Elements("AppModuleSiteMap"));
            // Recycled lead 9 + opportunity 1 + five system views for each of engagement, stage statistic and stage duration.
            Assert.Equal(25, product.Element("Entities")!.Elements("Entity").Elements("SavedQueries").Elements("savedqueries").Elements("savedquery").Count());
            Assert.Equal(7, product.Element("Entities")!.Elements("Entity").Elements("FormXml").Elements("forms").Elements("systemform").Count());
            Assert.Single(product.Element("Entities")!.Elements("Entity").Elements("RibbonDiffXml").Elements("CustomActions").Elements("CustomAction"));
            Assert.Equal(3, product.Element("WebResources")!.Elements("WebResource").Count());
            Assert.Equal(4, product.Element("Entities")!.Elements("Entity").Elements("Visualizations").Elements("visualization").Count());
            Assert.Single(product.Element("Dashboards")!.Elements("Dashboard"));

            Assert.True(problems.Count == 0, "customizations.xml does not validate:\n" + string.Join("\n", problems));
            // The test solution really carries the components the schema is asked about.
            var customizations = packed["test solution managed"].Xml("customizations.xml");
            Assert.Equal(3, customizations.Element("Entities")!.Elements("Entity").Count());
            Assert.NotEmpty(customizations.Element("EntityRelationships")!.Elements());
            Assert.NotEmpty(customizations.Element("SdkMessageProcessingSteps")!.Elements());
        }

        /// <summary>
        /// customizations.xml minus exactly <see cref="LeadRecycle.Solution.ComponentXml.NewerThanSchema"/>: the parts import
        /// needs (the cloud flow's JsonFileName, the inline connection references) that Microsoft's 9.0 XSD predates.
        /// </summary>
        private static byte[] WithoutNewerThanSchema(byte[] xml)
        {
            XElement root;
            using (var stream = new MemoryStream(xml))
            {
                root = XDocument.Load(stream).Root!;
            }

            foreach (var path in LeadRecycle.Solution.ComponentXml.NewerThanSchema)
            {
                IEnumerable<XElement> matches = new[] { root };
                foreach (var step in path.Split('/'))
                {
                    matches = matches.Elements(step);
                }

                matches.ToArray().Remove();
            }

            using var output = new MemoryStream();
            root.Save(output);
            return output.ToArray();
        }

        private static IEnumerable<string> Validate(XmlSchemaSet schemas, byte[] xml)
        {
            var problems = new List<string>();
            var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
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
