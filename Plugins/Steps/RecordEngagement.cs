using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Engagement;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// An engagement adds its decayed points to its recycled lead's score (EngagementScoringService). Routing happens
    /// in that update (RouteReengagedLead).
    /// </summary>
    public sealed class RecordEngagement : PluginBase
    {
        public RecordEngagement(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<RecordEngagement>(SdkMessageNames.Create, Engagement.EntityName, PipelineStage.PostOperation)
                .Describe("Adds the engagement's decayed points to its recycled lead's score."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            // ValidateEngagement refused the engagement in PreValidation if either is missing.
            var engagement = context.GetTargetEntity();
            if (engagement?.GetAttributeValue<EntityReference>(Engagement.RecycledLead) == null || EngagementScoringService.TypeOf(engagement) == null)
            {
                return;
            }

            new EngagementScoringService(context.SystemService, context.Policy().Engagement, context.UtcNow, context.TracingService)
                .Score(engagement, context.ExecutionContext.InitiatingUserId, context.ExecutionContext.UserId);
        }
    }
}
