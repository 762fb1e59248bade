using System;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Administration
{
    /// <summary>
    /// Refuses an admin's save of LeadRecycle's policy environment variable when the reader would refuse the JSON,
    /// with the reader's message (the variable, the key and what is expected). Both places the policy can be stored
    /// are covered: the current value (environmentvariablevalue) and the definition's default value.
    /// </summary>
    public sealed class PolicySaveCheck
    {
        private readonly IOrganizationService _service;

        /// <param name="service">The organization service the value's definition is read through (SYSTEM).</param>
        public PolicySaveCheck(IOrganizationService service)
        {
            _service = service;
        }

        /// <summary>
        /// Checks a definition being saved; true when it is LeadRecycle's policy and its default value was checked.
        /// </summary>
        /// <param name="definition">The definition as it will be (the change over its pre-image).</param>
        /// <param name="defaultValueChanged">Whether the change writes the default value.</param>
        public static bool CheckDefinition(Entity definition, bool defaultValueChanged)
        {
            if (!IsPolicy(definition.GetAttributeValue<string>(EnvironmentVariableDefinition.SchemaName)) || !defaultValueChanged)
            {
                return false;
            }

            Check(definition.GetAttributeValue<string>(EnvironmentVariableDefinition.DefaultValue));
            return true;
        }

        /// <summary>
        /// Checks a value being saved; true when it is a value of LeadRecycle's policy and was checked. The value row
        /// names its definition by lookup: one read of the definition's schema name, only when an environment variable
        /// value is saved (an admin's action, never a rep's).
        /// </summary>
        /// <param name="value">The value as it will be (the change over its pre-image).</param>
        public bool CheckValue(Entity value)
        {
            var definition = value.GetAttributeValue<EntityReference>(EnvironmentVariableValue.Definition);
            if (definition == null || !IsPolicy(_service.Retrieve(
                    EnvironmentVariableDefinition.EntityName, definition.Id,
                    new ColumnSet(EnvironmentVariableDefinition.SchemaName))
                .GetAttributeValue<string>(EnvironmentVariableDefinition.SchemaName)))
            {
                return false;
            }

            Check(value.GetAttributeValue<string>(EnvironmentVariableValue.Value));
            return true;
        }

        private static void Check(string? json)
        {
            try
            {
                RecyclePolicyReader.Read(json);
            }
            catch (PolicyException exception)
            {
                throw new InvalidPluginExecutionException(exception.Message, exception);
            }
        }

        private static bool IsPolicy(string? schemaName) =>
            string.Equals(schemaName, PolicyVariable.SchemaName, StringComparison.Ordinal);
    }
}
