using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using LeadRecycle.Schema;
using LeadRecycle.Testing;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// The service levels of stalled deals ("Removing Obstacles to Recycled Lead Nurturing": expected actions and
    /// their timeframes): what the nightly scans did about them — flags, reminders, escalations, snoozes that ended,
    /// returns to nurture, expiries — and where they stand now (snoozed deals and why). The scan counts are the Custom
    /// API's own outputs, added up over every night the sandbox ran.
    /// </summary>
    public sealed class ServiceLevelSection
    {
        [JsonPropertyName("scanCalls")] public int ScanCalls { get; set; }

        /// <summary>Deals flagged stalled (each with a follow-up task and a service level).</summary>
        [JsonPropertyName("stalledFlags")] public int StalledFlags { get; set; }

        [JsonPropertyName("remindersSent")] public int RemindersSent { get; set; }

        [JsonPropertyName("escalations")] public int Escalations { get; set; }

        /// <summary>Escalations due with no manager and no fallback owner to receive them.</summary>
        [JsonPropertyName("escalationsWithoutRecipient")] public int EscalationsWithoutRecipient { get; set; }

        /// <summary>Stalled deals whose snooze ended without progress: flagged afresh.</summary>
        [JsonPropertyName("snoozesEnded")] public int SnoozesEnded { get; set; }

        /// <summary>Deals and sales-accepted leads whose service level lapsed, returned to nurture.</summary>
        [JsonPropertyName("returnedToNurture")] public int ReturnedToNurture { get; set; }

        /// <summary>Recycled leads whose nurture ended without a return (engagement.nurtureDays).</summary>
        [JsonPropertyName("expired")] public int Expired { get; set; }

        /// <summary>simulate only: snoozes the simulated owners set (--snooze-share); null elsewhere.</summary>
        [JsonPropertyName("snoozesApplied")] public int? SnoozesApplied { get; set; }

        /// <summary>Open deals snoozed past the report's date.</summary>
        [JsonPropertyName("snoozedNow")] public int SnoozedNow { get; init; }

        /// <summary>Why the deals snoozed now are snoozed, most frequent first.</summary>
        [JsonPropertyName("snoozeReasons")] public List<NameCount> SnoozeReasons { get; init; } = new List<NameCount>();

        /// <summary>Open stalled deals whose owner's manager has been told.</summary>
        [JsonPropertyName("escalatedOpenDeals")] public int EscalatedOpenDeals { get; init; }

        [JsonPropertyName("whyEmpty")] public string? WhyEmpty { get; set; }

        public static ServiceLevelSection From(ReportRows rows, DateTime asOf)
        {
            var open = rows.Opportunities.Where(o => o.IsOpen).ToList();
            var snoozed = open.Where(o => o.SnoozeUntil > asOf).ToList();
            return new ServiceLevelSection
            {
                SnoozedNow = snoozed.Count,
                SnoozeReasons = NameCount.Sorted(snoozed.Select(o => o.SnoozeReason ?? "(no reason: snoozed before reasons were required)")),
                EscalatedOpenDeals = open.Count(o => o.Aging == AgingStatus.Stalled && o.EscalatedOn != null),
            };
        }

        /// <summary>Adds what the scans did (their outputs summed over every night).</summary>
        public void AddScans(ScanTotals totals)
        {
            ScanCalls = totals.Calls;
            StalledFlags = totals["Stalled"];
            RemindersSent = totals["RemindersSent"];
            Escalations = totals["Escalations"];
            EscalationsWithoutRecipient = totals["EscalationsWithoutRecipient"];
            SnoozesEnded = totals["SnoozesEnded"];
            ReturnedToNurture = totals["Recycled"] + totals["LeadsRecycled"];
            Expired = totals["Expired"];
            WhyEmpty = StalledFlags == 0 && SnoozedNow == 0
                ? "No deal was flagged stalled by the scans the sandbox ran, so no service level started: reminders, escalations and snoozes follow a flag."
                : null;
        }
    }
}
