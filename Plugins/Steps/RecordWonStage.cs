using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Attribution;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// Winning ends the deal's stay in its last stage (that stay joins the stage's history) and, for a deal that came
    /// back from nurture, closes the loop on its recycled lead.
    /// </summary>
    public sealed class RecordWonStage : PluginBase
    {
        public RecordWonStage(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<RecordWonStage>(SdkMessageNames.Win, Opportunity.EntityName, PipelineStage.PostOperation)
                .Describe("Records the won deal's final stay in its stage, and the win on the recycled lead it came back from."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var close = context.GetInput<Entity>("OpportunityClose");
            var opportunity = close?.GetAttributeValue<EntityReference>(OpportunityClose.Opportunity);
            if (opportunity != null)
            {
                new WonDealService(context.SystemService, context.UtcNow).DealWon(opportunity.Id, close!.GetAttributeValue<Money>(OpportunityClose.ActualRevenue));
            }
        }
    }
}
