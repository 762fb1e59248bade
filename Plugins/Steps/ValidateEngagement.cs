using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Engagement;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// Refuses an engagement without its recycled lead or a known type before anything is written: PreValidation is
    /// where Microsoft places validation ("Event execution pipeline": the stage for checks that cancel the
    /// operation, outside the database transaction), so the journey's connector gets the refusal without a rollback.
    /// </summary>
    public sealed class ValidateEngagement : PluginBase
    {
        public ValidateEngagement(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<ValidateEngagement>(SdkMessageNames.Create, Engagement.EntityName, PipelineStage.PreValidation)
                .Describe("Requires the engagement's recycled lead and a known engagement type."),
        };

        protected override void ExecuteStep(LocalPluginContext context) =>
            EngagementScoringService.Validate(context.GetTargetEntity());
    }
}
