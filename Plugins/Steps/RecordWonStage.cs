using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Steps
{
    /// <summary>Winning ends the deal's stay in its last stage: that stay joins the stage's history.</summary>
    public sealed class RecordWonStage : PluginBase
    {
        public RecordWonStage(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<RecordWonStage>(SdkMessageNames.Win, Opportunity.EntityName, PipelineStage.PostOperation)
                .Describe("Records the won deal's final stay in its stage."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var opportunity = context.GetInput<Entity>("OpportunityClose")?.GetAttributeValue<EntityReference>(OpportunityClose.Opportunity);
            if (opportunity != null)
            {
                new StageTrackingService(context.SystemService, context.UtcNow).DealWon(opportunity.Id);
            }
        }
    }
}
