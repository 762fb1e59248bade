using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Recycling;

namespace LeadRecycle.Steps
{
    /// <summary>Refuses a loss without a standardized reason and the checklist its policy requires.</summary>
    public sealed class ValidateOpportunityLoss : PluginBase
    {
        public ValidateOpportunityLoss(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<ValidateOpportunityLoss>(SdkMessageNames.Lose, Opportunity.EntityName, PipelineStage.PreValidation)
                .Describe("Requires a Return-to-Nurture reason and the checklist its policy asks for before an opportunity is lost."),
            PluginStep.For<ValidateOpportunityLoss>(SdkMessageNames.Create, OpportunityClose.EntityName, PipelineStage.PreValidation)
                .Describe("The same rule when the loss is recorded by creating the opportunity close directly."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var close = OpportunityLossPaths.LossCloseOf(context);
            if (close != null)
            {
                ChecklistValidator.Validate(Checklist.From(close), context.Policy(), CloseKind.OpportunityLoss, context.SystemReasonAllowed);
            }
        }
    }
}
