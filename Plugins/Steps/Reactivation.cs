using System;
using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Recycling;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// What makes a record come back, whichever message carries it: Update of statecode (the current way) or
    /// SetState (deprecated, older clients). No step on SetStateDynamicEntity: Microsoft Learn, "Event framework",
    /// excludes it from the messages that accept plug-in steps. Each rule acts once per record per operation
    /// (LocalPluginContext.ActOnce) whichever of its registrations the state change reaches.
    /// </summary>
    internal static class ReactivationEvent
    {
        /// <summary>True when this event moves a closed (or disqualified) record back to its open state.</summary>
        public static bool Reopens(LocalPluginContext context, string preImageAlias, int openState)
        {
            var newState = context.ExecutionContext.MessageName == SdkMessageNames.Update
                ? context.GetTargetEntity()?.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode)?.Value
                : context.GetInput<OptionSetValue>("State")?.Value;
            var oldState = context.GetPreImage(preImageAlias)?.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode)?.Value;
            return newState == openState && oldState != null && oldState != openState;
        }
    }

    /// <summary>
    /// Hygiene and clocks when an opportunity is reopened (by a rep, or by the ReopenOpportunity return action):
    /// its live recycled lead is cancelled (unless the reopen is that lead's own return to sales), and the deal
    /// starts a fresh stay in its stage. The time it spent closed is never time in the stage: the stay that ended
    /// at the close was recorded then, and the new one starts now, with no stall flag, service level or snooze
    /// carried over from before the close.
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

            var opportunityId = context.ExecutionContext.PrimaryEntityId;
            var recycles = context.GetPreImage(PreImageAlias)?.GetAttributeValue<int?>(Opportunity.RecycleCount) ?? 0;
            if (!context.HasSharedFlag(SharedFlags.ReturningToRep))
            {
                recycles = Math.Max(recycles, SourceRecycledLeads.CancelLiveAndCount(context.SystemService, new EntityReference(Opportunity.EntityName, opportunityId)));
            }

            var restart = new Entity(Opportunity.EntityName, opportunityId)
            {
                [Opportunity.StageEnteredOn] = RecycleContext.UtcNow(context),
                [Opportunity.RecycleCount] = recycles,
                [Opportunity.SnoozeUntil] = null,
                [Opportunity.NurtureRequestedOn] = null,
            };
            StageChange.ClearStall(restart);
            context.SystemService.Update(restart);
        }
    }

    /// <summary>
    /// A disqualified lead that sales reactivates: its live recycled lead is cancelled (sales has it again) and its
    /// inactivity clock restarts, so passive recycling does not take it back the same night.
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
            if (!ReactivationEvent.Reopens(context, PreImageAlias, Lead.State.Open) || !context.ActOnce(nameof(RestartReactivatedLead)))
            {
                return;
            }

            var leadId = context.ExecutionContext.PrimaryEntityId;
            var recycles = SourceRecycledLeads.CancelLiveAndCount(context.SystemService, new EntityReference(Lead.EntityName, leadId));
            var restart = new Entity(Lead.EntityName, leadId)
            {
                [Lead.LastActivityOn] = RecycleContext.UtcNow(context),
                [Lead.NurtureRequestedOn] = null,
            };
            if (recycles > 0)
            {
                restart[Lead.RecycleCount] = recycles;
            }

            context.SystemService.Update(restart);
        }
    }
}
