using System;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using LeadRecycle.Services.Configuration;
using LeadRecycle.Framework;
using LeadRecycle.Solution;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>
    /// LeadRecycle ships no custom workflow activities: its two Custom API actions, one declaration each with the whole
    /// checklist, are what Power Automate and classic workflows call (Microsoft Learn: "Replace classic Microsoft
    /// Dataverse workflows with Power Automate", "Create and use custom APIs", section "Use a custom API in a workflow").
    /// </summary>
    public sealed class ClassicWorkflowTests
    {
        private const string ReadmeSection = "## Calling LeadRecycle from Power Automate and classic workflows";

        [Fact]
        public void Should_enable_every_custom_api_action_for_classic_workflows_when_the_solution_is_packed()
        {
            var model = LeadRecycleSolution.Model();
            var zip = SolutionFixture.PackProduct(managed: true);

            var actions = model.CustomApis.Where(a => !a.Api.IsFunction).ToArray();
            Assert.Equal(new[] { "lr_ReturnToNurture", "lr_ScanStalledOpportunities" }, actions.Select(a => a.UniqueName).OrderBy(n => n, StringComparer.Ordinal));
            foreach (var api in actions)
            {
                Assert.Empty(ClassicWorkflowCalls.Obstacles(api.Api));
                Assert.Equal("1", (string?)zip.Xml($"customapis/{api.UniqueName}/customapi.xml").Element("workflowsdkstepenabled"));
            }

            // The dialog's read of the policy is a function, which Microsoft keeps out of workflows.
            var function = Assert.Single(model.CustomApis, a => a.Api.IsFunction);
            Assert.Equal("lr_GetReturnToNurtureRequirements", function.UniqueName);
            Assert.Equal("0", (string?)zip.Xml($"customapis/{function.UniqueName}/customapi.xml").Element("workflowsdkstepenabled"));
        }

        [Fact]
        public void Should_take_the_whole_checklist_when_return_to_nurture_is_called_from_a_workflow()
        {
            var api = LeadRecycleSolution.Model().CustomApis.Single(a => a.UniqueName == "lr_ReturnToNurture").Api;

            var parameters = api.RequestParameters.Select(p => p.UniqueName).ToArray();

            Assert.Contains("Reason", parameters);
            Assert.All(Enum.GetNames<ChecklistField>(), field => Assert.Contains(field, parameters));
        }

        [Fact]
        public void Should_keep_an_api_out_of_classic_workflows_when_microsoft_does_not_allow_it()
        {
            static CustomApiDefinition Api(CustomApiBinding binding, string? table, CustomApiParameter[] request, CustomApiParameter[] response, bool isFunction = false) =>
                new CustomApiDefinition(typeof(TestPlugins.LossValidation), "lr_Test", "Test", "Test", binding, table, request, response, isFunction: isFunction);
            var text = new[] { new CustomApiParameter("Text", CustomApiParameterType.String, "Text", "Text", isOptional: true) };
            var record = new[] { new CustomApiParameter("Record", CustomApiParameterType.EntityReference, "Record", "Record", logicalEntityName: "account") };
            var allowed = Api(CustomApiBinding.Global, null, text, Array.Empty<CustomApiParameter>());
            var stringArray = Api(CustomApiBinding.Global, null, new[] { new CustomApiParameter("Names", CustomApiParameterType.StringArray, "Names", "Names", isOptional: true) }, Array.Empty<CustomApiParameter>());
            var unboundReference = Api(CustomApiBinding.Global, null, text, record);
            var boundReference = Api(CustomApiBinding.Entity, "account", text, record);
            var function = Api(CustomApiBinding.Global, null, Array.Empty<CustomApiParameter>(), text, isFunction: true);

            Assert.True(ClassicWorkflowCalls.CanCall(allowed));
            Assert.False(ClassicWorkflowCalls.CanCall(stringArray));
            Assert.False(ClassicWorkflowCalls.CanCall(unboundReference));
            Assert.True(ClassicWorkflowCalls.CanCall(boundReference));
            Assert.Equal(new[] { "it is a function" }, ClassicWorkflowCalls.Obstacles(function));
        }

        [Fact]
        public void Should_contain_no_workflow_activity_when_the_deployable_assembly_is_built_for_dataverse()
        {
            using var stream = File.OpenRead(BuildLayout.DeployedAssembly("Plugins", "LeadRecycle.Plugins"));
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();

            var referencedAssemblies = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToArray();
            var referencedTypes = reader.TypeReferences.Select(h => reader.GetString(reader.GetTypeReference(h).Name)).ToArray();

            Assert.DoesNotContain("System.Activities", referencedAssemblies);
            Assert.DoesNotContain("Microsoft.Xrm.Sdk.Workflow", referencedAssemblies);
            Assert.DoesNotContain("CodeActivity", referencedTypes);
            Assert.Contains("IPlugin", referencedTypes);
        }

        [Fact]
        public void Should_declare_every_plug_in_type_of_the_one_assembly_with_its_custom_apis_when_the_solution_is_packed()
        {
            var model = LeadRecycleSolution.Model();
            var assembly = Assert.Single(model.Assemblies);
            var zip = SolutionFixture.PackProduct(managed: false);
            var shipped = typeof(LeadRecycle.Framework.PluginBase).Assembly.GetTypes()
                .Where(t => t.IsClass && !t.IsAbstract && typeof(LeadRecycle.Framework.PluginBase).IsAssignableFrom(t))
                .Select(t => t.FullName!)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToArray();

            var declared = Assert.Single(zip.Xml("customizations.xml").Element("SolutionPluginAssemblies")!.Elements("PluginAssembly"))
                .Element("PluginTypes")!.Elements("PluginType").ToArray();

            Assert.All(declared, t => Assert.Null(t.Element("WorkflowActivityGroupName")));
            Assert.Equal(shipped, declared.Select(t => (string)t.Attribute("Name")!).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(shipped.Length, assembly.Types.Count);
            Assert.Subset(shipped.ToHashSet(), model.CustomApis.Select(a => a.PluginType.FullName!).ToHashSet());
            Assert.Contains(typeof(LeadRecycle.CustomApis.ScanStalledOpportunitiesApi).FullName, shipped);
        }

        [Fact]
        public void Should_tell_how_to_call_each_custom_api_from_flows_and_classic_workflows_when_the_readme_is_read()
        {
            var readme = File.ReadAllText(Path.Combine(BuildLayout.RepositoryRoot, "README.md"));
            var start = readme.IndexOf(ReadmeSection, StringComparison.Ordinal);
            Assert.True(start >= 0, $"README.md has no section '{ReadmeSection}'.");
            var end = readme.IndexOf("\n## ", start + ReadmeSection.Length, StringComparison.Ordinal);
            var section = end < 0 ? readme[start..] : readme[start..end];
            var outside = readme[..start] + (end < 0 ? string.Empty : readme[end..]);

            foreach (var api in LeadRecycleSolution.Model().CustomApis)
            {
                Assert.Contains(api.UniqueName, section, StringComparison.Ordinal);
            }

            Assert.Contains("Perform a bound action", section, StringComparison.Ordinal);
            Assert.Contains("Perform an unbound action", section, StringComparison.Ordinal);
            Assert.Contains("Perform Action", section, StringComparison.Ordinal);
            Assert.Contains("no custom workflow activities", section, StringComparison.Ordinal);
            Assert.DoesNotContain("workflow activit", outside, StringComparison.OrdinalIgnoreCase);
        }
    }
}
