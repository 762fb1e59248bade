using System;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.Solution;
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

        [Fact]
        public void Should_draw_the_four_charts_and_list_the_two_views_when_the_overview_dashboard_is_packed()
        {
            var model = LeadRecycleSolution.Model();
            var dashboard = Overview(SolutionFixture.PackProduct(managed: true).Xml("customizations.xml"));

            Assert.Equal("LeadRecycle overview", (string?)dashboard.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description"));
            Assert.Equal("dashboard", (string?)dashboard.Element("FormXml")!.Element("forms")!.Attribute("type"));
            var controls = Controls(dashboard);
            Assert.All(controls, c => Assert.Equal(AppXml.SubgridClassId, (string?)c.Attribute("classid")));

            var charts = controls.Where(c => (string?)c.Element("parameters")!.Element("ChartGridMode") == "Chart")
                .Select(c => (string)c.Element("parameters")!.Element("VisualizationId")!).OrderBy(id => id, StringComparer.Ordinal).ToArray();
            Assert.Equal(model.Charts.Select(c => ComponentXml.Braced(c.Id)).OrderBy(id => id, StringComparer.Ordinal), charts);

            var lists = controls.Where(c => (string?)c.Element("parameters")!.Element("ChartGridMode") == "Grid")
                .Select(c => (string)c.Element("parameters")!.Element("ViewId")!).OrderBy(id => id, StringComparer.Ordinal).ToArray();
            var expected = new[] { "lr_recycledlead|Nurturing by Stream", "opportunity|Stalled Opportunities by Stage" }
                .Select(k => ComponentXml.Braced(model.Views.Single(v => v.View.Key == k).Id)).OrderBy(id => id, StringComparer.Ordinal);
            Assert.Equal(expected, lists);
        }

        [Fact]
        public void Should_list_the_dashboard_as_root_component_60_and_in_the_app_when_the_product_is_packed()
        {
            var zip = SolutionFixture.PackProduct(managed: true);
            var formId = (string)Overview(zip.Xml("customizations.xml")).Element("FormId")!;

            Assert.Equal(ComponentXml.Braced(DeterministicGuid.ForDashboard("LeadRecycle overview")), formId);
            Assert.Single(zip.Xml("solution.xml").Descendants("RootComponent"), r => (string?)r.Attribute("type") == "60" && (string?)r.Attribute("id") == formId);
            var app = Assert.Single(zip.Xml("customizations.xml").Element("AppModules")!.Elements("AppModule"));
            Assert.Single(app.Element("AppModuleComponents")!.Elements("AppModuleComponent"), c => (string?)c.Attribute("type") == "60" && (string?)c.Attribute("id") == formId);
        }

        [Fact]
        public void Should_refuse_a_dashboard_when_it_shows_an_undeclared_chart()
        {
            var definition = SolutionFixture.Definition();
            var broken = definition with
            {
                Views = new[] { new ViewDeclaration("lr_testrecord", "All", ViewDeclaration.PublicView, new[] { new ViewColumn("lr_name", 100) }) },
                Dashboards = new[] { new DashboardDeclaration("Broken", new[] { DashboardTile.ChartOf("lr_testrecord", "No such chart", "All") }) },
            };

            var error = Assert.Throws<InvalidOperationException>(() => SolutionModel.Create(broken));
            Assert.Contains("No such chart", error.Message, StringComparison.Ordinal);
        }
    }
}
