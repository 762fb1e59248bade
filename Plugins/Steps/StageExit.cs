using System;
using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using LeadRecycle.Services.Recycling;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Steps
{
    /// <summary>Records the final stay of a closed deal in its stage.</summary>
    internal static class StageExit
    {
        public static void Record(LocalPluginContext context, Entity opportunity, DateTime exitedOn)
        {
            var stageKey = opportunity.GetAttributeValue<string>(Opportunity.StageKey);
            var enteredOn = opportunity.GetAttributeValue<DateTime?>(Opportunity.StageEnteredOn);
            if (stageKey != null && enteredOn != null)
            {
                StageDurationRecorder.Record(context.SystemService, opportunity.Id, stageKey, enteredOn.Value, exitedOn);
            }
        }
    }

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
            var close = context.GetInput<Entity>("OpportunityClose");
            var opportunityReference = close?.GetAttributeValue<EntityReference>(OpportunityClose.Opportunity);
            if (opportunityReference == null)
            {
                return;
            }

            // Win offers no entity images: one read for the stage columns.
            var opportunity = context.SystemService.Retrieve(
                Opportunity.EntityName, opportunityReference.Id, new ColumnSet(Opportunity.StageKey, Opportunity.StageEnteredOn));
            StageExit.Record(context, opportunity, RecycleContext.UtcNow(context));
        }
    }
}
