using System;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>The "LeadRecycle overview" dashboard as the product packs it.</summary>
    public sealed class DashboardTests
    {
        private static XElement Overview(XElement customizations) =>
            Assert.Single(customizations.Element("Dashboards")!.Elements("Dashboard"));

        private static XElement[] Controls(XElement dashboard) =>
            dashboard.Element("FormXml")!.Element("forms")!.Descendants("control").ToArray();

        /// <summary>
        /// The dashboard's charts sum Recycling Tallies (a few rows per month and group) rather than aggregate the
        /// records themselves, which Dataverse refuses past 50,000 rows; the record-level charts stay on their tables'
        /// grids, where a view narrows the records first.
        /// </summary>
        [Fact]
        public void Should_draw_every_tally_chart_and_list_the_two_views_when_the_overview_dashboard_is_packed()
        {
            var source = UnpackedSource.Product;
            var dashboard = Overview(SolutionFixture.PackProduct(managed: true).Xml("customizations.xml"));

            Assert.Equal("LeadRecycle overview", (string?)dashboard.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description"));
            Assert.Equal("dashboard", (string?)dashboard.Element("FormXml")!.Element("forms")!.Attribute("type"));
            var controls = Controls(dashboard);
            // The sub-grid control class, which draws a view as a list or a chart.
            Assert.All(controls, c => Assert.Equal("{E7A81278-8635-4d9e-8D4D-59480B391C5B}", (string?)c.Attribute("classid")));

            var charts = controls.Where(c => (string?)c.Element("parameters")!.Element("ChartGridMode") == "Chart")
                .Select(c => (string)c.Element("parameters")!.Element("VisualizationId")!).OrderBy(id => id, StringComparer.Ordinal).ToArray();
            Assert.Equal(source.Charts.Where(c => c.Table == "lr_recyclingtally").Select(c => (string)c.Element.Element("savedqueryvisualizationid")!).OrderBy(id => id, StringComparer.Ordinal), charts);
            Assert.All(controls.Where(c => (string?)c.Element("parameters")!.Element("ChartGridMode") == "Chart"),
                c => Assert.Equal("lr_recyclingtally", (string?)c.Element("parameters")!.Element("TargetEntityType")));

            var lists = controls.Where(c => (string?)c.Element("parameters")!.Element("ChartGridMode") == "Grid")
                .Select(c => (string)c.Element("parameters")!.Element("ViewId")!).OrderBy(id => id, StringComparer.Ordinal).ToArray();
            var expected = new[] { ("lr_recycledlead", "Nurturing by Stream"), ("opportunity", "Stalled Opportunities by Stage") }
                .Select(k => (string)source.Views.Single(v => v.Table == k.Item1 && (string?)v.Element.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description") == k.Item2)
                    .Element.Element("savedqueryid")!)
                .OrderBy(id => id, StringComparer.Ordinal);
            Assert.Equal(expected, lists);
        }

        [Fact]
        public void Should_list_the_dashboard_as_root_component_60_and_in_the_app_when_the_product_is_packed()
        {
            var zip = SolutionFixture.PackProduct(managed: true);
            var formId = (string)Overview(zip.Xml("customizations.xml")).Element("FormId")!;

            Assert.Equal("Dashboards/" + formId + ".xml", Assert.Single(UnpackedSource.Product.Dashboards).Path);
            Assert.Single(zip.Xml("solution.xml").Descendants("RootComponent"), r => (string?)r.Attribute("type") == "60" && (string?)r.Attribute("id") == formId);
            var app = Assert.Single(zip.Xml("customizations.xml").Element("AppModules")!.Elements("AppModule"));
            Assert.Single(app.Element("AppModuleComponents")!.Elements("AppModuleComponent"), c => (string?)c.Attribute("type") == "60" && (string?)c.Attribute("id") == formId);
        }
    }
}
