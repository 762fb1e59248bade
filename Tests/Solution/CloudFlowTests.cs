using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using LeadRecycle.Solution;
using Xunit;
using LeadRecycle.CustomApis;

namespace LeadRecycle.Tests.Solution
{
    public sealed class CloudFlowTests
    {
        private static SourceComponent Flow => Assert.Single(UnpackedSource.Product.Workflows);

        /// <summary>The flow's definition: the JSON file its data.xml names (JsonFileName), as the designer and an export write it.</summary>
        private static byte[] Definition => UnpackedSource.Product.Bytes(((string)Flow.Element.Element("JsonFileName")!).TrimStart('/'));

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Should_ship_a_draft_modern_flow_with_its_json_as_a_file_when_the_product_is_packed(bool managed)
        {
            var id = (string)Flow.Element.Attribute("WorkflowId")!;
            var zip = SolutionFixture.PackProduct(managed);

            var workflow = zip.Xml("customizations.xml").Element("Workflows")!.Elements("Workflow").Single();
            Assert.Equal(id, (string?)workflow.Attribute("WorkflowId"));
            Assert.Equal("5", (string?)workflow.Element("Category"));
            Assert.Equal("1", (string?)workflow.Element("Type"));
            // Draft: the admin sets the connection, then turns the flow on.
            Assert.Equal(("0", "1"), ((string?)workflow.Element("StateCode"), (string?)workflow.Element("StatusCode")));
            var jsonFileName = (string)workflow.Element("JsonFileName")!;
            // Named as exports name it: the flow's name without spaces, its id in upper case (facts §2), beside its data.xml.
            Assert.Equal("/Workflows/LeadRecycleDailyStallScan-" + id.Trim('{', '}').ToUpperInvariant() + ".json", jsonFileName);
            Assert.Equal(jsonFileName.TrimStart('/') + ".data.xml", Flow.Path);
            Assert.Equal(Definition, zip[jsonFileName.TrimStart('/')]);

            var roots = zip.Xml("solution.xml").Element("SolutionManifest")!.Element("RootComponents")!.Elements("RootComponent");
            Assert.Single(roots, r => (string?)r.Attribute("type") == "29" && (string?)r.Attribute("id") == id);
        }

        [Fact]
        public void Should_call_the_scan_api_with_its_token_until_done_when_the_flow_definition_is_read()
        {
            using var json = JsonDocument.Parse(Definition);
            var definition = json.RootElement.GetProperty("properties").GetProperty("definition");

            Assert.Equal("Recurrence", definition.GetProperty("triggers").EnumerateObject().Single().Value.GetProperty("type").GetString());
            var loop = definition.GetProperty("actions").GetProperty("Until_the_scan_is_done");
            Assert.Equal("Until", loop.GetProperty("type").GetString());
            Assert.Contains("variables('Done')", loop.GetProperty("expression").GetString(), StringComparison.Ordinal);
            var scan = loop.GetProperty("actions").GetProperty("Scan_one_batch").GetProperty("inputs");
            Assert.Equal("PerformUnboundAction", scan.GetProperty("host").GetProperty("operationId").GetString());
            Assert.Equal(ScanStalledOpportunitiesApi.UniqueName, scan.GetProperty("parameters").GetProperty("actionName").GetString());
            Assert.Equal("@variables('ContinuationToken')", scan.GetProperty("parameters").GetProperty("item/ContinuationToken").GetString());

            // The names the flow uses are the ones the Custom API declares.
            var api = new ScanStalledOpportunitiesApi().CustomApi;
            Assert.Contains(api.RequestParameters, p => p.UniqueName == "ContinuationToken" && p.IsOptional);
            Assert.Contains(api.ResponseProperties, p => p.UniqueName == "ContinuationToken");
            Assert.Contains(api.ResponseProperties, p => p.UniqueName == "Done");
            Assert.Equal(new[] { "lr_ScanStalledOpportunities" }, CloudFlowJson.UnboundActionNames(Definition));
        }

        [Fact]
        public void Should_stop_the_loop_and_fail_the_run_when_a_scan_batch_fails()
        {
            using var json = JsonDocument.Parse(Definition);
            var actions = json.RootElement.GetProperty("properties").GetProperty("definition").GetProperty("actions");
            var loop = actions.GetProperty("Until_the_scan_is_done");

            // A failed action does not end a Do-until by itself: without this the loop would retry up to its count.
            var stop = loop.GetProperty("actions").GetProperty("Stop_after_a_failed_batch");
            Assert.Equal(new[] { "Failed", "TimedOut" }, stop.GetProperty("runAfter").GetProperty("Scan_one_batch").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal("Failed", stop.GetProperty("inputs").GetProperty("name").GetString());
            Assert.Contains("variables('Failed')", loop.GetProperty("expression").GetString(), StringComparison.Ordinal);
            var terminate = actions.GetProperty("If_a_batch_failed").GetProperty("actions").GetProperty("Fail_the_run");
            Assert.Equal("Terminate", terminate.GetProperty("type").GetString());
            Assert.Equal("Failed", terminate.GetProperty("inputs").GetProperty("runStatus").GetString());
        }

        [Fact]
        public void Should_name_a_connection_reference_the_solution_carries_when_the_flow_is_packed()
        {
            var zip = SolutionFixture.PackProduct(managed: true);

            var references = zip.Xml("customizations.xml").Element("connectionreferences")!.Elements("connectionreference").ToArray();
            var reference = Assert.Single(references);
            Assert.Equal("lr_DataverseConnection", (string?)reference.Attribute("connectionreferencelogicalname"));
            Assert.Equal("/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps", (string?)reference.Element("connectorid"));
            Assert.Equal(new[] { "lr_DataverseConnection" }, CloudFlowJson.ConnectionReferenceNames(Definition));
            // Inline, just before Languages, as real exports keep it.
            Assert.Equal("Languages", ((System.Xml.Linq.XElement)references[0].Parent!.NextNode!).Name.LocalName);
        }

        [Fact]
        public void Should_call_only_custom_apis_of_the_solution_when_the_flow_calls_a_leadrecycle_action()
        {
            var apis = LeadRecycleSolution.Model().CustomApis.Select(a => a.UniqueName).ToArray();

            var calls = CloudFlowJson.UnboundActionNames(Definition).Where(a => a.StartsWith(LeadRecycle.Schema.Publisher.Prefix + "_", StringComparison.Ordinal)).ToArray();

            Assert.NotEmpty(calls);
            Assert.All(calls, call => Assert.Contains(call, apis));
        }

        [Fact]
        public void Should_use_only_connection_references_that_customizations_xml_carries_when_the_flow_is_read()
        {
            var carried = UnpackedSource.Product.Customizations.Element("connectionreferences")!.Elements("connectionreference")
                .Select(r => (string)r.Attribute("connectionreferencelogicalname")!).ToArray();

            Assert.All(CloudFlowJson.ConnectionReferenceNames(Definition), used => Assert.Contains(used, carried));
        }
    }
}
