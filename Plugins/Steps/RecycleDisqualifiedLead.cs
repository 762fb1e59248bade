using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Services.Recycling;

namespace LeadRecycle.Steps
{
    /// <summary>Creates the Recycled Lead for a disqualified lead, in the same transaction (PipelineExitService).</summary>
    public sealed class RecycleDisqualifiedLead : PluginBase
    {
        public RecycleDisqualifiedLead(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps =>
            LeadDisqualificationEvent.StepsFor<RecycleDisqualifiedLead>(
                PipelineStage.PostOperation, "Hands the disqualified lead to marketing as a Recycled Lead, with the checklist.");

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var lead = LeadDisqualificationEvent.WholeDisqualifiedLeadOf(context);
            if (lead == null)
            {
                return;
            }

            // One disqualification reaches this rule through more than one registration when a SetState also runs
            // the Update steps (as an Assign does: "IPluginExecutionContext.ParentContext Property"); it recycles once.
            if (!context.ActOnce(nameof(RecycleDisqualifiedLead)))
            {
                context.Trace("Lead {0} was already recycled in this operation; nothing to do.", lead.Id);
                return;
            }

            new PipelineExitService(context.SystemService, context.Policy(), context.UtcNow, context.TracingService)
                .LeadDisqualified(lead, context.SystemReasonAllowed, context.ExecutionContext.InitiatingUserId);
        }
    }
}
