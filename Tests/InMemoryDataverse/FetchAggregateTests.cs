using System;
using System.Globalization;
using System.Linq;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace LeadRecycle.Tests.InMemoryDataverse
{
    /// <summary>FetchXML aggregate queries, as charts run them, with Dataverse's 50,000-row limit.</summary>
    public sealed class FetchAggregateTests
    {
        private static InMemoryOrganization Organization(int limit = 50000, int widgets = 12) => TestOrganization.WithWidgets(widgets, limit);

        private static object? Value(Entity row, string alias) => ((AliasedValue)row[alias]).Value;

        [Fact]
        public void Should_group_count_and_sum_leaving_nulls_out_when_an_aggregate_query_is_run()
        {
            var organization = Organization();

            var rows = organization.Service.RetrieveMultiple(new FetchExpression(
                "<fetch aggregate='true'><entity name='lr_widget'><attribute name='lr_name' alias='colour' groupby='true' />"
                + "<attribute name='lr_widgetid' alias='rows' aggregate='count' /><attribute name='lr_count' alias='counted' aggregate='countcolumn' />"
                + "<attribute name='lr_count' alias='total' aggregate='sum' /><attribute name='lr_count' alias='largest' aggregate='max' /></entity></fetch>")).Entities;

            // Red: widgets 0, 3, 6, 9, of which 0 has no count (every fourth has none); Blue: the other eight, 4 and 8 without one.
            var red = Assert.Single(rows, r => (string?)Value(r, "colour") == "Red");
            Assert.Equal(4, Value(red, "rows"));
            Assert.Equal(3, Value(red, "counted"));
            Assert.Equal(3 + 6 + 9, Value(red, "total"));
            Assert.Equal(9, Value(red, "largest"));
            var blue = Assert.Single(rows, r => (string?)Value(r, "colour") == "Blue");
            Assert.Equal(8, Value(blue, "rows"));
            Assert.Equal(new[] { 1, 2, 5, 7, 10, 11 }.Sum(), Value(blue, "total"));
        }

        [Fact]
        public void Should_apply_the_filter_before_counting_when_the_fetch_has_conditions()
        {
            var organization = Organization();

            var row = Assert.Single(organization.Service.RetrieveMultiple(new FetchExpression(
                "<fetch aggregate='true'><entity name='lr_widget'><attribute name='lr_widgetid' alias='rows' aggregate='count' />"
                + "<filter type='and'><condition attribute='lr_name' operator='eq' value='Blue' />"
                + "<filter type='or'><condition attribute='lr_count' operator='ge' value='10' /><condition attribute='lr_count' operator='null' /></filter></filter></entity></fetch>")).Entities);

            // Blue widgets with a count of 10 or more (10, 11) or none (4, 8).
            Assert.Equal(4, Value(row, "rows"));
        }

        [Fact]
        public void Should_refuse_with_the_platforms_fault_when_the_filter_selects_more_rows_than_the_limit()
        {
            var organization = Organization(limit: 10, widgets: 11);
            const string fetch = "<fetch aggregate='true'><entity name='lr_widget'><attribute name='lr_widgetid' alias='rows' aggregate='count' />{0}</entity></fetch>";

            var refused = Assert.Throws<DataverseFaultException>(() => organization.Service.RetrieveMultiple(new FetchExpression(string.Format(CultureInfo.InvariantCulture, fetch, string.Empty))));
            Assert.Equal(DataverseErrorCodes.AggregateQueryRecordLimit, refused.ErrorCode);
            Assert.Equal("AggregateQueryRecordLimit exceeded. Cannot perform this operation.", refused.Message);

            // The limit counts the rows the filter selects, not the table: a narrower filter is answered.
            var red = Assert.Single(organization.Service.RetrieveMultiple(new FetchExpression(string.Format(CultureInfo.InvariantCulture, fetch,
                "<filter><condition attribute='lr_name' operator='eq' value='Red' /></filter>"))).Entities);
            Assert.Equal(4, Value(red, "rows"));
        }

        [Theory]
        [InlineData("<query><entity name='lr_widget'><attribute name='lr_name' /></entity></query>", "root element must be <fetch>")]
        [InlineData("<fetch aggregate='true' />", "has no <entity> element")]
        [InlineData("<fetch aggregate='true'><entity name='lr_widget'><attribute name='lr_name' alias='n' groupby='true' /></entity></fetch>", "at least one attribute with an aggregate function")]
        [InlineData("<fetch aggregate='true'><entity name='lr_widget'><attribute name='lr_count' alias='n' aggregate='median' /></entity></fetch>", "'median' is not a FetchXML aggregate function")]
        [InlineData("<fetch aggregate='true'><entity name='lr_widget'><attribute name='lr_count' aggregate='sum' /></entity></fetch>", "has no alias")]
        [InlineData("<fetch aggregate='true'><entity name='lr_widget'><attribute name='lr_count' alias='n' aggregate='sum' /><link-entity name='opportunity' from='opportunityid' to='lr_opportunityid' /></entity></fetch>", "do not join tables")]
        [InlineData("<fetch aggregate='true'><entity name='lr_widget'><attribute name='lr_count' alias='n' aggregate='sum' /><filter><condition attribute='lr_count' operator='eq' value='many' /></filter></entity></fetch>", "'many' is not a valid value for the column lr_count")]
        [InlineData("<fetch aggregate='true'", "not well-formed")]
        public void Should_say_what_is_not_supported_when_a_fetch_cannot_be_run(string fetchXml, string expected)
        {
            var organization = Organization();

            var refused = Assert.Throws<DataverseFaultException>(() => organization.Service.RetrieveMultiple(new FetchExpression(fetchXml)));
            Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        }
    }
}
