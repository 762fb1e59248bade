using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Recycling;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Steps
{
    /// <summary>Creates the Recycled Lead for a lost opportunity, in the same transaction as the close (PipelineExitService).</summary>
    public sealed class RecycleLostOpportunity : PluginBase
    {
        public RecycleLostOpportunity(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<RecycleLostOpportunity>(SdkMessageNames.Lose, Opportunity.EntityName, PipelineStage.PostOperation)
                .Describe("Hands the lost opportunity to marketing as a Recycled Lead, with the checklist."),
            PluginStep.For<RecycleLostOpportunity>(SdkMessageNames.Create, OpportunityClose.EntityName, PipelineStage.PostOperation)
                .Describe("The same when the loss is recorded by creating the opportunity close directly."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var close = OpportunityLossPaths.LossCloseOf(context);
            if (close?.GetAttributeValue<EntityReference>(OpportunityClose.Opportunity) == null)
            {
                return;
            }

            new PipelineExitService(context.SystemService, context.Policy(), context.UtcNow, context.TracingService)
                .OpportunityLost(close, context.SystemReasonAllowed, context.ExecutionContext.InitiatingUserId);
        }
    }
}
