using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Recycling;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// A lead is disqualified by setting its state to Disqualified, through Update (what the form sends: state,
    /// reason and checklist in one request) or SetState (deprecated, still sent by older clients). Microsoft Learn,
    /// "Event framework": the query for messages that accept plug-in steps excludes SetStateDynamicEntity, so
    /// LeadRecycle registers no step on it (a solution step there is not eligible; SetState and Update cover the
    /// same changes).
    /// Microsoft Learn, "Behavior of specialized update operations": an Update carrying the state plus other columns
    /// runs the PreOperation and PostOperation Update steps twice, first with the other columns, then with the state
    /// alone, so the PostOperation step's Target holds no checklist. The PreValidation step sees the whole request
    /// once: it records the lead as the request makes it in SharedVariables, and the PostOperation step reads that
    /// (through ParentContext under the split), never a pass's partial view.
    /// </summary>
    internal static class LeadDisqualificationEvent
    {
        public const string PreImageAlias = "lead";

        private const string DisqualifiedLeadKeyPrefix = "LeadRecycle.DisqualifiedLead:";

        /// <summary>What the recycle reads of the lead: its source columns and the whole checklist.</summary>
        public static readonly string[] ImageColumns = new[]
        {
            CommonColumns.StateCode, CommonColumns.OwnerId, Lead.Subject, Lead.FullName, Lead.CompanyName,
            Lead.ParentAccount, Lead.ParentContact, Lead.RecycleCount,
        }.Concat(ReturnToNurtureChecklist.Columns).ToArray();

        public static IEnumerable<PluginStep> StepsFor<TPlugin>(PipelineStage stage, string description)
            where TPlugin : PluginBase
        {
            yield return PluginStep.For<TPlugin>(SdkMessageNames.Update, Lead.EntityName, stage)
                .WhenChanged(CommonColumns.StateCode)
                .WithPreImage(PreImageAlias, "Target", ImageColumns)
                .Describe(description);
            yield return PluginStep.For<TPlugin>(SdkMessageNames.SetState, Lead.EntityName, stage)
                .WithPreImage(PreImageAlias, "EntityMoniker", ImageColumns)
                .Describe(description);
        }

        /// <summary>Records the lead as the whole request makes it, for the PostOperation step (PreValidation only).</summary>
        public static void RecordWholeChange(LocalPluginContext context, Entity lead)
        {
            context.ExecutionContext.SharedVariables[DisqualifiedLeadKeyPrefix + lead.Id.ToString("N")] = lead;
        }

        /// <summary>
        /// The lead as the whole request makes it, when this event disqualifies it: what PreValidation recorded, or
        /// (when no PreValidation step ran, e.g. it was turned off) the Target over the pre-image; otherwise null.
        /// </summary>
        public static Entity? WholeDisqualifiedLeadOf(LocalPluginContext context)
        {
            var lead = DisqualifiedLeadOf(context);
            if (lead == null)
            {
                return null;
            }

            return context.GetSharedEntity(DisqualifiedLeadKeyPrefix + lead.Id.ToString("N")) ?? lead;
        }

        /// <summary>The lead as it will be, when this event disqualifies it; otherwise null.</summary>
        public static Entity? DisqualifiedLeadOf(LocalPluginContext context)
        {
            var preImage = context.GetPreImage(PreImageAlias);
            int? newState;
            if (context.ExecutionContext.MessageName == SdkMessageNames.Update)
            {
                newState = context.GetTargetEntity()?.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode)?.Value;
            }
            else
            {
                newState = context.GetInput<OptionSetValue>("State")?.Value;
            }

            var oldState = preImage?.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode)?.Value;
            if (newState != Lead.State.Disqualified || oldState == Lead.State.Disqualified)
            {
                return null;
            }

            return context.MergeTargetOverPreImage(PreImageAlias);
        }
    }
}
