using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>
    /// Forms, views, charts, the dashboard, the app, its site map and the ribbon are XML a maker edits; what they name
    /// must exist: tables and columns in the metadata catalog, the other components in src/.
    /// </summary>
    public sealed class MakerXmlReferenceTests
    {
        [Fact]
        public void Should_name_only_tables_and_columns_of_the_catalog_when_the_maker_owned_xml_is_read()
        {
            var problems = MakerXmlReferences.TableAndColumnProblems(UnpackedSource.Product, MakerXmlReferences.ProductCatalog);

            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void Should_point_only_at_views_charts_dashboards_roles_and_web_resources_in_src_when_the_maker_owned_xml_is_read()
        {
            var problems = MakerXmlReferences.ComponentProblems(UnpackedSource.Product);

            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void Should_name_the_file_and_the_column_when_a_form_places_a_column_the_catalog_does_not_declare()
        {
            var copy = SolutionFixture.CopyToTemporaryFolder(SolutionFixture.ProductSource);
            try
            {
                var form = new UnpackedSource(copy).Forms.First(f => f.Table == "lr_recycledlead");
                var file = XDocument.Load(Path.Combine(copy, form.Path));
                file.Descendants("control").Attributes("datafieldname").First(a => a.Value == "lr_background").Value = "lr_nosuchcolumn";
                file.Save(Path.Combine(copy, form.Path));

                var problems = MakerXmlReferences.TableAndColumnProblems(new UnpackedSource(copy), MakerXmlReferences.ProductCatalog);

                Assert.Equal($"{form.Path} names column 'lr_recycledlead.lr_nosuchcolumn', which the catalog does not declare.", Assert.Single(problems));
            }
            finally
            {
                Directory.Delete(copy, recursive: true);
            }
        }

        [Fact]
        public void Should_name_the_file_when_a_view_sorts_by_a_column_the_catalog_does_not_declare()
        {
            var copy = SolutionFixture.CopyToTemporaryFolder(SolutionFixture.ProductSource);
            try
            {
                var view = new UnpackedSource(copy).Views.First(v => v.Table == "opportunity");
                var file = XDocument.Load(Path.Combine(copy, view.Path));
                file.Descendants("order").First().SetAttributeValue("attribute", "lr_nosuchstage");
                file.Save(Path.Combine(copy, view.Path));

                var problems = MakerXmlReferences.TableAndColumnProblems(new UnpackedSource(copy), MakerXmlReferences.ProductCatalog);

                Assert.Contains($"{view.Path} names column 'opportunity.lr_nosuchstage', which the catalog does not declare.", problems);
            }
            finally
            {
                Directory.Delete(copy, recursive: true);
            }
        }

        [Fact]
        public void Should_name_the_file_when_the_ribbon_runs_a_script_src_does_not_hold()
        {
            var copy = SolutionFixture.CopyToTemporaryFolder(SolutionFixture.ProductSource);
            try
            {
                File.Delete(Path.Combine(copy, "WebResources", "lr_", "scripts", "ReturnToNurture.js.data.xml"));

                var problems = MakerXmlReferences.ComponentProblems(new UnpackedSource(copy));

                Assert.Contains("Entities/Opportunity/RibbonDiff.xml runs '$webresource:lr_/scripts/ReturnToNurture.js', which is not a web resource of type 3 in src/.", problems);
            }
            finally
            {
                Directory.Delete(copy, recursive: true);
            }
        }
    }
}
