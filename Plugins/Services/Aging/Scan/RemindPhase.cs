using System;
using System.Globalization;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// Remind: a stalled deal whose next reminder is due (stall.reminderDaysBeforeDue) gets a reminder task for its
    /// acting owner, saying when the deal returns to nurture; the deal then carries its following reminder, or none.
    /// "Removing Obstacles to Recycled Lead Nurturing" asks for service levels with expected actions and timeframes;
    /// a reminder is the timeframe made visible in the rep's own task list. Snoozed deals are left alone; a deal that
    /// moves stage is no longer stalled and drops out of the query.
    /// </summary>
    internal sealed class RemindPhase : StallScanPhase
    {
        public RemindPhase(ScanCall call)
            : base(call)
        {
        }

        public override ScanPhase Phase => ScanPhase.Remind;

        /// <summary>Reminds the owners of one page of deals; true when none are left. Up to four requests a deal (owner rule, task, update).</summary>
        public override bool RunPage(ref int stageIndex)
        {
            var page = PageSize / 4;
            var due = Call.StalledDealsDue(Opportunity.NextReminderOn, new ColumnSet(Opportunity.Name, Opportunity.ServiceLevelDue, CommonColumns.OwnerId), page);
            foreach (var deal in due)
            {
                Remind(deal);
            }

            return due.Count < page;
        }

        private void Remind(Entity deal)
        {
            var serviceLevelDue = deal.GetAttributeValue<DateTime?>(Opportunity.ServiceLevelDue);
            if (serviceLevelDue != null && serviceLevelDue.Value > Call.Now)
            {
                var owner = Call.TaskOwnerFor(deal.GetAttributeValue<EntityReference>(CommonColumns.OwnerId));
                var days = (int)Math.Ceiling((serviceLevelDue.Value - Call.Now).TotalDays);
                var name = deal.GetAttributeValue<string>(Opportunity.Name) ?? "opportunity";
                Call.CreateDealTask(
                    deal.Id,
                    owner,
                    string.Format(CultureInfo.InvariantCulture, "Reminder: {0} returns to nurture in {1} day{2}", name, days, days == 1 ? string.Empty : "s"),
                    string.Format(
                        CultureInfo.InvariantCulture,
                        "This stalled deal has not moved. Move it to its next stage, snooze it with a date and a reason, or close it by {0:yyyy-MM-dd}; otherwise LeadRecycle returns it to marketing for nurture on that day.",
                        serviceLevelDue.Value),
                    serviceLevelDue.Value);
                Call.Result.RemindersSent++;
            }

            // The next reminder, or none: the deal drops out of this query either way, so a re-run reminds no one twice.
            Call.Update(new Entity(Opportunity.EntityName, deal.Id)
            {
                [Opportunity.NextReminderOn] = serviceLevelDue == null ? null : Call.Policy.Stall.NextReminder(serviceLevelDue.Value, Call.Now),
            });
        }
    }
}
