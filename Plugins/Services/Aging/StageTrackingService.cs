using System;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// A deal's stage clock: when it entered its stage, under which key, and the finished stays recorded when it
    /// leaves one (one append-only row each, folded later by the nightly scan). A deal that moved is no longer
    /// warned or stalled.
    /// </summary>
    public sealed class StageTrackingService
    {
        private readonly IOrganizationService _service;
        private readonly DateTime _now;

        /// <param name="service">The organization service the stays are written through (SYSTEM in the plug-ins).</param>
        /// <param name="utcNow">The moment of the change: the platform's time for the operation.</param>
        public StageTrackingService(IOrganizationService service, DateTime utcNow)
        {
            _service = service;
            _now = utcNow;
        }

        /// <summary>
        /// Stamps a new deal's stage clock on its Target (PreOperation, no call). Under the process-flow source the
        /// stage key arrives with the flow instance (<see cref="ProcessStageChanged"/>).
        /// </summary>
        public void StampNewDeal(Entity target, StageSource source)
        {
            if (source == StageSource.SalesStage)
            {
                target[Opportunity.StageKey] = StageKeys.OfSalesStage(target);
            }

            target[Opportunity.StageEnteredOn] = _now;
        }

        /// <summary>
        /// Under the sales-stage source: stamps the new stage on the Target (PreOperation) and records the finished
        /// stay in the old one (one create); nothing when the stage did not change.
        /// </summary>
        public void SalesStageChanged(Guid opportunityId, Entity target, Entity? preImage)
        {
            preImage ??= new Entity(Opportunity.EntityName);
            var oldKey = preImage.GetAttributeValue<string>(Opportunity.StageKey) ?? StageKeys.OfSalesStage(preImage);
            var newKey = StageKeys.OfSalesStage(target);
            if (string.Equals(oldKey, newKey, StringComparison.Ordinal))
            {
                return;
            }

            target[Opportunity.StageKey] = newKey;
            target[Opportunity.StageEnteredOn] = _now;
            ClearStall(target);

            var enteredOn = preImage.GetAttributeValue<DateTime?>(Opportunity.StageEnteredOn);
            if (oldKey != null && enteredOn != null)
            {
                StageDurationRecorder.Record(_service, opportunityId, oldKey, enteredOn.Value, _now);
            }
        }

        /// <summary>
        /// Under the business-process-flow source: the deal's stage is the active stage of its "Opportunity Sales
        /// Process" instance. Stamps the opportunity (one update) and records the finished stay, whose start comes
        /// from the flow's pre-image (one create); nothing when the active stage did not change.
        /// </summary>
        /// <param name="flow">The flow instance as it will be (the Target over the pre-image).</param>
        /// <param name="target">The flow instance's change.</param>
        /// <param name="preImage">The flow instance before the change; null on its create.</param>
        public void ProcessStageChanged(Entity flow, Entity target, Entity? preImage)
        {
            var opportunity = flow.GetAttributeValue<EntityReference>(OpportunitySalesProcess.Opportunity);
            var newStage = target.GetAttributeValue<EntityReference>(OpportunitySalesProcess.ActiveStage);
            if (opportunity == null || newStage == null)
            {
                return;
            }

            var oldStage = preImage?.GetAttributeValue<EntityReference>(OpportunitySalesProcess.ActiveStage);
            if (oldStage != null && oldStage.Id == newStage.Id)
            {
                return;
            }

            var stamp = new Entity(Opportunity.EntityName, opportunity.Id)
            {
                [Opportunity.StageKey] = StageKeys.ForProcessStage(newStage.Id),
                [Opportunity.StageEnteredOn] = _now,
            };
            ClearStall(stamp);
            _service.Update(stamp);

            var startedOn = preImage?.GetAttributeValue<DateTime?>(OpportunitySalesProcess.ActiveStageStartedTime);
            if (oldStage != null && startedOn != null)
            {
                StageDurationRecorder.Record(_service, opportunity.Id, StageKeys.ForProcessStage(oldStage.Id), startedOn.Value, _now);
            }
        }

        /// <summary>Records the final stay of a closed deal in its stage (its stage key and entered-on columns).</summary>
        public void DealClosed(Entity opportunity)
        {
            var stageKey = opportunity.GetAttributeValue<string>(Opportunity.StageKey);
            var enteredOn = opportunity.GetAttributeValue<DateTime?>(Opportunity.StageEnteredOn);
            if (stageKey != null && enteredOn != null)
            {
                StageDurationRecorder.Record(_service, opportunity.Id, stageKey, enteredOn.Value, _now);
            }
        }

        /// <summary>A deal that moved is no longer warned or stalled.</summary>
        public static void ClearStall(Entity opportunity)
        {
            opportunity[Opportunity.AgingStatus] = new OptionSetValue((int)AgingStatus.OnTrack);
            opportunity[Opportunity.StalledOn] = null;
            opportunity[Opportunity.StallSegment] = null;
            opportunity[Opportunity.ServiceLevelDue] = null;
        }
    }
}
