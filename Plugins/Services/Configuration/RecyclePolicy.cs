using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Configuration
{
    /// <summary>The checklist fields a reason's policy can require, by their JSON names.</summary>
    public enum ChecklistField
    {
        Background,
        EffortType,
        TargetStage,
        Likelihood,
        DecisionCriteria,
        Impediments,
        WhoIsInvolved,
    }

    public static class ChecklistFields
    {
        public static string ColumnOf(ChecklistField field) => field switch
        {
            ChecklistField.Background => ChecklistColumns.Background,
            ChecklistField.EffortType => ChecklistColumns.EffortType,
            ChecklistField.TargetStage => ChecklistColumns.TargetStage,
            ChecklistField.Likelihood => ChecklistColumns.Likelihood,
            ChecklistField.DecisionCriteria => ChecklistColumns.DecisionCriteria,
            ChecklistField.Impediments => ChecklistColumns.Impediments,
            ChecklistField.WhoIsInvolved => ChecklistColumns.WhoIsInvolved,
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        /// <summary>The JSON name: camel case of the enum name ("effortType").</summary>
        public static string JsonName(ChecklistField field)
        {
            var name = field.ToString();
            return char.ToLowerInvariant(name[0]) + name.Substring(1);
        }
    }

    /// <summary>What happens to a deal or lead closed with one reason.</summary>
    public sealed class ReasonPolicy
    {
        public ReasonPolicy(DisqualificationReason reason, NurtureStream? stream, IReadOnlyList<ChecklistField> requiredFields)
        {
            Reason = reason;
            Stream = stream;
            RequiredFields = requiredFields;
        }

        public DisqualificationReason Reason { get; }

        /// <summary>The nurture stream; null means the prospect is removed from the waterfall.</summary>
        public NurtureStream? Stream { get; }

        public bool RemovesFromWaterfall => Stream == null;

        public IReadOnlyList<ChecklistField> RequiredFields { get; }
    }

    /// <summary>The whole LeadRecycle policy. Immutable: a changed configuration is a new instance.</summary>
    public sealed class RecyclePolicy
    {
        public RecyclePolicy(EntityReference? marketingOwner, IReadOnlyDictionary<DisqualificationReason, ReasonPolicy> reasons, StallPolicy? stall = null, EngagementPolicy? engagement = null)
        {
            MarketingOwner = marketingOwner;
            Reasons = reasons;
            Stall = stall ?? StallPolicy.Default;
            Engagement = engagement ?? EngagementPolicy.Default;
        }

        /// <summary>The team or user that owns new recycled leads; null keeps them with the rep who closed the deal.</summary>
        public EntityReference? MarketingOwner { get; }

        public IReadOnlyDictionary<DisqualificationReason, ReasonPolicy> Reasons { get; }

        /// <summary>Passive recycling: stage thresholds and service levels.</summary>
        public StallPolicy Stall { get; }

        /// <summary>Return to the rep: engagement points, decay, thresholds, routing and the recycle cap.</summary>
        public EngagementPolicy Engagement { get; }

        public ReasonPolicy For(DisqualificationReason reason) => Reasons[reason];

        /// <summary>The compiled defaults (PolicySettings' declarations), used where the environment variable is empty or silent.</summary>
        public static RecyclePolicy Default { get; } = PolicyDraft.WithDefaults().ToPolicy();

        /// <summary>Each reason's default stream and checklist: the defaults of PolicySettings' per-reason settings.</summary>
        internal static IReadOnlyDictionary<DisqualificationReason, ReasonPolicy> DefaultReasons()
        {
            // Every nurture reason asks what seed 000's checklist asks: background, the effort needed and the
            // lead-development stage to re-enter; some reasons need one more fact to be nurtured well.
            var nurtureBasics = new[] { ChecklistField.Background, ChecklistField.EffortType, ChecklistField.TargetStage };
            ReasonPolicy Nurture(DisqualificationReason reason, NurtureStream stream, params ChecklistField[] more) =>
                new ReasonPolicy(reason, stream, nurtureBasics.Concat(more).ToArray());

            var reasons = new[]
            {
                Nurture(DisqualificationReason.DecisionMakerChanged, NurtureStream.NewStakeholder, ChecklistField.WhoIsInvolved),
                Nurture(DisqualificationReason.FundingDelayedOrCancelled, NurtureStream.BudgetCycle),
                Nurture(DisqualificationReason.PrioritiesChanged, NurtureStream.BusinessPriorities),
                Nurture(DisqualificationReason.TimingExtendedOrUncertain, NurtureStream.LongTermTiming, ChecklistField.Likelihood),
                Nurture(DisqualificationReason.UnableToReach, NurtureStream.ReEngagement),
                Nurture(DisqualificationReason.LostToCompetitor, NurtureStream.CompetitiveDisplacement, ChecklistField.DecisionCriteria),
                Nurture(DisqualificationReason.NoBudget, NurtureStream.ValueAndRoi),
                new ReasonPolicy(DisqualificationReason.StalledInStage, NurtureStream.StalledDealRequalification, Array.Empty<ChecklistField>()),
                new ReasonPolicy(DisqualificationReason.NotAPotentialBuyer, null, Array.Empty<ChecklistField>()),
                new ReasonPolicy(DisqualificationReason.DuplicateOrBadData, null, Array.Empty<ChecklistField>()),
            };
            return reasons.ToDictionary(r => r.Reason);
        }
    }
}
