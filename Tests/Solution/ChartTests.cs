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

            Assert.Equal(5, Charts(customizations, "lr_recycledlead").Length);
            Assert.Equal(new[] { "lr_reason" }, GroupBy(Chart(customizations, "lr_recycledlead", "Recycled leads by reason")));
            Assert.Equal(new[] { "statuscode" }, GroupBy(Chart(customizations, "lr_recycledlead", "Recycled leads by status")));
            Assert.Equal(new[] { "lr_nurturestream", "statuscode" }, GroupBy(Chart(customizations, "lr_recycledlead", "Return rate by stream")));

            foreach (var chart in new[] { "Recycled leads by reason", "Recycled leads by status", "Return rate by stream" }.Select(name => Chart(customizations, "lr_recycledlead", name)))
            {
                var fetch = Fetch(chart);
                Assert.Equal("true", (string?)fetch.Attribute("aggregate"));
                var count = Assert.Single(fetch.Element("entity")!.Elements("attribute"), a => a.Attribute("aggregate") != null);
                Assert.Equal(("count", "lr_recycledleadid", MeasureAlias), ((string)count.Attribute("aggregate")!, (string)count.Attribute("name")!, (string)count.Attribute("alias")!));
                var measure = XElement.Parse((string)chart.Element("datadescription")!).Element("categorycollection")!.Element("category")!.Element("measurecollection")!.Element("measure")!;
                Assert.Equal(MeasureAlias, (string?)measure.Attribute("alias"));
            }
        }

        [Theory]
        [InlineData("Revenue won after return by stream", "lr_nurturestream")]
        [InlineData("Revenue won after return by reason", "lr_reason")]
        public void Should_sum_the_revenue_of_recycled_leads_won_after_return_when_the_revenue_charts_are_packed(string name, string groupBy)
        {
            var chart = Chart(Customizations(), "lr_recycledlead", name);

            Assert.Equal(new[] { groupBy }, GroupBy(chart));
            var sum = Assert.Single(Fetch(chart).Element("entity")!.Elements("attribute"), a => a.Attribute("aggregate") != null);
            Assert.Equal(("sum", "lr_returnrevenue", MeasureAlias), ((string)sum.Attribute("aggregate")!, (string)sum.Attribute("name")!, (string)sum.Attribute("alias")!));
            var condition = Assert.Single(Fetch(chart).Element("entity")!.Element("filter")!.Elements("condition"));
            Assert.Equal(("lr_returnoutcome", "eq", ((int)LeadRecycle.Schema.ReturnOutcome.Won).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ((string)condition.Attribute("attribute")!, (string)condition.Attribute("operator")!, (string)condition.Attribute("value")!));
        }

        [Fact]
        public void Should_sum_the_estimated_value_of_open_stalled_deals_by_stage_when_the_stalled_value_chart_is_packed()
        {
            var chart = Chart(Customizations(), "Opportunity", "Stalled value by stage");

            Assert.Equal(new[] { "lr_stagekey" }, GroupBy(chart));
            var sum = Assert.Single(Fetch(chart).Element("entity")!.Elements("attribute"), a => a.Attribute("aggregate") != null);
            Assert.Equal(("sum", "estimatedvalue"), ((string)sum.Attribute("aggregate")!, (string)sum.Attribute("name")!));
            Assert.Equal(new[] { ("statecode", "0"), ("lr_agingstatus", ((int)LeadRecycle.Schema.AgingStatus.Stalled).ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                Fetch(chart).Element("entity")!.Element("filter")!.Elements("condition").Select(c => ((string)c.Attribute("attribute")!, (string)c.Attribute("value")!)));
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
            var chart = Chart(Customizations(), "Opportunity", "Stalled deals by stage");

            Assert.Equal(new[] { "lr_stagekey" }, GroupBy(chart));
            var condition = Assert.Single(Fetch(chart).Element("entity")!.Element("filter")!.Elements("condition"));
            Assert.Equal(("lr_agingstatus", "eq", "100000002"), ((string)condition.Attribute("attribute")!, (string)condition.Attribute("operator")!, (string)condition.Attribute("value")!));
        }

        [Fact]
        public void Should_list_the_opportunity_charts_as_root_components_when_their_table_is_a_shell()
        {
            var roots = UnpackedSource.Product.Manifest.Descendants("RootComponent").Where(r => (string?)r.Attribute("type") == "59").Select(r => (string?)r.Attribute("id"));

            var charts = UnpackedSource.Product.Charts.Where(c => c.Table == "opportunity").Select(c => (string?)c.Element.Element("savedqueryvisualizationid"));
            Assert.Equal(2, charts.Count());
            Assert.Equal(charts.OrderBy(id => id, StringComparer.Ordinal), roots.OrderBy(id => id, StringComparer.Ordinal));
        }

        [Fact]
        public void Should_file_each_chart_under_its_table_by_its_own_id_when_src_is_committed()
        {
            var charts = UnpackedSource.Product.Charts;

            Assert.Equal(14, charts.Count);
            Assert.All(charts, c => Assert.EndsWith("/Visualizations/" + (string)c.Element.Element("savedqueryvisualizationid")! + ".xml", c.Path, StringComparison.Ordinal));
            Assert.Equal(charts.Count, charts.Select(c => (string?)c.Element.Element("savedqueryvisualizationid")).Distinct().Count());
        }
    }
}
