using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Services.Configuration;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// The rule of thumb of the article "Are opportunities flowing, or are they silently killing your year?": a deal is stalled when it has stayed in a stage longer than a multiple (3x) of that
    /// stage's average; it is warned at a lower multiple (2x). Until a stage has enough completed samples its
    /// mean is not trusted and a fixed number of days stands in. The owner then has a service level to act
    /// ("Removing Obstacles to Recycled Lead Nurturing") before the deal is returned to nurture.
    /// </summary>
    public sealed class StallPolicy
    {
        public StallPolicy(double multiplier, double warningMultiplier, int minimumSamples, double fallbackDays, int serviceLevelDays, StageSource stageSource,
            int leadServiceLevelDays, IReadOnlyCollection<int> salesAcceptedLeadStatuses, int maxSnoozeDays,
            IReadOnlyCollection<int> reminderDaysBeforeDue, int escalateDaysBeforeDue, StallSegments? segments = null)
        {
            Segments = segments;

            // Largest first: the order the reminders come in.
            ReminderDaysBeforeDue = reminderDaysBeforeDue.Distinct().OrderByDescending(d => d).ToArray();
            EscalateDaysBeforeDue = escalateDaysBeforeDue;
            MaxSnoozeDays = maxSnoozeDays;
            LeadServiceLevelDays = leadServiceLevelDays;
            SalesAcceptedLeadStatuses = salesAcceptedLeadStatuses;
            if (!(multiplier > 0) || !(warningMultiplier > 0) || warningMultiplier > multiplier)
            {
                throw new ArgumentException("The multipliers must be positive, the warning one not above the stall one.");
            }

            Multiplier = multiplier;
            WarningMultiplier = warningMultiplier;
            MinimumSamples = minimumSamples;
            FallbackDays = fallbackDays;
            ServiceLevelDays = serviceLevelDays;
            StageSource = stageSource;
        }

        /// <summary>The stall section of the compiled defaults, declared in PolicySettings.</summary>
        public static StallPolicy Default => RecyclePolicy.Default.Stall;

        public double Multiplier { get; }

        public double WarningMultiplier { get; }

        public int MinimumSamples { get; }

        /// <summary>The stall threshold (days) used while a stage has fewer than MinimumSamples completed samples.</summary>
        public double FallbackDays { get; }

        public int ServiceLevelDays { get; }

        public StageSource StageSource { get; }

        /// <summary>Days an open, sales-accepted lead may go without activity before it is recycled.</summary>
        public int LeadServiceLevelDays { get; }

        /// <summary>
        /// The longest a rep may snooze a deal, in days from the moment of snoozing: a snooze is a promise to act, not a
        /// way to keep a deal out of passive recycling for ever.
        /// </summary>
        public int MaxSnoozeDays { get; }

        /// <summary>Days before the service level is due on which the owner is reminded, largest first (none: no reminders).</summary>
        public IReadOnlyList<int> ReminderDaysBeforeDue { get; }

        /// <summary>Days before the service level is due on which the owner's manager is told (0: never).</summary>
        public int EscalateDaysBeforeDue { get; }

        /// <summary>The first reminder of a service level due then, or null when there is none after <paramref name="now"/>.</summary>
        public DateTime? NextReminder(DateTime due, DateTime now)
        {
            foreach (var days in ReminderDaysBeforeDue)
            {
                var on = due.AddDays(-days);
                if (on > now)
                {
                    return on;
                }
            }

            return null;
        }

        /// <summary>When the manager of a deal whose service level is due then hears of it, or null when never.</summary>
        public DateTime? Escalation(DateTime due) =>
            EscalateDaysBeforeDue > 0 && EscalateDaysBeforeDue < ServiceLevelDays ? due.AddDays(-EscalateDaysBeforeDue) : (DateTime?)null;

        /// <summary>Open lead status reasons that count as accepted by sales (default New and Contacted).</summary>
        public IReadOnlyCollection<int> SalesAcceptedLeadStatuses { get; }

        /// <summary>The column that splits each stage's statistics into segments; null for one threshold per stage.</summary>
        public StallSegments? Segments { get; }

        /// <summary>Whether the stage's own history is deep enough to set its threshold.</summary>
        public bool Trusts(StageStatistics statistics) => statistics.Count >= MinimumSamples && statistics.Mean > 0;

        /// <summary>Days in stage after which a deal is stalled.</summary>
        public double StallDays(StageStatistics statistics) => Trusts(statistics) ? Multiplier * statistics.Mean : FallbackDays;

        /// <summary>Days in stage after which a deal is warned.</summary>
        public double WarningDays(StageStatistics statistics) =>
            Trusts(statistics) ? WarningMultiplier * statistics.Mean : FallbackDays * WarningMultiplier / Multiplier;

        public StallVerdict Judge(StageStatistics statistics, double daysInStage) =>
            daysInStage > StallDays(statistics) ? StallVerdict.Stalled
            : daysInStage > WarningDays(statistics) ? StallVerdict.Warning
            : StallVerdict.Moving;
    }
}
