using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// The same under the business-process-flow source: the opportunity's stage is the active stage of its
    /// "Opportunity Sales Process" instance. The old stay's start comes from the flow's pre-image (no read);
    /// the opportunity is stamped with one update and the finished stay recorded with one create.
    /// </summary>
    public sealed class TrackProcessStage : PluginBase
    {
        public const string PreImageAlias = "flow";

        public TrackProcessStage(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<TrackProcessStage>(SdkMessageNames.Create, OpportunitySalesProcess.EntityName, PipelineStage.PostOperation)
                .Describe("Stamps the opportunity with the first stage of its sales process."),
            PluginStep.For<TrackProcessStage>(SdkMessageNames.Update, OpportunitySalesProcess.EntityName, PipelineStage.PostOperation)
                .WhenChanged(OpportunitySalesProcess.ActiveStage)
                .WithPreImage(PreImageAlias, "Target", OpportunitySalesProcess.ActiveStage, OpportunitySalesProcess.ActiveStageStartedTime, OpportunitySalesProcess.Opportunity)
                .Describe("Stamps the opportunity's new stage, records the finished stay and clears the stall flag."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var target = context.GetTargetEntity();
            if (target == null || context.Policy().Stall.StageSource != StageSource.BusinessProcessFlow)
            {
                return;
            }

            new StageTrackingService(context.SystemService, context.UtcNow)
                .ProcessStageChanged(context.MergeTargetOverPreImage(PreImageAlias), target, context.GetPreImage(PreImageAlias));
        }
    }
}
