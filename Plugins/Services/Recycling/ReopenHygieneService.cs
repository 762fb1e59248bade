using System;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Recycling
{
    /// <summary>
    /// Hygiene and clocks when a record comes back to sales: a reopened deal or a reactivated lead has its live
    /// recycled lead cancelled and carries the highest recycle count of its source, so a later exit recycles it as
    /// the next one. A reopened deal starts a fresh stay in its stage: the stay that ended at the close was recorded
    /// then, and no stall flag, service level or snooze carries over. A reactivated lead's inactivity clock restarts,
    /// so passive recycling does not take it back the same night.
    /// </summary>
    public sealed class ReopenHygieneService
    {
        private readonly IOrganizationService _service;
        private readonly DateTime _now;

        /// <param name="service">The organization service as SYSTEM: the recycled leads are marketing's, not the rep's.</param>
        /// <param name="utcNow">The moment of the reopening.</param>
        public ReopenHygieneService(IOrganizationService service, DateTime utcNow)
        {
            _service = service;
            _now = utcNow;
        }

        /// <param name="opportunityId">The reopened deal.</param>
        /// <param name="carriedCount">The recycle count the deal carried before it was reopened.</param>
        /// <param name="returningToRep">
        /// True when the reopening is the recycled lead's own return to sales (the ReopenOpportunity return action):
        /// that lead is being returned, not cancelled.
        /// </param>
        public void OpportunityReopened(Guid opportunityId, int carriedCount, bool returningToRep)
        {
            var recycles = carriedCount;
            if (!returningToRep)
            {
                recycles = Math.Max(recycles, SourceRecycledLeads.CancelLiveAndCount(_service, new EntityReference(Opportunity.EntityName, opportunityId)));
            }

            var restart = new Entity(Opportunity.EntityName, opportunityId)
            {
                [Opportunity.StageEnteredOn] = _now,
                [Opportunity.RecycleCount] = recycles,
                [Opportunity.SnoozeUntil] = null,
                [Opportunity.NurtureRequestedOn] = null,
            };
            StageTrackingService.ClearStall(restart);
            _service.Update(restart);
        }

        public void LeadReactivated(Guid leadId)
        {
            var recycles = SourceRecycledLeads.CancelLiveAndCount(_service, new EntityReference(Lead.EntityName, leadId));
            var restart = new Entity(Lead.EntityName, leadId)
            {
                [Lead.LastActivityOn] = _now,
                [Lead.NurtureRequestedOn] = null,
            };
            if (recycles > 0)
            {
                restart[Lead.RecycleCount] = recycles;
            }

            _service.Update(restart);
        }
    }
}
