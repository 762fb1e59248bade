using System;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
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
        /// <param name="service">The organization service a segment column is checked through (SYSTEM); null checks the JSON only.</param>
        public static bool CheckDefinition(Entity definition, bool defaultValueChanged, IOrganizationService? service = null)
        {
            if (!IsPolicy(definition.GetAttributeValue<string>(EnvironmentVariableDefinition.SchemaName)) || !defaultValueChanged)
            {
                return false;
            }

            Check(definition.GetAttributeValue<string>(EnvironmentVariableDefinition.DefaultValue), service);
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

            Check(value.GetAttributeValue<string>(EnvironmentVariableValue.Value), _service);
            return true;
        }

        private static void Check(string? json, IOrganizationService? service)
        {
            try
            {
                var policy = RecyclePolicyReader.Read(json);
                if (service != null && policy.Stall.Segments != null)
                {
                    CheckSegmentColumn(service, policy.Stall.Segments);
                }
            }
            catch (PolicyException exception)
            {
                throw new InvalidPluginExecutionException(exception.Message, exception);
            }
        }

        /// <summary>
        /// Asks the organization for one opportunity with a value in the segment column: a column the table does not have
        /// fails the query (an admin's typo is refused now, not found by the nightly scan), and a value shows the
        /// column's kind, so bands on a lookup, choice or Boolean, or a number without bands, are refused too. A query
        /// rather than RetrieveAttributeRequest: it needs only read access to opportunities, which SYSTEM has. While no
        /// opportunity has a value, the kind cannot be seen; the scan then gives a value that does not fit the setting no
        /// segment (its stage's threshold applies).
        /// </summary>
        private static void CheckSegmentColumn(IOrganizationService service, StallSegments segments)
        {
            var query = new QueryExpression(Opportunity.EntityName) { ColumnSet = new ColumnSet(segments.Column), TopCount = 1 };
            query.Criteria.AddCondition(segments.Column, ConditionOperator.NotNull);
            Entity? sample;
            try
            {
                sample = service.RetrieveMultiple(query).Entities.FirstOrDefault();
            }
            catch (Exception exception) when (!(exception is InvalidPluginExecutionException))
            {
                // The platform's fault for an unknown column (0x80041103 QueryBuilderNoAttribute) in the admin's words.
                throw new PolicyException(
                    $"'stall.segmentColumn' is '{segments.Column}', which is not a column of the opportunity table. Name a column's logical name, e.g. 'owningbusinessunit' or 'estimatedvalue'.");
            }

            var value = sample?.GetAttributeValue<object>(segments.Column);
            if (value == null)
            {
                return;
            }

            var isNumber = value is Money || value is decimal || value is int || value is long || value is double;
            if (isNumber && segments.Bands.Count == 0)
            {
                throw new PolicyException(
                    $"'stall.segmentBands' must be set for '{segments.Column}', a number column: name the bounds of its bands, e.g. [50000] for under and over 50,000; one segment per amount would never gather enough stays.");
            }

            if (!isNumber && segments.Bands.Count > 0)
            {
                throw new PolicyException(
                    $"'stall.segmentBands' is only for a number or money column; '{segments.Column}' is {KindOf(value)}, whose values are the segments. Remove 'stall.segmentBands'.");
            }

            if (!isNumber && !(value is EntityReference || value is OptionSetValue || value is bool))
            {
                throw new PolicyException(
                    $"'stall.segmentColumn' is '{segments.Column}', {KindOf(value)}; name a lookup or owner, a choice, a Boolean, or a number or money column with 'stall.segmentBands'.");
            }
        }

        private static string KindOf(object value) => value switch
        {
            EntityReference _ => "a lookup",
            OptionSetValue _ => "a choice",
            bool _ => "a Boolean",
            string _ => "a text column",
            DateTime _ => "a date column",
            _ => "a column of another kind",
        };

        private static bool IsPolicy(string? schemaName) =>
            string.Equals(schemaName, PolicyVariable.SchemaName, StringComparison.Ordinal);
    }
}
