using System;
using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using LeadRecycle.Services.Recycling;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// Stamps when a deal entered its sales stage, on the Target in PreOperation (no extra call), and records
    /// the finished stay of the stage it left (one create). Moving on clears any stall flag: a deal that moved
    /// is no longer stalled. Used when the policy's stage source is the sales stage choice.
    /// </summary>
    public sealed class TrackOpportunityStage : PluginBase
    {
        public const string PreImageAlias = "opportunity";

        public TrackOpportunityStage(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<TrackOpportunityStage>(SdkMessageNames.Create, Opportunity.EntityName, PipelineStage.PreOperation)
                .Describe("Stamps when a new deal entered its first stage."),
            PluginStep.For<TrackOpportunityStage>(SdkMessageNames.Update, Opportunity.EntityName, PipelineStage.PreOperation)
                .WhenChanged(Opportunity.SalesStage)
                .WithPreImage(PreImageAlias, "Target", Opportunity.SalesStage, Opportunity.StageKey, Opportunity.StageEnteredOn, CommonColumns.StateCode)
                .Describe("Stamps the new stage, records the finished stay in the old one and clears the stall flag."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var target = context.GetTargetEntity();
            if (target == null)
            {
                return;
            }

            var now = RecycleContext.UtcNow(context);
            var fromSalesStage = RecycleContext.Policy(context).Stall.StageSource == StageSource.SalesStage;
            if (context.ExecutionContext.MessageName == SdkMessageNames.Create)
            {
                // Under the process-flow source the stage key arrives with the flow instance (TrackProcessStage).
                if (fromSalesStage)
                {
                    target[Opportunity.StageKey] = StageKeys.OfSalesStage(target);
                }

                target[Opportunity.StageEnteredOn] = now;
                return;
            }

            if (!fromSalesStage)
            {
                return;
            }

            var preImage = context.GetPreImage(PreImageAlias) ?? new Entity(Opportunity.EntityName);
            var oldKey = preImage.GetAttributeValue<string>(Opportunity.StageKey) ?? StageKeys.OfSalesStage(preImage);
            var newKey = StageKeys.OfSalesStage(target);
            if (string.Equals(oldKey, newKey, StringComparison.Ordinal))
            {
                return;
            }

            target[Opportunity.StageKey] = newKey;
            target[Opportunity.StageEnteredOn] = now;
            StageChange.ClearStall(target);

            var enteredOn = preImage.GetAttributeValue<DateTime?>(Opportunity.StageEnteredOn);
            if (oldKey != null && enteredOn != null)
            {
                StageDurationRecorder.Record(context.SystemService, context.ExecutionContext.PrimaryEntityId, oldKey, enteredOn.Value, now);
            }
        }
    }

    /// <summary>
    /// The same under the business-process-flow source: the opportunity's stage is the active stage of its
    /// "Opportunity Sales Process" instance. The old stay's start comes from the flow's pre-image (no read);
    /// the opportunity is stamped with one update and the finished stay recorded with one create.
    /// </summary>
    public sealed class TrackProcessStage : PluginBase
    {
        public const string PreImageAlias = "flow";

        public TrackProcessStage(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<TrackProcessStage>(SdkMessageNames.Create, OpportunitySalesProcess.EntityName, PipelineStage.PostOperation)
                .Describe("Stamps the opportunity with the first stage of its sales process."),
            PluginStep.For<TrackProcessStage>(SdkMessageNames.Update, OpportunitySalesProcess.EntityName, PipelineStage.PostOperation)
                .WhenChanged(OpportunitySalesProcess.ActiveStage)
                .WithPreImage(PreImageAlias, "Target", OpportunitySalesProcess.ActiveStage, OpportunitySalesProcess.ActiveStageStartedTime, OpportunitySalesProcess.Opportunity)
                .Describe("Stamps the opportunity's new stage, records the finished stay and clears the stall flag."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var target = context.GetTargetEntity();
            if (target == null || RecycleContext.Policy(context).Stall.StageSource != StageSource.BusinessProcessFlow)
            {
                return;
            }

            var flow = context.MergeTargetOverPreImage(PreImageAlias);
            var opportunity = flow.GetAttributeValue<EntityReference>(OpportunitySalesProcess.Opportunity);
            var newStage = target.GetAttributeValue<EntityReference>(OpportunitySalesProcess.ActiveStage);
            if (opportunity == null || newStage == null)
            {
                return;
            }

            var preImage = context.GetPreImage(PreImageAlias);
            var oldStage = preImage?.GetAttributeValue<EntityReference>(OpportunitySalesProcess.ActiveStage);
            if (oldStage != null && oldStage.Id == newStage.Id)
            {
                return;
            }

            var now = RecycleContext.UtcNow(context);
            var stamp = new Entity(Opportunity.EntityName, opportunity.Id)
            {
                [Opportunity.StageKey] = StageKeys.ForProcessStage(newStage.Id),
                [Opportunity.StageEnteredOn] = now,
            };
            StageChange.ClearStall(stamp);
            context.SystemService.Update(stamp);

            var startedOn = preImage?.GetAttributeValue<DateTime?>(OpportunitySalesProcess.ActiveStageStartedTime);
            if (oldStage != null && startedOn != null)
            {
                StageDurationRecorder.Record(context.SystemService, opportunity.Id, StageKeys.ForProcessStage(oldStage.Id), startedOn.Value, now);
            }
        }
    }

    internal static class StageChange
    {
        /// <summary>A deal that moved is no longer warned or stalled.</summary>
        public static void ClearStall(Entity opportunity)
        {
            opportunity[Opportunity.AgingStatus] = new OptionSetValue((int)AgingStatus.OnTrack);
            opportunity[Opportunity.StalledOn] = null;
            opportunity[Opportunity.ServiceLevelDue] = null;
        }
    }
}
