using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Services.Recycling;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// Refuses a disqualification without a standardized reason and the checklist its policy requires, and records the
    /// lead as the whole request makes it for RecycleDisqualifiedLead (LeadDisqualificationEvent).
    /// </summary>
    public sealed class ValidateLeadDisqualification : PluginBase
    {
        public ValidateLeadDisqualification(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps =>
            LeadDisqualificationEvent.StepsFor<ValidateLeadDisqualification>(
                PipelineStage.PreValidation, "Requires a Return-to-Nurture reason and the checklist its policy asks for before a lead is disqualified.");

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var lead = LeadDisqualificationEvent.DisqualifiedLeadOf(context);
            if (lead == null)
            {
                return;
            }

            ChecklistValidator.Validate(Checklist.From(lead), context.Policy(), CloseKind.LeadDisqualification, context.SystemReasonAllowed);
            LeadDisqualificationEvent.RecordWholeChange(context, lead);
        }
    }
}
