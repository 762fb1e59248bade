using System;
using System.Globalization;
using System.Linq;
using LeadRecycle.Schema;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// The return to nurture the nightly scan asked for, one record at a time: it re-checks that the record still
    /// qualifies as of the request (a request overtaken by a rep's move closes nothing), then closes it with the
    /// system reason "Stalled in stage" through the same path a rep's close takes, so the same validation and the
    /// same recycling run.
    /// </summary>
    public sealed class LapsedReturnService
    {
        private readonly IOrganizationService _service;

        /// <param name="service">The organization service as SYSTEM (the scan's request is LeadRecycle's own).</param>
        public LapsedReturnService(IOrganizationService service)
        {
            _service = service;
        }

        /// <summary>Closes a lapsed deal as lost; false when it no longer qualifies as of the request.</summary>
        public bool ReturnDeal(Guid opportunityId, DateTime asOf)
        {
            var deal = _service.Retrieve(Opportunity.EntityName, opportunityId, new ColumnSet(
                CommonColumns.StateCode, Opportunity.AgingStatus, Opportunity.ServiceLevelDue, Opportunity.SnoozeUntil, Opportunity.NurtureRequestedOn));
            if (!Lapsed(deal, asOf))
            {
                return false;
            }

            _service.Execute(new LoseOpportunityRequest
            {
                OpportunityClose = new Entity(OpportunityClose.EntityName)
                {
                    [OpportunityClose.Opportunity] = new EntityReference(Opportunity.EntityName, opportunityId),
                    [OpportunityClose.Subject] = "Returned to nurture: stalled past its service level",
                    [OpportunityClose.ActualEnd] = asOf,
                    [ChecklistColumns.Reason] = new OptionSetValue((int)DisqualificationReason.StalledInStage),
                    [ChecklistColumns.Background] = "Stalled in stage past the service level with no stage change and no snooze.",
                },
                Status = new OptionSetValue(Opportunity.Status.Canceled),
            });
            return true;
        }

        /// <summary>Disqualifies an inactive sales-accepted lead; false when it no longer qualifies as of the request.</summary>
        public bool ReturnLead(Guid leadId, DateTime asOf, StallPolicy stall)
        {
            var lead = _service.Retrieve(Lead.EntityName, leadId, new ColumnSet(
                CommonColumns.StateCode, CommonColumns.StatusCode, Lead.LastActivityOn, CommonColumns.CreatedOn));
            var status = lead.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode)?.Value;
            if (lead.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode)?.Value != Lead.State.Open
                || status == null || !stall.SalesAcceptedLeadStatuses.Contains(status.Value)
                || !LeadInactivity.IsInactiveSince(lead, asOf.AddDays(-stall.LeadServiceLevelDays)))
            {
                return false;
            }

            // Two writes, the checklist then the state, in the job's one transaction: Microsoft Learn, "Behavior of
            // specialized update operations", splits an Update carrying the state plus other columns into two passes
            // anyway, and the state pass's steps then find the reason and background on the record (its pre-image)
            // without depending on how the platform hands the first pass's columns to the second.
            _service.Update(new Entity(Lead.EntityName, leadId)
            {
                [ChecklistColumns.Reason] = new OptionSetValue((int)DisqualificationReason.StalledInStage),
                [ChecklistColumns.Background] = string.Format(CultureInfo.InvariantCulture,
                    "No activity for {0} days, the service level for sales-accepted leads.", stall.LeadServiceLevelDays),
            });
            _service.Update(new Entity(Lead.EntityName, leadId)
            {
                [CommonColumns.StateCode] = new OptionSetValue(Lead.State.Disqualified),
                [CommonColumns.StatusCode] = new OptionSetValue(Lead.Status.CannotContact),
            });
            return true;
        }

        /// <summary>Open, stalled, its service level passed and not snoozed, all as of the request.</summary>
        private static bool Lapsed(Entity deal, DateTime asOf)
        {
            var due = deal.GetAttributeValue<DateTime?>(Opportunity.ServiceLevelDue);
            var snooze = deal.GetAttributeValue<DateTime?>(Opportunity.SnoozeUntil);
            return deal.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode)?.Value == Opportunity.State.Open
                && deal.GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus)?.Value == (int)AgingStatus.Stalled
                && due != null && due.Value <= asOf
                && (snooze == null || snooze.Value <= asOf);
        }
    }
}
