using System;
using System.Linq;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace LeadRecycle.Tests.InMemoryDataverse
{
    /// <summary>FetchXML queries for rows, as views run them: attributes, filters, order and paging, without the aggregate limit.</summary>
    public sealed class FetchQueryTests
    {
        private static InMemoryOrganization Organization(int limit = 50000, int widgets = 12) => TestOrganization.WithWidgets(widgets, limit);

        private static Entity[] Fetch(InMemoryOrganization organization, string fetchXml) =>
            organization.Service.RetrieveMultiple(new FetchExpression(fetchXml)).Entities.ToArray();

        [Fact]
        public void Should_return_the_filtered_rows_in_order_with_the_chosen_columns_when_a_row_query_is_run()
        {
            var organization = Organization();

            var rows = Fetch(organization, "<fetch version='1.0' mapping='logical'><entity name='lr_widget'><attribute name='lr_code' /><attribute name='lr_count' />"
                + "<order attribute='lr_count' descending='true' />"
                + "<filter type='and'><condition attribute='lr_name' operator='eq' value='Blue' /><condition attribute='lr_count' operator='not-null' /></filter></entity></fetch>");

            // Blue widgets are every one not divisible by 3; those with a count are the ones not divisible by 4.
            Assert.Equal(new[] { 11, 10, 7, 5, 2, 1 }, rows.Select(r => r.GetAttributeValue<int>("lr_count")));
            Assert.Equal(new[] { "W11", "W10", "W07", "W05", "W02", "W01" }, rows.Select(r => r.GetAttributeValue<string>("lr_code")));
            Assert.All(rows, r => Assert.False(r.Contains("lr_name"), "a column the fetch did not ask for came back"));
            Assert.All(rows, r => Assert.NotEqual(Guid.Empty, r.Id));
        }

        [Fact]
        public void Should_return_every_column_when_the_fetch_names_none_or_all_attributes()
        {
            var organization = Organization(widgets: 2);

            foreach (var entity in new[] { "<entity name='lr_widget' />", "<entity name='lr_widget'><all-attributes /></entity>" })
            {
                var rows = Fetch(organization, "<fetch>" + entity + "</fetch>");

                Assert.Equal(2, rows.Length);
                Assert.All(rows, r => Assert.True(r.Contains("lr_name") && r.Contains("lr_code"), entity));
            }
        }

        [Fact]
        public void Should_return_every_row_past_the_aggregate_limit_when_the_query_is_not_an_aggregate()
        {
            var organization = Organization(limit: 10, widgets: 11);

            var rows = Fetch(organization, "<fetch><entity name='lr_widget'><attribute name='lr_code' /></entity></fetch>");

            Assert.Equal(11, rows.Length);
            Assert.Throws<DataverseFaultException>(() => Fetch(organization, "<fetch aggregate='true'><entity name='lr_widget'><attribute name='lr_widgetid' alias='n' aggregate='count' /></entity></fetch>"));
        }

        [Fact]
        public void Should_page_with_count_and_page_and_cut_with_top_when_the_fetch_asks()
        {
            var organization = Organization();
            const string entity = "<entity name='lr_widget'><attribute name='lr_code' /><order attribute='lr_code' /></entity></fetch>";

            var second = organization.Service.RetrieveMultiple(new FetchExpression("<fetch count='5' page='2'>" + entity));
            var top = Fetch(organization, "<fetch top='3'>" + entity);

            Assert.Equal(new[] { "W05", "W06", "W07", "W08", "W09" }, second.Entities.Select(r => r.GetAttributeValue<string>("lr_code")));
            Assert.True(second.MoreRecords);
            Assert.Equal(new[] { "W00", "W01", "W02" }, top.Select(r => r.GetAttributeValue<string>("lr_code")));
        }

        [Theory]
        [InlineData("<fetch><entity name='lr_widget'><attribute name='lr_name' /><link-entity name='opportunity' from='opportunityid' to='lr_opportunityid' /></entity></fetch>", "do not join tables (link-entity)")]
        [InlineData("<fetch distinct='true'><entity name='lr_widget'><attribute name='lr_name' /></entity></fetch>", "do not read distinct=\"true\"")]
        [InlineData("<fetch><entity name='lr_widget'><attribute name='lr_name' alias='n' /></entity></fetch>", "belongs in an aggregate query")]
        [InlineData("<fetch><entity name='lr_widget'><attribute name='lr_nothing' /></entity></fetch>", "lr_nothing")]
        [InlineData("<fetch><entity name='lr_widget'><order alias='n' /></entity></fetch>", "not by an alias")]
        [InlineData("<fetch><entity name='lr_widget'><order descending='true' /></entity></fetch>", "A FetchXML order has no attribute")]
        [InlineData("<fetch top='3' count='2'><entity name='lr_widget' /></fetch>", "top cannot be used with count or page")]
        [InlineData("<fetch count='-1'><entity name='lr_widget' /></fetch>", "count must be a whole number above 0; got '-1'")]
        [InlineData("<fetch><entity name='lr_widget'><attribute /></entity></fetch>", "A FetchXML attribute has no name")]
        [InlineData("<fetch><entity name='lr_widget'><sort attribute='lr_name' /></entity></fetch>", "do not read <sort>")]
        [InlineData("<fetch><entity name='lr_widget'><filter><condition attribute='lr_name' operator='like' value='R%' /></filter></entity></fetch>", "do not read the operator 'like'")]
        public void Should_say_what_is_not_supported_when_a_row_fetch_cannot_be_run(string fetchXml, string expected)
        {
            var organization = Organization();

            var refused = Assert.Throws<DataverseFaultException>(() => organization.Service.RetrieveMultiple(new FetchExpression(fetchXml)));
            Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        }
    }
}
