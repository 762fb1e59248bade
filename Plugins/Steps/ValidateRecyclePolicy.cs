using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Administration;
using LeadRecycle.Services.Configuration;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// Refuses an admin's save of LeadRecycle's policy environment variable when the reader would refuse the JSON
    /// (PolicySaveCheck). PreValidation, so nothing is written and the admin sees the message where the value was
    /// typed.
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
            var checkedPolicy = context.ExecutionContext.PrimaryEntityName == EnvironmentVariableDefinition.EntityName
                ? PolicySaveCheck.CheckDefinition(variable, context.GetTargetEntity()?.Contains(EnvironmentVariableDefinition.DefaultValue) ?? false, context.SystemService)
                : new PolicySaveCheck(context.SystemService).CheckValue(variable);

            // The new policy takes effect in this worker at once; other workers pick it up when their cache expires.
            if (checkedPolicy)
            {
                RecyclePolicyProvider.Invalidate(context.ExecutionContext.OrganizationId);
            }
        }
    }
}
