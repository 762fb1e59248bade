using System;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using LeadRecycle.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Configuration
{
    /// <summary>stall.segmentColumn and stall.segmentBands: each refusal names the key, when read and when saved.</summary>
    public sealed class StallSegmentPolicyTests
    {
        private const string Prefix = "LeadRecycle's configuration (environment variable lr_RecyclePolicy) is invalid: ";

        private const string Suffix = " An administrator must correct it.";

        private static Guid PolicyDefinition(LeadRecycleOrganization org) =>
            org.Org.All(EnvironmentVariableDefinition.EntityName)
                .Single(d => (string)d[EnvironmentVariableDefinition.SchemaName] == PolicyVariable.SchemaName).Id;

        /// <summary>The admin saves a new value of the policy in an organization that has one opportunity (its value 25,000).</summary>
        private static Exception? Save(string json)
        {
            var org = new LeadRecycleOrganization("{}");
            org.OpenOpportunity();
            return Record.Exception(() => org.Service.Create(new Entity(EnvironmentVariableValue.EntityName)
            {
                [EnvironmentVariableValue.Definition] = new EntityReference(EnvironmentVariableDefinition.EntityName, PolicyDefinition(org)),
                [EnvironmentVariableValue.Value] = json,
            }));
        }

        [Fact]
        public void Should_read_a_segment_column_and_its_bands()
        {
            var policy = RecyclePolicyReader.Read("{ \"stall\": { \"segmentColumn\": \"estimatedvalue\", \"segmentBands\": [10000, 100000] } }");

            Assert.Equal("estimatedvalue", policy.Stall.Segments!.Column);
            Assert.Equal(new[] { 10000m, 100000m }, policy.Stall.Segments.Bands);
            Assert.Equal("under 10,000", policy.Stall.Segments.BandLabel(0));
            Assert.Equal("10,000 to 100,000", policy.Stall.Segments.BandLabel(1));
            Assert.Equal("100,000 or more", policy.Stall.Segments.BandLabel(2));
            Assert.Null(RecyclePolicy.Default.Stall.Segments);
        }

        [Fact]
        public void Should_refuse_a_segment_column_that_is_not_a_logical_name()
        {
            var error = Assert.Throws<PolicyException>(() => RecyclePolicyReader.Read("{ \"stall\": { \"segmentColumn\": \"Est. Revenue\" } }"));

            Assert.Equal(
                Prefix + "'stall.segmentColumn' must be the logical name of an opportunity column (lower case letters, digits and underscores, e.g. \"owningbusinessunit\"), or null; got \"Est. Revenue\"." + Suffix,
                error.Message);
        }

        [Fact]
        public void Should_refuse_bands_that_are_not_ascending()
        {
            var error = Assert.Throws<PolicyException>(() => RecyclePolicyReader.Read("{ \"stall\": { \"segmentColumn\": \"estimatedvalue\", \"segmentBands\": [100000, 50000] } }"));

            Assert.Equal(Prefix + "'stall.segmentBands' must be in ascending order, each bound above the one before; 50000 follows 100000." + Suffix, error.Message);
        }

        [Fact]
        public void Should_refuse_bands_without_a_segment_column()
        {
            var error = Assert.Throws<PolicyException>(() => RecyclePolicyReader.Read("{ \"stall\": { \"segmentBands\": [50000] } }"));

            Assert.Equal(
                Prefix + "'stall.segmentBands' bands the column named by 'stall.segmentColumn', which is not set; name a number or money column of the opportunity, or remove the bands." + Suffix,
                error.Message);
        }

        [Fact]
        public void Should_refuse_bands_on_a_lookup_column_when_the_policy_is_saved()
        {
            var error = Assert.IsType<InvalidPluginExecutionException>(Save("{ \"stall\": { \"segmentColumn\": \"ownerid\", \"segmentBands\": [50000] } }"));

            Assert.Equal(
                Prefix + "'stall.segmentBands' is only for a number or money column; 'ownerid' is a lookup, whose values are the segments. Remove 'stall.segmentBands'." + Suffix,
                error.Message);
        }

        [Fact]
        public void Should_refuse_a_money_column_without_bands_when_the_policy_is_saved()
        {
            var error = Assert.IsType<InvalidPluginExecutionException>(Save("{ \"stall\": { \"segmentColumn\": \"estimatedvalue\" } }"));

            Assert.Equal(
                Prefix + "'stall.segmentBands' must be set for 'estimatedvalue', a number column: name the bounds of its bands, e.g. [50000] for under and over 50,000; one segment per amount would never gather enough stays." + Suffix,
                error.Message);
        }

        [Fact]
        public void Should_refuse_a_column_the_opportunity_does_not_have_when_the_policy_is_saved()
        {
            var error = Assert.IsType<InvalidPluginExecutionException>(Save("{ \"stall\": { \"segmentColumn\": \"estimatedvalu\" } }"));

            Assert.Equal(
                Prefix + "'stall.segmentColumn' is 'estimatedvalu', which is not a column of the opportunity table. Name a column's logical name, e.g. 'owningbusinessunit' or 'estimatedvalue'." + Suffix,
                error.Message);
        }

        [Fact]
        public void Should_refuse_a_text_column_when_the_policy_is_saved()
        {
            var error = Assert.IsType<InvalidPluginExecutionException>(Save("{ \"stall\": { \"segmentColumn\": \"name\" } }"));

            Assert.Equal(
                Prefix + "'stall.segmentColumn' is 'name', a text column; name a lookup or owner, a choice, a Boolean, or a number or money column with 'stall.segmentBands'." + Suffix,
                error.Message);
        }

        [Theory]
        [InlineData("{ \"stall\": { \"segmentColumn\": \"estimatedvalue\", \"segmentBands\": [50000] } }")]
        [InlineData("{ \"stall\": { \"segmentColumn\": \"owningbusinessunit\" } }")]
        [InlineData("{ \"stall\": { \"segmentColumn\": \"salesstage\" } }")]
        [InlineData("{ \"stall\": { \"segmentColumn\": null, \"segmentBands\": null } }")]
        public void Should_save_a_segment_column_that_fits(string json)
        {
            Assert.Null(Save(json));
        }
    }
}
