using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.Solution;
using Xunit;
using LeadRecycle.Framework;
using LeadRecycle.CustomApis;

namespace LeadRecycle.Tests.Solution
{
    public sealed class CustomApiXmlTests
    {
        /// <summary>The Custom APIs as the plug-in types declare them (Workflows/CustomApis).</summary>
        private static IReadOnlyList<CustomApiDefinition> Declared { get; } = new[]
        {
            new ReturnToNurtureApi().CustomApi,
            new ScanStalledOpportunitiesApi().CustomApi,
            new GetReturnToNurtureRequirementsApi().CustomApi,
        };

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Should_pack_each_custom_api_as_separate_files_when_the_product_is_packed(bool managed)
        {
            var zip = SolutionFixture.PackProduct(managed);

            foreach (var api in Declared)
            {
                var folder = $"customapis/{api.UniqueName}/";
                Assert.Equal(api.UniqueName, (string?)zip.Xml(folder + "customapi.xml").Attribute("uniquename"));
                Assert.All(api.RequestParameters, p => Assert.Contains(zip.Entries, e => e.Name == $"{folder}customapirequestparameters/{p.UniqueName}/customapirequestparameter.xml"));
                Assert.All(api.ResponseProperties, p => Assert.Contains(zip.Entries, e => e.Name == $"{folder}customapiresponseproperties/{p.UniqueName}/customapiresponseproperty.xml"));
            }

            // Not inlined: customizations.xml has no trace of them.
            Assert.DoesNotContain(zip.Xml("customizations.xml").Descendants(), e => e.Name.LocalName.StartsWith("customapi", StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void Should_match_the_declared_types_and_optionality_when_request_parameters_are_written()
        {
            var zip = SolutionFixture.PackProduct(managed: true);

            var checkedParameters = 0;
            foreach (var api in Declared)
            {
                foreach (var parameter in api.RequestParameters)
                {
                    var xml = zip.Xml($"customapis/{api.UniqueName}/customapirequestparameters/{parameter.UniqueName}/customapirequestparameter.xml");
                    Assert.Equal(parameter.UniqueName, (string?)xml.Attribute("uniquename"));
                    Assert.Equal((int)parameter.Type, (int)xml.Element("type")!);
                    Assert.Equal(parameter.IsOptional ? 1 : 0, (int)xml.Element("isoptional")!);
                    Assert.Equal(parameter.DisplayName, (string?)xml.Element("displayname")!.Attribute("default"));
                    checkedParameters++;
                }
            }

            Assert.Equal(10, checkedParameters);
            // Spot checks against the type codes of Microsoft's customapirequestparameter.type choice.
            var reason = zip.Xml("customapis/lr_ReturnToNurture/customapirequestparameters/Reason/customapirequestparameter.xml");
            Assert.Equal(("9", "0"), ((string?)reason.Element("type"), (string?)reason.Element("isoptional")));
            var token = zip.Xml("customapis/lr_ScanStalledOpportunities/customapirequestparameters/ContinuationToken/customapirequestparameter.xml");
            Assert.Equal(("10", "1"), ((string?)token.Element("type"), (string?)token.Element("isoptional")));
        }

        [Theory]
        [InlineData("lr_ScanStalledOpportunities", "prvWritelr_stagestatistic")]
        [InlineData("lr_ReturnToNurture", "prvWriteOpportunity")]
        [InlineData("lr_GetReturnToNurtureRequirements", "prvReadOpportunity")]
        public void Should_name_an_execute_privilege_when_each_custom_api_is_packed(string api, string privilege)
        {
            var zip = SolutionFixture.PackProduct(managed: true);

            var xml = zip.Xml($"customapis/{api}/customapi.xml");

            Assert.Equal(privilege, (string?)xml.Element("executeprivilegename"));
            // Microsoft's element order in an export: executeprivilegename between displayname and iscustomizable.
            Assert.Equal("iscustomizable", xml.Element("executeprivilegename")!.ElementsAfterSelf().First().Name.LocalName);
        }

        [Fact]
        public void Should_write_no_isoptional_and_the_declared_type_when_response_properties_are_written()
        {
            var zip = SolutionFixture.PackProduct(managed: false);

            var properties = Declared.SelectMany(api => api.ResponseProperties.Select(p => (Api: api, Property: p))).ToArray();
            Assert.Equal(20, properties.Length);
            foreach (var (api, property) in properties)
            {
                var xml = zip.Xml($"customapis/{api.UniqueName}/customapiresponseproperties/{property.UniqueName}/customapiresponseproperty.xml");
                Assert.Equal("customapiresponseproperty", xml.Name.LocalName);
                Assert.Null(xml.Element("isoptional"));
                Assert.Equal((int)property.Type, (int)xml.Element("type")!);
                Assert.Equal(property.LogicalEntityName, (string?)xml.Element("logicalentityname"));
            }

            var recycledLead = zip.Xml("customapis/lr_ReturnToNurture/customapiresponseproperties/RecycledLead/customapiresponseproperty.xml");
            Assert.Equal(("5", "lr_recycledlead"), ((string?)recycledLead.Element("type"), (string?)recycledLead.Element("logicalentityname")));
        }

        [Fact]
        public void Should_point_at_the_plugin_type_id_of_the_assembly_data_xml_when_a_custom_api_is_packed()
        {
            var zip = SolutionFixture.PackProduct(managed: true);
            var pluginTypes = zip.Xml("customizations.xml").Element("SolutionPluginAssemblies")!.Descendants("PluginType")
                .ToDictionary(t => (string)t.Attribute("Name")!, t => (string)t.Attribute("PluginTypeId")!, StringComparer.Ordinal);

            foreach (var api in Declared)
            {
                var customApi = zip.Xml($"customapis/{api.UniqueName}/customapi.xml");
                var pointer = customApi.Element("plugintypeid")!.Element("plugintypeid");
                Assert.NotNull(pointer);
                Assert.Equal(pluginTypes[api.PluginType.FullName!], (string?)pointer);
            }
        }

        [Fact]
        public void Should_carry_binding_and_allow_no_custom_steps_when_customapi_xml_is_written()
        {
            var zip = SolutionFixture.PackProduct(managed: true);

            var bound = zip.Xml("customapis/lr_ReturnToNurture/customapi.xml");
            Assert.Equal("1", (string?)bound.Element("bindingtype"));
            Assert.Equal("opportunity", (string?)bound.Element("boundentitylogicalname"));
            var global = zip.Xml("customapis/lr_ScanStalledOpportunities/customapi.xml");
            Assert.Equal("0", (string?)global.Element("bindingtype"));
            Assert.Null(global.Element("boundentitylogicalname"));
            foreach (var api in new[] { bound, global })
            {
                Assert.Equal("0", (string?)api.Element("allowedcustomprocessingsteptype"));
                Assert.Equal("0", (string?)api.Element("isfunction"));
                Assert.Equal("0", (string?)api.Element("isprivate"));
                Assert.Equal("1", (string?)api.Element("workflowsdkstepenabled"));
            }

            // A Custom API needs no step for its main operation (facts §5): none is registered on its message.
            Assert.DoesNotContain(LeadRecycleSolution.Model().Steps, s => s.MessageName.StartsWith("lr_", StringComparison.Ordinal));
        }

        [Fact]
        public void Should_refuse_the_model_when_a_response_property_is_declared_optional()
        {
            var api = new CustomApiDefinition(typeof(TestPlugins.LossValidation), "lr_Broken", "Broken", "Broken.", CustomApiBinding.Global, null,
                Array.Empty<CustomApiParameter>(),
                new[] { new CustomApiParameter("Result", CustomApiParameterType.String, "Result", "Result.", isOptional: true) });

            var error = Assert.Throws<InvalidOperationException>(() => SolutionModel.Create(WithApi(api)));
            Assert.Contains("Result", error.Message, StringComparison.Ordinal);
            Assert.Contains("optional", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_refuse_the_model_when_a_custom_api_lacks_the_publisher_prefix()
        {
            var api = new CustomApiDefinition(typeof(TestPlugins.LossValidation), "new_Scan", "Scan", "Scan.", CustomApiBinding.Global, null,
                Array.Empty<CustomApiParameter>(), Array.Empty<CustomApiParameter>());

            var error = Assert.Throws<InvalidOperationException>(() => SolutionModel.Create(WithApi(api)));
            Assert.Contains("prefix", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_write_the_custom_api_of_a_test_plugin_type_when_its_declaration_carries_one()
        {
            var api = new CustomApiDefinition(typeof(TestPlugins.LossValidation), "lr_Echo", "Echo", "Echoes.", CustomApiBinding.EntityCollection, "contact",
                new[] { new CustomApiParameter("Text", CustomApiParameterType.String, "Text", "Text.", isOptional: true) },
                new[] { new CustomApiParameter("Echoed", CustomApiParameterType.String, "Echoed", "Echoed.") });
            var model = SolutionModel.Create(WithApi(api));

            var files = CodeOwnedFiles.Render(model, XmlFiles.Load(System.IO.Path.Combine(SolutionFixture.TestSolutionSkeleton, "Other", "Solution.xml")));
            var customApi = Load(files["customapis/lr_Echo/customapi.xml"]);
            Assert.Equal("2", (string?)customApi.Element("bindingtype"));
            Assert.Equal(model.Assemblies.Single().Types.Single(t => t.FullName == api.PluginType.FullName).Id.ToString("D"), (string?)customApi.Element("plugintypeid")!.Element("plugintypeid"));
            Assert.Contains("customapis/lr_Echo/customapirequestparameters/Text/customapirequestparameter.xml", files.Keys);
            Assert.Contains("customapis/lr_Echo/customapiresponseproperties/Echoed/customapiresponseproperty.xml", files.Keys);
        }

        private static SolutionDefinition WithApi(CustomApiDefinition api)
        {
            var assembly = SolutionFixture.TestAssembly with
            {
                Types = SolutionFixture.TestAssembly.Types.Select(t => t.FullName == api.PluginType.FullName ? t with { CustomApi = api } : t).ToArray(),
            };
            return SolutionFixture.Definition(assemblies: new[] { assembly });
        }

        private static XElement Load(byte[] bytes)
        {
            using var stream = new System.IO.MemoryStream(bytes);
            return XDocument.Load(stream).Root!;
        }
    }
}
