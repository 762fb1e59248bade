using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Recycling;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// A lead is disqualified by setting its state to Disqualified, through Update (the current way) or
    /// SetState / SetStateDynamicEntity (older clients). All three are covered; the checklist is read from the
    /// lead as it will be after the change (the Target over the pre-image), so no extra call is made.
    /// </summary>
    internal static class LeadDisqualificationEvent
    {
        public const string PreImageAlias = "lead";

        public static readonly string[] ImageColumns =
        {
            CommonColumns.StateCode, CommonColumns.OwnerId, Lead.Subject, Lead.FullName, Lead.CompanyName,
            Lead.ParentAccount, Lead.ParentContact, Lead.RecycleCount,
            ChecklistColumns.Reason, ChecklistColumns.Background, ChecklistColumns.EffortType, ChecklistColumns.TargetStage,
            ChecklistColumns.Likelihood, ChecklistColumns.DecisionCriteria, ChecklistColumns.Impediments, ChecklistColumns.WhoIsInvolved,
        };

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
            yield return PluginStep.For<TPlugin>(SdkMessageNames.SetStateDynamicEntity, Lead.EntityName, stage)
                .WithPreImage(PreImageAlias, "EntityMoniker", ImageColumns)
                .Describe(description);
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

            ChecklistValidator.Validate(Checklist.From(lead), RecycleContext.Policy(context), CloseKind.LeadDisqualification, RecycleContext.SystemReasonAllowed(context));
        }
    }

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
            var lead = LeadDisqualificationEvent.DisqualifiedLeadOf(context);
            if (lead == null)
            {
                return;
            }

            var policy = RecycleContext.Policy(context);
            var checklist = Checklist.From(lead);
            var reasonPolicy = ChecklistValidator.Validate(checklist, policy, CloseKind.LeadDisqualification, RecycleContext.SystemReasonAllowed(context));
            var id = RecycleService.Recycle(
                context.SystemService, RecycleSources.FromLead(lead), checklist, reasonPolicy, policy, RecycleContext.TypeFor(reasonPolicy), RecycleContext.UtcNow(context), context.ExecutionContext.InitiatingUserId);
            context.Trace("Recycled lead {0} as recycled lead {1} ({2}).", lead.Id, id, reasonPolicy.Reason);
        }
    }
}
