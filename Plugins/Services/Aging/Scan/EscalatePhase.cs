using System;
using System.Globalization;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// Escalate: a stalled deal still unmoved when stall.escalateDaysBeforeDue days of its service level remain is
    /// brought to the owner's manager as a task (regarding the deal, due when the service level ends). A task, not an
    /// email activity: an email created by a plug-in is only a draft until something sends it through a mailbox
    /// (server-side synchronization), while a task is in the manager's activities, on the deal's timeline, and in
    /// the views managers already work from. Who receives it follows the one rule for who acts
    /// (<see cref="ScanCall.EscalationRecipientFor"/>).
    /// </summary>
    internal sealed class EscalatePhase : StallScanPhase
    {
        public EscalatePhase(ScanCall call)
            : base(call)
        {
        }

        public override ScanPhase Phase => ScanPhase.Escalate;

        /// <summary>Escalates one page of deals; true when none are left. Up to five requests a deal (recipient, task, update).</summary>
        public override bool RunPage(ref int stageIndex)
        {
            var page = PageSize / 5;
            var due = Call.StalledDealsDue(Opportunity.EscalateOn, new ColumnSet(Opportunity.Name, Opportunity.ServiceLevelDue, Opportunity.StalledOn, Opportunity.StageKey, CommonColumns.OwnerId), page);
            foreach (var deal in due)
            {
                Escalate(deal);
            }

            return due.Count < page;
        }

        private void Escalate(Entity deal)
        {
            var serviceLevelDue = deal.GetAttributeValue<DateTime?>(Opportunity.ServiceLevelDue);
            var escalated = new Entity(Opportunity.EntityName, deal.Id) { [Opportunity.EscalateOn] = null };
            if (serviceLevelDue != null && serviceLevelDue.Value > Call.Now)
            {
                var owner = deal.GetAttributeValue<EntityReference>(CommonColumns.OwnerId);
                var recipient = Call.EscalationRecipientFor(owner);
                if (recipient == null)
                {
                    Call.Result.EscalationsWithoutRecipient++;
                }
                else
                {
                    var name = deal.GetAttributeValue<string>(Opportunity.Name) ?? "opportunity";
                    var stalledOn = deal.GetAttributeValue<DateTime?>(Opportunity.StalledOn);
                    var stage = StageKeys.DisplayName(deal.GetAttributeValue<string>(Opportunity.StageKey) ?? "no stage");
                    Call.CreateDealTask(
                        deal.Id,
                        recipient,
                        string.Format(CultureInfo.InvariantCulture, "Escalation: {0} is stalled and returns to nurture on {1:yyyy-MM-dd}", name, serviceLevelDue.Value),
                        string.Format(
                            CultureInfo.InvariantCulture,
                            "{0}{1} has been stalled in {2} since {3:yyyy-MM-dd} and has not moved. Help its owner move it, snooze it with a reason, or close it by {4:yyyy-MM-dd}; otherwise LeadRecycle returns it to marketing for nurture on that day.",
                            name, string.IsNullOrEmpty(owner?.Name) ? string.Empty : ", owned by " + owner!.Name + ",", stage, stalledOn ?? Call.Now, serviceLevelDue.Value),
                        serviceLevelDue.Value);
                    Call.Result.Escalations++;
                    escalated[Opportunity.EscalatedOn] = Call.Now;
                }
            }

            Call.Update(escalated);
        }
    }
}
