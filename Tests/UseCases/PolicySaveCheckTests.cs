using LeadRecycle.Schema;
using LeadRecycle.Services.Administration;
using LeadRecycle.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.UseCases
{
    public sealed class PolicySaveCheckTests
    {
        [Fact]
        public void Should_refuse_a_policy_value_the_reader_refuses_naming_the_setting()
        {
            var org = new ServiceOrganization();
            var definition = org.Service.Create(new Entity(EnvironmentVariableDefinition.EntityName) { [EnvironmentVariableDefinition.SchemaName] = PolicyVariable.SchemaName });
            var value = new Entity(EnvironmentVariableValue.EntityName)
            {
                [EnvironmentVariableValue.Definition] = new EntityReference(EnvironmentVariableDefinition.EntityName, definition),
                [EnvironmentVariableValue.Value] = "{\"stall\":{\"multiplier\":0}}",
            };

            var exception = Assert.Throws<InvalidPluginExecutionException>(() => new PolicySaveCheck(org.Service).CheckValue(value));

            Assert.Contains("'stall.multiplier'", exception.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Should_leave_another_variable_alone()
        {
            var definition = new Entity(EnvironmentVariableDefinition.EntityName)
            {
                [EnvironmentVariableDefinition.SchemaName] = "contoso_Other",
                [EnvironmentVariableDefinition.DefaultValue] = "not json",
            };

            Assert.False(PolicySaveCheck.CheckDefinition(definition, defaultValueChanged: true));
        }
    }
}
