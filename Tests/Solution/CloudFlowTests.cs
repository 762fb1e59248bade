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
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Should_ship_a_draft_modern_flow_with_its_json_as_a_file_when_the_product_is_packed(bool managed)
        {
            var flow = LeadRecycleSolution.Model().CloudFlows.Single();
            var zip = SolutionFixture.PackProduct(managed);

            var workflow = zip.Xml("customizations.xml").Element("Workflows")!.Elements("Workflow").Single();
            Assert.Equal(ComponentXml.Braced(flow.Id), (string?)workflow.Attribute("WorkflowId"));
            Assert.Equal("5", (string?)workflow.Element("Category"));
            Assert.Equal("1", (string?)workflow.Element("Type"));
            // Draft: the admin sets the connection, then turns the flow on.
            Assert.Equal(("0", "1"), ((string?)workflow.Element("StateCode"), (string?)workflow.Element("StatusCode")));
            var jsonFileName = (string)workflow.Element("JsonFileName")!;
            Assert.StartsWith("/Workflows/LeadRecycleDailyStallScan-" + flow.Id.ToString("D").ToUpperInvariant(), jsonFileName, StringComparison.Ordinal);
            Assert.Equal(File.ReadAllBytes(Path.Combine(BuildLayout.RepositoryRoot, "Solution", "src", flow.JsonPath)), zip[jsonFileName.TrimStart('/')]);
            Assert.Equal(File.ReadAllBytes(Path.Combine(BuildLayout.RepositoryRoot, "Solution", "Flows", "DailyStallScan.json")), zip[jsonFileName.TrimStart('/')]);

            var roots = zip.Xml("solution.xml").Element("SolutionManifest")!.Element("RootComponents")!.Elements("RootComponent");
            Assert.Single(roots, r => (string?)r.Attribute("type") == "29" && (string?)r.Attribute("id") == ComponentXml.Braced(flow.Id));
        }

        [Fact]
        public void Should_call_the_scan_api_with_its_token_until_done_when_the_flow_definition_is_read()
        {
            using var json = JsonDocument.Parse(LeadRecycleSolution.DailyStallScan.Definition);
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
            Assert.Equal(new[] { "lr_ScanStalledOpportunities" }, CloudFlowJson.UnboundActionNames(LeadRecycleSolution.DailyStallScan.Definition));
        }

        [Fact]
        public void Should_stop_the_loop_and_fail_the_run_when_a_scan_batch_fails()
        {
            using var json = JsonDocument.Parse(LeadRecycleSolution.DailyStallScan.Definition);
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
            Assert.Equal(new[] { "lr_DataverseConnection" }, CloudFlowJson.ConnectionReferenceNames(LeadRecycleSolution.DailyStallScan.Definition));
            // Inline, just before Languages, as real exports keep it.
            Assert.Equal("Languages", ((System.Xml.Linq.XElement)references[0].Parent!.NextNode!).Name.LocalName);
        }

        [Fact]
        public void Should_refuse_the_model_when_a_flow_uses_a_connection_reference_the_solution_lacks()
        {
            var definition = WithFlow(includeConnectionReference: false);

            var error = Assert.Throws<InvalidOperationException>(() => SolutionModel.Create(definition));
            Assert.Contains("lr_DataverseConnection", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_keep_the_flow_id_and_file_name_when_the_version_changes()
        {
            var before = SolutionModel.Create(WithFlow(includeConnectionReference: true, version: "1.0.0.0")).CloudFlows.Single();
            var after = SolutionModel.Create(WithFlow(includeConnectionReference: true, version: "3.1.0.9")).CloudFlows.Single();

            Assert.Equal(before.Id, after.Id);
            Assert.Equal(before.JsonPath, after.JsonPath);
            Assert.Equal(DeterministicGuid.ForCloudFlow(LeadRecycleSolution.DailyStallScanKey), before.Id);
        }

        private static SolutionDefinition WithFlow(bool includeConnectionReference, string version = "1.2.3.4")
        {
            var definition = SolutionFixture.Definition(version);
            return definition with
            {
                Assemblies = LeadRecycleSolution.PluginAssemblies.Select(PluginDiscovery.Discover).ToArray(),
                CloudFlows = new[] { LeadRecycleSolution.DailyStallScan },
                ConnectionReferences = includeConnectionReference ? new[] { LeadRecycleSolution.DataverseConnection } : Array.Empty<ConnectionReferenceDeclaration>(),
            };
        }
    }
}
