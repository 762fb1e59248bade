using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Recycling;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// A disqualified lead that sales reactivates: its live recycled lead is cancelled (sales has it again) and its
    /// inactivity clock restarts (ReopenHygieneService).
    /// </summary>
    public sealed class RestartReactivatedLead : PluginBase
    {
        public const string PreImageAlias = "lead";

        public RestartReactivatedLead(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<RestartReactivatedLead>(SdkMessageNames.Update, Lead.EntityName, PipelineStage.PostOperation)
                .WhenChanged(CommonColumns.StateCode)
                .WithPreImage(PreImageAlias, "Target", CommonColumns.StateCode)
                .Describe("Cancels the live recycled lead of a reactivated lead and restarts its inactivity clock."),
            PluginStep.For<RestartReactivatedLead>(SdkMessageNames.SetState, Lead.EntityName, PipelineStage.PostOperation)
                .WithPreImage(PreImageAlias, "EntityMoniker", CommonColumns.StateCode)
                .Describe("Cancels the live recycled lead of a reactivated lead and restarts its inactivity clock."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            if (ReactivationEvent.Reopens(context, PreImageAlias, Lead.State.Open) && context.ActOnce(nameof(RestartReactivatedLead)))
            {
                new ReopenHygieneService(context.SystemService, context.UtcNow).LeadReactivated(context.ExecutionContext.PrimaryEntityId);
            }
        }
    }
}
