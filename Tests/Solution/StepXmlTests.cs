using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.Framework;
using LeadRecycle.Solution;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>The step XML in the packed zip says exactly what the typed declarations say.</summary>
    public sealed class StepXmlTests
    {
        private static readonly IReadOnlyDictionary<string, string> ExpectedMessageIds = new Dictionary<string, string>
        {
            [SdkMessageNames.Create] = "9ebdbb1b-ea3e-db11-86a7-000a3a5473e8",
            [SdkMessageNames.Update] = "20bebb1b-ea3e-db11-86a7-000a3a5473e8",
            [SdkMessageNames.Lose] = "d1bdbb1b-ea3e-db11-86a7-000a3a5473e8",
            [SdkMessageNames.SetStateDynamicEntity] = "1dbebb1b-ea3e-db11-86a7-000a3a5473e8",
        };

        [Fact]
        public void Should_match_each_declaration_when_steps_are_packed()
        {
            var model = SolutionFixture.Model();
            var zip = SolutionFixture.Pack(model, managed: true, SolutionFixture.TestAssemblyFiles);
            var customizations = zip.Xml("customizations.xml");
            var steps = customizations.Element("SdkMessageProcessingSteps")!.Elements("SdkMessageProcessingStep").ToDictionary(s => (string)s.Attribute("Name")!);
            var types = customizations.Element("SolutionPluginAssemblies")!.Descendants("PluginType").ToDictionary(t => (string)t.Attribute("Name")!);

            Assert.Equal(SolutionFixture.AllSteps.Count, steps.Count);
            foreach (var declared in SolutionFixture.AllSteps)
            {
                var step = steps[declared.Name];
                Assert.Equal(ExpectedMessageIds[declared.MessageName], (string?)step.Element("SdkMessageId"));
                AssertMatches(declared.PluginType.FullName!, declared.PrimaryEntity, (int)declared.Stage, (int)declared.Mode, declared.Rank,
                    declared.FilteringAttributes, declared.Description, declared.UnsecureConfiguration,
                    declared.Images.Select(i => ((int)i.ImageType, i.Alias, i.MessagePropertyName, i.Attributes)).ToArray(), step, types);
            }
        }

        [Fact]
        public void Should_match_the_model_when_the_products_own_steps_are_packed()
        {
            // Every step LeadRecycle's plug-ins declare (found by reflection), against the committed src/ packed as the build packs it.
            var model = LeadRecycleSolution.Model();
            var customizations = SolutionFixture.PackProduct(managed: true).Xml("customizations.xml");
            var steps = customizations.Element("SdkMessageProcessingSteps")?.Elements("SdkMessageProcessingStep").ToDictionary(s => (string)s.Attribute("Name")!)
                ?? new Dictionary<string, XElement>();
            var types = customizations.Element("SolutionPluginAssemblies")!.Descendants("PluginType").ToDictionary(t => (string)t.Attribute("Name")!);

            Assert.Equal(model.Steps.Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal), steps.Keys.OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(model.Assemblies.SelectMany(a => a.Types).Select(t => t.FullName).OrderBy(n => n, StringComparer.Ordinal), types.Keys.OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(new[] { "LeadRecycle.Plugins" },
                customizations.Element("SolutionPluginAssemblies")!.Elements("PluginAssembly").Select(a => ((string)a.Attribute("FullName")!).Split(',')[0]));
            foreach (var declared in model.Steps)
            {
                var step = steps[declared.Name];
                Assert.Equal(declared.SdkMessageId.ToString("D"), (string?)step.Element("SdkMessageId"));
                Assert.Equal(XmlParts.Braced(declared.Id), (string?)step.Attribute("SdkMessageProcessingStepId"));
                var plugin = declared.Declaration;
                AssertMatches(declared.PluginType.FullName, plugin.PrimaryEntity, (int)plugin.Stage, (int)plugin.Mode, plugin.Rank,
                    plugin.FilteringAttributes, plugin.Description, plugin.UnsecureConfiguration,
                    plugin.Images.Select(i => ((int)i.ImageType, i.Alias, i.MessagePropertyName, i.Attributes)).ToArray(), step, types);
            }
        }

        [Fact]
        public void Should_put_sdk_message_id_after_rank_when_a_step_is_written()
        {
            var step = StepXml.Step(SolutionFixture.Model().Steps.First());

            var names = step.Elements().Select(e => e.Name.LocalName).ToList();
            Assert.Equal(names.IndexOf("Rank") + 1, names.IndexOf("SdkMessageId"));
            Assert.Equal("PluginTypeName", names[0]);
        }

        [Theory]
        [InlineData("QualifyLead")]
        [InlineData("Retrieve")]
        [InlineData("lr_ScanStalledOpportunities")]
        public void Should_refuse_the_step_naming_the_message_when_its_sdkmessageid_is_unknown(string message)
        {
            var declaration = PluginStep.For<TestPlugins.LeadQualification>(message, "lead", PipelineStage.PostOperation);
            var assembly = SolutionFixture.TestAssembly with
            {
                Types = new[] { new PluginTypeDeclaration(typeof(TestPlugins.LeadQualification).FullName!, new[] { declaration }) },
            };

            var error = Assert.Throws<UnknownSdkMessageException>(() => SolutionModel.Create(SolutionFixture.Definition(assemblies: new[] { assembly })));

            Assert.Equal(message, error.MessageName);
            Assert.Contains($"message '{message}'", error.Message, StringComparison.Ordinal);
            Assert.Contains(declaration.Name, error.Message, StringComparison.Ordinal);
        }

        private static void AssertMatches(string pluginType, string primaryEntity, int stage, int mode, int rank, IReadOnlyList<string> filtering,
            string description, string? configuration, IReadOnlyList<(int Type, string Alias, string Property, IReadOnlyList<string> Attributes)> images,
            XElement step, IReadOnlyDictionary<string, XElement> types)
        {
            var type = types[pluginType];
            Assert.Equal((string?)type.Attribute("AssemblyQualifiedName"), (string?)step.Element("PluginTypeName"));
            Assert.Equal((string?)type.Attribute("PluginTypeId"), (string?)step.Element("PluginTypeId"));
            Assert.Equal(primaryEntity, (string?)step.Element("PrimaryEntity"));
            Assert.Equal(stage, (int)step.Element("Stage")!);
            Assert.Equal(mode, (int)step.Element("Mode")!);
            Assert.Equal(rank, (int)step.Element("Rank")!);
            Assert.Equal(string.Join(",", filtering), (string?)step.Element("FilteringAttributes"));
            Assert.Equal(string.IsNullOrEmpty(description) ? null : description, (string?)step.Element("Description"));
            Assert.Equal(configuration, (string?)step.Element("Configuration"));
            Assert.Equal("4602", (string?)step.Element("EventHandlerTypeCode"));

            var written = step.Element("SdkMessageProcessingStepImages")!.Elements("SdkMessageProcessingStepImage").ToArray();
            Assert.Equal(images.Count, written.Length);
            foreach (var image in images)
            {
                var element = written.Single(w => (string?)w.Element("EntityAlias") == image.Alias);
                Assert.Equal(image.Type, (int)element.Element("ImageType")!);
                Assert.Equal(image.Property, (string?)element.Element("MessagePropertyName"));
                Assert.Equal(string.Join(",", image.Attributes), (string?)element.Element("Attributes"));
                Assert.Matches(@"^\{[0-9a-f-]{36}\}$", (string?)element.Element("SdkMessageProcessingStepImageId"));
            }
        }
    }
}
