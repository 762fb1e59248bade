using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// Stamps when a deal entered its sales stage, on the Target in PreOperation (no extra call), and records
    /// the finished stay of the stage it left (one create): StageTrackingService. Moving on clears any stall flag.
    /// The stage change itself counts only when the policy's stage source is the sales stage choice.
    /// </summary>
    public sealed class TrackOpportunityStage : PluginBase
    {
        public const string PreImageAlias = "opportunity";

        public TrackOpportunityStage(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<TrackOpportunityStage>(SdkMessageNames.Create, Opportunity.EntityName, PipelineStage.PreOperation)
                .Describe("Stamps when a new deal entered its first stage."),
            PluginStep.For<TrackOpportunityStage>(SdkMessageNames.Update, Opportunity.EntityName, PipelineStage.PreOperation)
                .WhenChanged(Opportunity.SalesStage)
                .WithPreImage(PreImageAlias, "Target", Opportunity.SalesStage, Opportunity.StageKey, Opportunity.StageEnteredOn, CommonColumns.StateCode)
                .Describe("Stamps the new stage, records the finished stay in the old one and clears the stall flag."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var target = context.GetTargetEntity();
            if (target == null)
            {
                return;
            }

            var source = context.Policy().Stall.StageSource;
            var tracking = new StageTrackingService(context.SystemService, context.UtcNow);
            if (context.ExecutionContext.MessageName == SdkMessageNames.Create)
            {
                tracking.StampNewDeal(target, source);
            }
            else if (source == StageSource.SalesStage)
            {
                tracking.SalesStageChanged(context.ExecutionContext.PrimaryEntityId, target, context.GetPreImage(PreImageAlias));
            }
        }
    }
}
