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
            if (target == null || RecycleContext.Policy(context).Stall.StageSource != StageSource.SalesStage)
            {
                return;
            }

            var now = RecycleContext.UtcNow(context);
            if (context.ExecutionContext.MessageName == SdkMessageNames.Create)
            {
                target[Opportunity.StageKey] = StageKeys.OfSalesStage(target);
                target[Opportunity.StageEnteredOn] = now;
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
            target[Opportunity.AgingStatus] = new OptionSetValue((int)AgingStatus.OnTrack);
            target[Opportunity.StalledOn] = null;
            target[Opportunity.ServiceLevelDue] = null;

            var enteredOn = preImage.GetAttributeValue<DateTime?>(Opportunity.StageEnteredOn);
            if (oldKey != null && enteredOn != null)
            {
                StageDurationRecorder.Record(context.SystemService, context.ExecutionContext.PrimaryEntityId, oldKey, enteredOn.Value, now);
            }
        }
    }
}
