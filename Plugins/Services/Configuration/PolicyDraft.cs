using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Configuration
{
    /// <summary>
    /// The policy while it is read: every setting starts at its declared default (PolicySettings) and the admin's
    /// keys overwrite it; the immutable RecyclePolicy is made once reading is done.
    /// </summary>
    internal sealed class PolicyDraft
    {
        public EntityReference? MarketingOwner { get; set; }

        public Dictionary<DisqualificationReason, ReasonDraft> Reasons { get; } = new Dictionary<DisqualificationReason, ReasonDraft>();

        public double Multiplier { get; set; }

        public double WarningMultiplier { get; set; }

        public int MinimumSamples { get; set; }

        public double FallbackDays { get; set; }

        public int ServiceLevelDays { get; set; }

        public StageSource StageSource { get; set; }

        public int LeadServiceLevelDays { get; set; }

        public int[] SalesAcceptedLeadStatuses { get; set; } = new int[0];

        public int MaxSnoozeDays { get; set; }

        public int[] ReminderDaysBeforeDue { get; set; } = new int[0];

        public int EscalateDaysBeforeDue { get; set; }

        public string? SegmentColumn { get; set; }

        public decimal[] SegmentBands { get; set; } = new decimal[0];

        public Dictionary<EngagementType, decimal> Points { get; } = new Dictionary<EngagementType, decimal>();

        public double HalfLifeDays { get; set; }

        public decimal Threshold { get; set; }

        public Dictionary<NurtureStream, decimal> Thresholds { get; } = new Dictionary<NurtureStream, decimal>();

        public int[] RouteOnLikelihood { get; set; } = new int[0];

        public EntityReference? FallbackOwner { get; set; }

        public ReturnAction ReturnAction { get; set; }

        public int MaxRecycles { get; set; }

        public int NurtureDays { get; set; }

        public static PolicyDraft WithDefaults()
        {
            var draft = new PolicyDraft();
            PolicySettings.Root.ApplyDefault(draft);
            return draft;
        }

        /// <summary>The stall section's rule between its keys, at <paramref name="path"/>.</summary>
        public void CheckMultipliers(string path)
        {
            if (WarningMultiplier > Multiplier)
            {
                throw new PolicyException($"'{path}.warningMultiplier' ({WarningMultiplier.ToString(CultureInfo.InvariantCulture)}) must not be above '{path}.multiplier' ({Multiplier.ToString(CultureInfo.InvariantCulture)}).");
            }
        }

        /// <summary>
        /// Reminders and the escalation the admin set fall within the service level, at <paramref name="path"/>. The
        /// defaults are not refused for a short service level: a default reminder that would come before the deal
        /// stalls is simply not sent (StallPolicy).
        /// </summary>
        /// <param name="keys">The keys the admin gave in the stall section.</param>
        public void CheckServiceLevelDays(string path, IReadOnlyCollection<string> keys)
        {
            var early = keys.Contains("reminderDaysBeforeDue") ? ReminderDaysBeforeDue.Where(d => d >= ServiceLevelDays).ToArray() : new int[0];
            if (early.Length > 0)
            {
                throw new PolicyException($"'{path}.reminderDaysBeforeDue' has {early[0].ToString(CultureInfo.InvariantCulture)}, which is not below '{path}.serviceLevelDays' ({ServiceLevelDays.ToString(CultureInfo.InvariantCulture)}): that reminder would come before the deal stalls.");
            }

            if (keys.Contains("escalateDaysBeforeDue") && EscalateDaysBeforeDue >= ServiceLevelDays)
            {
                throw new PolicyException($"'{path}.escalateDaysBeforeDue' ({EscalateDaysBeforeDue.ToString(CultureInfo.InvariantCulture)}) is not below '{path}.serviceLevelDays' ({ServiceLevelDays.ToString(CultureInfo.InvariantCulture)}): the manager would hear of the deal before it stalls.");
            }
        }

        /// <summary>
        /// Bands need a column to band. Whether the column is a number (bands required) or a lookup, choice or Boolean
        /// (bands refused) only the organization knows: PolicySaveCheck asks it when the policy is saved.
        /// </summary>
        public void CheckSegments(string path)
        {
            if (SegmentColumn == null && SegmentBands.Length > 0)
            {
                throw new PolicyException($"'{path}.segmentBands' bands the column named by '{path}.segmentColumn', which is not set; name a number or money column of the opportunity, or remove the bands.");
            }
        }

        public RecyclePolicy ToPolicy() => new RecyclePolicy(
            MarketingOwner,
            Reasons.ToDictionary(pair => pair.Key, pair => pair.Value.ToPolicy()),
            new StallPolicy(Multiplier, WarningMultiplier, MinimumSamples, FallbackDays, ServiceLevelDays, StageSource,
                LeadServiceLevelDays, SalesAcceptedLeadStatuses, MaxSnoozeDays, ReminderDaysBeforeDue, EscalateDaysBeforeDue,
                SegmentColumn == null ? null : new StallSegments(SegmentColumn, SegmentBands)),
            new EngagementPolicy(new Dictionary<EngagementType, decimal>(Points), HalfLifeDays, Threshold, new Dictionary<NurtureStream, decimal>(Thresholds),
                RouteOnLikelihood, FallbackOwner, ReturnAction, MaxRecycles, NurtureDays));
    }
}
