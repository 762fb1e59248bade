using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Recycling;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// When an opportunity is reopened (by a rep, or by the ReopenOpportunity return action): its live recycled lead
    /// is cancelled, unless the reopen is that lead's own return to sales, and the deal starts a fresh stay in its
    /// stage (ReopenHygieneService).
    /// </summary>
    public sealed class CancelRecycledLeadOnReopen : PluginBase
    {
        public const string PreImageAlias = "opportunity";

        public CancelRecycledLeadOnReopen(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<CancelRecycledLeadOnReopen>(SdkMessageNames.SetState, Opportunity.EntityName, PipelineStage.PostOperation)
                .WithPreImage(PreImageAlias, "EntityMoniker", CommonColumns.StateCode, Opportunity.RecycleCount)
                .Describe("Cancels the live recycled lead of a reopened opportunity and starts a fresh stay in its stage."),
            PluginStep.For<CancelRecycledLeadOnReopen>(SdkMessageNames.Update, Opportunity.EntityName, PipelineStage.PostOperation)
                .WhenChanged(CommonColumns.StateCode)
                .WithPreImage(PreImageAlias, "Target", CommonColumns.StateCode, Opportunity.RecycleCount)
                .Describe("Cancels the live recycled lead of a reopened opportunity and starts a fresh stay in its stage."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            if (!ReactivationEvent.Reopens(context, PreImageAlias, Opportunity.State.Open) || !context.ActOnce(nameof(CancelRecycledLeadOnReopen)))
            {
                return;
            }

            new ReopenHygieneService(context.SystemService, context.UtcNow).OpportunityReopened(
                context.ExecutionContext.PrimaryEntityId,
                context.GetPreImage(PreImageAlias)?.GetAttributeValue<int?>(Opportunity.RecycleCount) ?? 0,
                returningToRep: context.HasSharedFlag(SharedFlags.ReturningToRep));
        }
    }
}
