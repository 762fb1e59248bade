using System.Linq;
using LeadRecycle.Framework;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.InMemoryDataverse
{
    public class StepDeclarationTests
    {
        [Fact]
        public void Should_register_the_declared_steps_when_an_assembly_is_scanned()
        {
            // Act
            var registrations = PluginStepRegistrar.FromAssembly(typeof(CreateFollowUpTaskPlugin).Assembly);

            // Assert
            var followUp = Assert.Single(registrations, r => r.PluginType == typeof(CreateFollowUpTaskPlugin));
            Assert.Equal("Create", followUp.MessageName);
            Assert.Equal("opportunity", followUp.PrimaryEntityName);
            Assert.Equal(StepStage.PostOperation, followUp.Stage);
            Assert.Equal("Follow up", followUp.UnsecureConfiguration);
            var limit = Assert.Single(registrations, r => r.PluginType == typeof(EstimateLimitPlugin));
            Assert.Equal(new[] { "estimatedvalue" }, limit.FilteringAttributes);
            Assert.Equal(limit.Name, new EstimateLimitPlugin(null, null).Steps.Single().Name);
        }

        [Fact]
        public void Should_pass_configuration_and_capture_traces_when_a_declared_step_runs()
        {
            // Arrange
            var organization = TestOrganization.Create();
            organization.RegisterSteps<CreateFollowUpTaskPlugin>(secureConfiguration: "secret");

            // Act
            organization.Service.CreateOpportunity(name: "Fabrikam renewal");

            // Assert
            var task = Assert.Single(organization.All("task"));
            Assert.Equal("Follow up: Fabrikam renewal", task.GetAttributeValue<string>("subject"));
            var execution = Assert.Single(organization.LastOperation!.Executions);
            Assert.Contains("Configuration: Follow up / secret", execution.TraceLines);
            Assert.StartsWith("Entered CreateFollowUpTaskPlugin: Create of opportunity (40), depth 1", execution.TraceLines[0]);
            Assert.Null(execution.Error);
        }

        [Fact]
        public void Should_surface_the_plugin_message_when_a_declared_prevalidation_step_refuses()
        {
            // Arrange
            var organization = TestOrganization.Create();
            organization.RegisterSteps<EstimateLimitPlugin>();
            var id = organization.Service.CreateOpportunity(estimate: 10m);

            // Act
            var error = Assert.Throws<InvalidPluginExecutionException>(() =>
                organization.Service.Update(new Entity("opportunity", id) { ["estimatedvalue"] = new Money(2000000m) }));

            // Assert
            Assert.Equal(EstimateLimitPlugin.Message, error.Message);
            Assert.Equal(10m, organization.Find("opportunity", id)!.GetAttributeValue<Money>("estimatedvalue").Value);
            Assert.Same(error, organization.LastOperation!.Error);
        }
    }
}
