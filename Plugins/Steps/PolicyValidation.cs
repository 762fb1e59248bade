using System;
using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// Refuses an admin's save of LeadRecycle's policy environment variable when the reader would refuse the JSON,
    /// with the reader's message (the variable, the key and what is expected). PreValidation, so nothing is written
    /// and the admin sees the message where the value was typed. Both places the policy can be stored are covered:
    /// the current value (environmentvariablevalue) and the definition's default value.
    /// </summary>
    public sealed class ValidateRecyclePolicy : PluginBase
    {
        private const string PreImage = "variable";

        public ValidateRecyclePolicy(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<ValidateRecyclePolicy>(SdkMessageNames.Create, EnvironmentVariableValue.EntityName, PipelineStage.PreValidation)
                .Describe("Refuses a LeadRecycle policy value the policy reader would refuse, naming the setting."),
            PluginStep.For<ValidateRecyclePolicy>(SdkMessageNames.Update, EnvironmentVariableValue.EntityName, PipelineStage.PreValidation)
                .WhenChanged(EnvironmentVariableValue.Value, EnvironmentVariableValue.Definition)
                .WithPreImage(PreImage, "Target", EnvironmentVariableValue.Definition)
                .Describe("Refuses a LeadRecycle policy value the policy reader would refuse, naming the setting."),
            PluginStep.For<ValidateRecyclePolicy>(SdkMessageNames.Create, EnvironmentVariableDefinition.EntityName, PipelineStage.PreValidation)
                .Describe("Refuses a LeadRecycle policy default value the policy reader would refuse, naming the setting."),
            PluginStep.For<ValidateRecyclePolicy>(SdkMessageNames.Update, EnvironmentVariableDefinition.EntityName, PipelineStage.PreValidation)
                .WhenChanged(EnvironmentVariableDefinition.DefaultValue)
                .WithPreImage(PreImage, "Target", EnvironmentVariableDefinition.SchemaName)
                .Describe("Refuses a LeadRecycle policy default value the policy reader would refuse, naming the setting."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var variable = context.MergeTargetOverPreImage(PreImage);
            string? json;
            if (context.ExecutionContext.PrimaryEntityName == EnvironmentVariableDefinition.EntityName)
            {
                if (!IsPolicy(variable.GetAttributeValue<string>(EnvironmentVariableDefinition.SchemaName))
                    || !(context.GetTargetEntity()?.Contains(EnvironmentVariableDefinition.DefaultValue) ?? false))
                {
                    return;
                }

                json = variable.GetAttributeValue<string>(EnvironmentVariableDefinition.DefaultValue);
            }
            else
            {
                // The value row names its definition by lookup: one read of the definition's schema name, only when an
                // environment variable value is saved (an admin's action, never a rep's).
                var definition = variable.GetAttributeValue<EntityReference>(EnvironmentVariableValue.Definition);
                if (definition == null || !IsPolicy(context.SystemService.Retrieve(
                        EnvironmentVariableDefinition.EntityName, definition.Id,
                        new ColumnSet(EnvironmentVariableDefinition.SchemaName))
                    .GetAttributeValue<string>(EnvironmentVariableDefinition.SchemaName)))
                {
                    return;
                }

                json = variable.GetAttributeValue<string>(EnvironmentVariableValue.Value);
            }

            try
            {
                RecyclePolicyReader.Read(json);
            }
            catch (PolicyException exception)
            {
                throw new InvalidPluginExecutionException(exception.Message, exception);
            }

            // The new policy takes effect in this worker at once; other workers pick it up when their cache expires.
            RecyclePolicyProvider.Invalidate(context.ExecutionContext.OrganizationId);
        }

        private static bool IsPolicy(string? schemaName) =>
            string.Equals(schemaName, PolicyVariable.SchemaName, StringComparison.Ordinal);
    }
}
