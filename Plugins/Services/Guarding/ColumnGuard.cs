using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Guarding
{
    /// <summary>
    /// What a person or another product may not write: the columns LeadRecycle alone writes
    /// (<see cref="LeadRecycleColumns"/>), a recycled lead created by anyone but a close, a recycled lead put back in
    /// nurture or marked returned by hand, a stage stay or statistic written by hand, and a snooze longer than the
    /// policy allows. Each refusal is a message a person can act on.
    /// </summary>
    public static class ColumnGuard
    {
        /// <summary>The tables the guard watches, in a stable order.</summary>
        public static IReadOnlyList<string> Tables { get; } =
            LeadRecycleColumns.Guarded.Keys.Concat(LeadRecycleColumns.ScanOwnedTables).OrderBy(t => t, StringComparer.Ordinal).ToArray();

        /// <summary>Throws when a person's create or update of a watched table writes what LeadRecycle alone writes.</summary>
        /// <param name="table">The table written.</param>
        /// <param name="creating">True for a create, false for an update.</param>
        /// <param name="change">The columns written (the Target).</param>
        /// <param name="maxSnoozeDays">The policy's longest snooze, asked for only when the change sets a deal's snooze.</param>
        /// <param name="utcNow">The moment of the change.</param>
        public static void Refuse(string table, bool creating, Entity change, Func<int> maxSnoozeDays, DateTime utcNow)
        {
            if (LeadRecycleColumns.ScanOwnedTables.Contains(table))
            {
                throw new InvalidPluginExecutionException("Stage stays, stage statistics and recycling tallies are kept by LeadRecycle's nightly scan; they cannot be created or changed by hand.");
            }

            if (table == RecycledLead.EntityName && creating)
            {
                throw new InvalidPluginExecutionException("A recycled lead is created when a deal is lost or a lead is disqualified with a Return-to-Nurture reason; it cannot be created by hand.");
            }

            var guarded = LeadRecycleColumns.Guarded[table];
            var touched = change.Attributes.Keys.Where(guarded.ContainsKey).Select(column => guarded[column]).OrderBy(l => l, StringComparer.Ordinal).ToList();
            if (touched.Count > 0)
            {
                throw new InvalidPluginExecutionException(string.Format(
                    CultureInfo.InvariantCulture,
                    "LeadRecycle keeps {0} up to date itself; {1} cannot be changed by hand. Leave {2} out of your change.",
                    JoinLabels(touched), touched.Count == 1 ? "it" : "they", touched.Count == 1 ? "it" : "them"));
            }

            if (table == RecycledLead.EntityName)
            {
                var status = change.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode)?.Value;
                var state = change.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode)?.Value;
                if (status == RecycledLead.Status.Nurturing || status == RecycledLead.Status.ReturnedToSales || state == RecycledLead.State.Active)
                {
                    throw new InvalidPluginExecutionException(
                        "Only LeadRecycle puts a recycled lead in nurture or returns it to sales. You can remove it from the waterfall, or let it expire.");
                }
            }

            if (table == Opportunity.EntityName && change.Contains(Opportunity.SnoozeUntil))
            {
                var snooze = change.GetAttributeValue<DateTime?>(Opportunity.SnoozeUntil);
                var days = maxSnoozeDays();
                var latest = utcNow.AddDays(days);
                if (snooze != null && snooze.Value > latest)
                {
                    throw new InvalidPluginExecutionException(string.Format(
                        CultureInfo.InvariantCulture,
                        "A deal can be snoozed for at most {0} days. Pick a date on or before {1:d MMMM yyyy}.",
                        days, latest));
                }

                // A snooze is a promise to act ("Removing Obstacles to Recycled Lead Nurturing" asks for service levels
                // that define the expected actions): the rep says why, in the same save, so the manager reading the
                // stalled-deals view and the report sees it.
                if (snooze != null && snooze.Value > utcNow && string.IsNullOrWhiteSpace(change.GetAttributeValue<string>(Opportunity.SnoozeReason)))
                {
                    throw new InvalidPluginExecutionException("Say why you are snoozing this deal: fill in Snooze reason together with Snooze until.");
                }
            }
        }

        private static string JoinLabels(IReadOnlyList<string> labels) =>
            labels.Count == 1 ? labels[0] : string.Join(", ", labels.Take(labels.Count - 1)) + " and " + labels[labels.Count - 1];
    }
}
