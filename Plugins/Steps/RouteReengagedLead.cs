using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Engagement;
using LeadRecycle.Services.Recycling;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// Returns a nurtured prospect to sales (ReturnToRepService) when its score reaches its stream's threshold or it
    /// answers 3 or 4, whether the score came from an engagement or was written directly by an integration.
    /// PreOperation on the recycled lead's own update, so the status change rides on that update. Exactly once: only a
    /// Nurturing record routes, and the returned lead's alternate key (recycled lead + recycle number) makes a
    /// concurrent second routing fail and roll back instead of creating a second lead.
    /// </summary>
    public sealed class RouteReengagedLead : PluginBase
    {
        public const string PreImageAlias = "recycled";

        /// <summary>What the return reads of the recycled lead: its routing columns and the notes for the rep.</summary>
        private static readonly string[] ImageColumns = new[]
        {
            CommonColumns.StatusCode, RecycledLead.Topic, RecycledLead.EngagementScore, RecycledLead.EngagementThreshold,
            RecycledLead.Likelihood, RecycledLead.NurtureStream, RecycledLead.OriginalOwner, RecycledLead.OriginalTeam, RecycledLead.Opportunity,
            RecycledLead.Contact, RecycledLead.Account, RecycledLead.Reason, RecycledLead.RecycleCount, RecycledLead.RecycledOn,
        }.Concat(ReturnToNurtureChecklist.Fields.Where(item => !item.IsChoice).Select(item => item.RecycledLeadColumn)).ToArray();

        public RouteReengagedLead(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<RouteReengagedLead>(SdkMessageNames.Update, RecycledLead.EntityName, PipelineStage.PreOperation)
                .WhenChanged(RecycledLead.EngagementScore, RecycledLead.Likelihood)
                .WithPreImage(PreImageAlias, "Target", ImageColumns)
                .Describe("Returns the recycled lead to its rep when engagement crosses the threshold or the prospect answers 3 or 4."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var target = context.GetTargetEntity();
            var preImage = context.GetPreImage(PreImageAlias);
            if (target == null || preImage == null
                || preImage.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode)?.Value != RecycledLead.Status.Nurturing)
            {
                return;
            }

            var policy = context.Policy().Engagement;
            new ReturnToRepService(context.SystemService, policy, context.UtcNow, context.TracingService).Route(
                target,
                context.MergeTargetOverPreImage(PreImageAlias),
                () => context.ExecutionContext.SharedVariables[SharedFlags.ReturningToRep] = true);
        }
    }
}
