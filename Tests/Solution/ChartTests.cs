using System;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>The system charts (savedqueryvisualization) as the product packs them.</summary>
    public sealed class ChartTests
    {
        /// <summary>The alias of a chart's measure (the count) in its FetchXML and category collection.</summary>
        private const string MeasureAlias = "aggregate_column";

        private static XElement Customizations() => SolutionFixture.PackProduct(managed: true).Xml("customizations.xml");

        private static XElement[] Charts(XElement customizations, string entity) =>
            customizations.Element("Entities")!.Elements("Entity").Single(e => (string?)e.Element("Name") == entity)
                .Element("Visualizations")!.Elements("visualization").ToArray();

        private static XElement Chart(XElement customizations, string entity, string name) =>
            Charts(customizations, entity).Single(v => (string?)v.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description") == name);

        private static XElement Fetch(XElement chart) =>
            XElement.Parse((string)chart.Element("datadescription")!).Element("fetchcollection")!.Element("fetch")!;

        private static string[] GroupBy(XElement chart) =>
            Fetch(chart).Element("entity")!.Elements("attribute").Where(a => (string?)a.Attribute("groupby") == "true").Select(a => (string)a.Attribute("name")!).ToArray();

        [Fact]
        public void Should_count_recycled_leads_grouped_by_each_charts_columns_when_the_product_is_packed()
        {
            var customizations = Customizations();

            Assert.Equal(3, Charts(customizations, "lr_recycledlead").Length);
            Assert.Equal(new[] { "lr_reason" }, GroupBy(Chart(customizations, "lr_recycledlead", "Recycled leads by reason")));
            Assert.Equal(new[] { "statuscode" }, GroupBy(Chart(customizations, "lr_recycledlead", "Recycled leads by status")));
            Assert.Equal(new[] { "lr_nurturestream", "statuscode" }, GroupBy(Chart(customizations, "lr_recycledlead", "Return rate by stream")));

            foreach (var chart in Charts(customizations, "lr_recycledlead"))
            {
                var fetch = Fetch(chart);
                Assert.Equal("true", (string?)fetch.Attribute("aggregate"));
                var count = Assert.Single(fetch.Element("entity")!.Elements("attribute"), a => a.Attribute("aggregate") != null);
                Assert.Equal(("count", "lr_recycledleadid", MeasureAlias), ((string)count.Attribute("aggregate")!, (string)count.Attribute("name")!, (string)count.Attribute("alias")!));
                var measure = XElement.Parse((string)chart.Element("datadescription")!).Element("categorycollection")!.Element("category")!.Element("measurecollection")!.Element("measure")!;
                Assert.Equal(MeasureAlias, (string?)measure.Attribute("alias"));
            }
        }

        [Fact]
        public void Should_stack_the_series_when_a_chart_groups_by_two_columns()
        {
            var customizations = Customizations();

            string ChartType(string name) =>
                (string)XElement.Parse((string)Chart(customizations, "lr_recycledlead", name).Element("presentationdescription")!)
                    .Element("Series")!.Element("Series")!.Attribute("ChartType")!;

            Assert.Equal("StackedColumn", ChartType("Return rate by stream"));
            Assert.Equal("Column", ChartType("Recycled leads by reason"));
            var presentation = XElement.Parse((string)Chart(customizations, "lr_recycledlead", "Return rate by stream").Element("presentationdescription")!);
            Assert.NotNull(presentation.Element("ChartAreas")!.Element("ChartArea"));
            Assert.NotNull(presentation.Element("Legends"));
        }

        [Fact]
        public void Should_count_only_stalled_opportunities_by_stage_when_the_opportunity_shell_is_packed()
        {
            var chart = Assert.Single(Charts(Customizations(), "Opportunity"));

            Assert.Equal("Stalled deals by stage", (string?)chart.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description"));
            Assert.Equal(new[] { "lr_stagekey" }, GroupBy(chart));
            var condition = Assert.Single(Fetch(chart).Element("entity")!.Element("filter")!.Elements("condition"));
            Assert.Equal(("lr_agingstatus", "eq", "100000002"), ((string)condition.Attribute("attribute")!, (string)condition.Attribute("operator")!, (string)condition.Attribute("value")!));
        }

        [Fact]
        public void Should_list_the_stalled_deals_chart_as_a_root_component_when_its_table_is_a_shell()
        {
            var roots = UnpackedSource.Product.Manifest.Descendants("RootComponent").Where(r => (string?)r.Attribute("type") == "59").ToArray();

            var root = Assert.Single(roots);
            var chart = Assert.Single(UnpackedSource.Product.Charts, c => c.Table == "opportunity");
            Assert.Equal((string?)chart.Element.Element("savedqueryvisualizationid"), (string?)root.Attribute("id"));
        }

        [Fact]
        public void Should_file_each_chart_under_its_table_by_its_own_id_when_src_is_committed()
        {
            var charts = UnpackedSource.Product.Charts;

            Assert.Equal(4, charts.Count);
            Assert.All(charts, c => Assert.EndsWith("/Visualizations/" + (string)c.Element.Element("savedqueryvisualizationid")! + ".xml", c.Path, StringComparison.Ordinal));
            Assert.Equal(charts.Count, charts.Select(c => (string?)c.Element.Element("savedqueryvisualizationid")).Distinct().Count());
        }
    }
}
