using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;

namespace LeadRecycle.Services.Configuration
{
    /// <summary>
    /// Every setting of the policy environment variable, declared once: its path, the kind and range of its value,
    /// its default and a line for the admin. The reader parses by it, refuses keys it does not declare and words
    /// its refusals from it; the compiled defaults are its defaults; README's settings table is rendered from it
    /// (a test keeps the two the same).
    /// </summary>
    public static class PolicySettings
    {
        /// <summary>A deal held 20 times its stage's mean is long past any useful follow-up.</summary>
        private const decimal MaximumMultiplier = 20m;

        private static readonly PolicyChoice<DisqualificationReason> Reason = PolicyValues.Choice<DisqualificationReason>("a reason");

        private static readonly PolicyChoice<NurtureStream> Stream = PolicyValues.Choice<NurtureStream>("a nurture stream");

        private static readonly PolicyChoice<EngagementType> Engagement = PolicyValues.Choice<EngagementType>("an engagement type");

        private static readonly PolicyChoice<ChecklistField> Checklist = new PolicyChoice<ChecklistField>(
            "a checklist field", Enum.GetValues(typeof(ChecklistField)).Cast<ChecklistField>(), ChecklistFields.JsonName);

        private static readonly PolicySetting<ReasonDraft> ReasonObject = PolicySetting<ReasonDraft>.Object(
            "reasons.<Reason>",
            (node, reason) => reason.Check(node.Path),
            PolicySetting<ReasonDraft>.PerEntry("reasons.<Reason>.stream", Stream.Value, "per reason, below", (reason, stream) => reason.NameStream(stream),
                "The nurture stream a prospect closed with this reason enters."),
            PolicySetting<ReasonDraft>.PerEntry("reasons.<Reason>.removeFromWaterfall", PolicyValues.Boolean, "per reason, below", (reason, remove) => reason.RemoveFromWaterfall(remove),
                "`true`: a prospect closed with this reason is not nurtured. Not with `stream`; never for `StalledInStage`."),
            PolicySetting<ReasonDraft>.PerEntry("reasons.<Reason>.requires", PolicyValues.ArrayOf(Checklist.Value), "per reason, below", (reason, fields) => reason.Require(fields),
                "The checklist fields a rep fills in to close with this reason. Not for `StalledInStage`: only the nightly scan closes with it."));

        private static readonly PolicySetting<PolicyDraft> StallObject = PolicySetting<PolicyDraft>.Object(
            "stall",
            (node, draft) =>
            {
                draft.CheckMultipliers(node.Path);
                draft.CheckServiceLevelDays(node.Path, node.Members.Select(member => member.Key).ToArray());
                draft.CheckSegments(node.Path);
            },
            PolicySetting<PolicyDraft>.Of("stall.multiplier", PolicyValues.NumberAbove(1m, MaximumMultiplier), 3m, (draft, value) => draft.Multiplier = (double)value,
                "A deal is stalled after this many times its stage's mean stay."),
            PolicySetting<PolicyDraft>.Of("stall.warningMultiplier", PolicyValues.NumberAbove(1m, MaximumMultiplier), 2m, (draft, value) => draft.WarningMultiplier = (double)value,
                "A deal is warned after this many times its stage's mean stay; not above `stall.multiplier`."),
            PolicySetting<PolicyDraft>.Of("stall.minimumSamples", PolicyValues.WholeNumber(1, 100000), 10, (draft, value) => draft.MinimumSamples = value,
                "The completed stays a stage needs before its mean is trusted."),
            PolicySetting<PolicyDraft>.Of("stall.fallbackDays", PolicyValues.Number(1m, 3650m), 30m, (draft, value) => draft.FallbackDays = (double)value,
                "The stall threshold in days while a stage has fewer completed stays than that."),
            PolicySetting<PolicyDraft>.Of("stall.serviceLevelDays", PolicyValues.WholeNumber(1, 365), 14, (draft, value) => draft.ServiceLevelDays = value,
                "Days the owner has to act on a stalled deal before it is returned to nurture."),
            PolicySetting<PolicyDraft>.Of("stall.stageSource", PolicyValues.Choice<StageSource>("a stage source").Value, StageSource.SalesStage, (draft, value) => draft.StageSource = value,
                "Where stages come from. `SalesStage`: the opportunity's sales stage choice; `BusinessProcessFlow`: the active stage of the out-of-the-box \"Opportunity Sales Process\" flow."),
            PolicySetting<PolicyDraft>.Of("stall.leadServiceLevelDays", PolicyValues.WholeNumber(1, 365), 30, (draft, value) => draft.LeadServiceLevelDays = value,
                "Days a sales-accepted lead may go without activity before it is recycled."),
            PolicySetting<PolicyDraft>.Of("stall.salesAcceptedLeadStatuses", PolicyValues.OpenLeadStatuses(), new[] { 1, 2 }, (draft, value) => draft.SalesAcceptedLeadStatuses = value,
                "The open lead status reasons that count as accepted by sales; a closed one (3-7) is refused."),
            PolicySetting<PolicyDraft>.Of("stall.maxSnoozeDays", PolicyValues.WholeNumber(1, 365), 30, (draft, value) => draft.MaxSnoozeDays = value,
                "The longest a rep may snooze a deal, in days ahead."),
            PolicySetting<PolicyDraft>.Of("stall.reminderDaysBeforeDue", PolicyValues.ArrayOf(PolicyValues.WholeNumber(1, 364)), new[] { 7, 3 }, (draft, value) => draft.ReminderDaysBeforeDue = value,
                "Days before a stalled deal's service level is due on which its owner gets a reminder task; `[]` sends none. Each below `stall.serviceLevelDays` (a default that is not is skipped)."),
            PolicySetting<PolicyDraft>.Of("stall.escalateDaysBeforeDue", PolicyValues.WholeNumber(0, 364), 3, (draft, value) => draft.EscalateDaysBeforeDue = value,
                "Days before the service level is due on which the owner's manager gets a task about a deal that has not moved; `0` escalates to no one. Below `stall.serviceLevelDays` (the default is skipped when it is not)."),
            PolicySetting<PolicyDraft>.Of("stall.segmentColumn", PolicyValues.ColumnName(), null, (draft, value) => draft.SegmentColumn = value,
                "The opportunity column whose value splits each stage's statistics into segments (a lookup or owner such as `owningbusinessunit`, a choice, a Boolean, or a number or money column with `stall.segmentBands`); a segment with fewer completed stays than `stall.minimumSamples`, and a deal with no value, use the stage's threshold. None: one threshold per stage."),
            PolicySetting<PolicyDraft>.Of("stall.segmentBands", PolicyValues.AscendingNumbers(), new decimal[0], (draft, value) => draft.SegmentBands = value,
                "For a number or money `stall.segmentColumn` only, and required for one: the bounds of its bands; `[50000]` makes two segments, under 50,000 and 50,000 or more."));

        private static readonly PolicySetting<PolicyDraft> EngagementObject = PolicySetting<PolicyDraft>.Object(
            "engagement",
            null,
            PolicySetting<PolicyDraft>.Of("engagement.points", PolicyValues.MapOf(Engagement, PolicyValues.Number(0m, 1000m)), DefaultPoints(), (draft, points) => Overwrite(draft.Points, points),
                "Points per engagement type; a type left out keeps its default."),
            PolicySetting<PolicyDraft>.Of("engagement.halfLifeDays", PolicyValues.Number(1m, 3650m), 30m, (draft, value) => draft.HalfLifeDays = (double)value,
                "Days after which an engagement's points count half."),
            PolicySetting<PolicyDraft>.Of("engagement.threshold", PolicyValues.Number(1m, 1000000m), 50m, (draft, value) => draft.Threshold = value,
                "The engagement score that returns a recycled lead to its rep."),
            PolicySetting<PolicyDraft>.Of("engagement.thresholds", PolicyValues.MapOf(Stream, PolicyValues.Number(1m, 1000000m)), new Dictionary<NurtureStream, decimal>(), (draft, thresholds) => Overwrite(draft.Thresholds, thresholds),
                "A stream's own threshold; a stream left out uses `engagement.threshold`."),
            PolicySetting<PolicyDraft>.Of("engagement.routeOnLikelihood", PolicyValues.ArrayOf(PolicyValues.WholeNumber(1, 4)), new[] { 3, 4 }, (draft, value) => draft.RouteOnLikelihood = value,
                "The likelihood answers that return a lead at once; empty returns by score only."),
            PolicySetting<PolicyDraft>.Of("engagement.fallbackOwner", PolicyValues.Owner("team", "user", "queue"), null, (draft, owner) => draft.FallbackOwner = owner,
                "Takes a returned lead when neither the rep nor the rep's manager can; a queue's owner owns the lead, which is put in the queue."),
            PolicySetting<PolicyDraft>.Of("engagement.returnAction", PolicyValues.Choice<ReturnAction>("a return action").Value, ReturnAction.NewLead, (draft, value) => draft.ReturnAction = value,
                "`NewLead`: a new lead owned by the rep, with the nurture history; `ReopenOpportunity`: the original opportunity, reopened."),
            PolicySetting<PolicyDraft>.Of("engagement.maxRecycles", PolicyValues.WholeNumber(1, 100), 3, (draft, value) => draft.MaxRecycles = value,
                "A prospect recycled more often than this is removed from the waterfall."),
            PolicySetting<PolicyDraft>.Of("engagement.nurtureDays", PolicyValues.WholeNumber(30, 3650), 365, (draft, value) => draft.NurtureDays = value,
                "Days a prospect stays in nurture without re-engaging before the nightly scan expires its recycled lead (status Expired)."));

        /// <summary>The whole policy: the object the environment variable holds.</summary>
        internal static readonly PolicySetting<PolicyDraft> Root = PolicySetting<PolicyDraft>.Object(
            "$",
            null,
            PolicySetting<PolicyDraft>.Of("marketingOwner", PolicyValues.Owner("team", "user"), null, (draft, owner) => draft.MarketingOwner = owner,
                "The team or user that owns new recycled leads; none keeps them with the rep who closed the deal."),
            PolicySetting<PolicyDraft>.ObjectPer(
                "reasons",
                Reason,
                (draft, reason) => draft.Reasons[reason],
                draft =>
                {
                    foreach (var reason in RecyclePolicy.DefaultReasons())
                    {
                        draft.Reasons[reason.Key] = new ReasonDraft(reason.Value);
                    }
                },
                ReasonObject),
            StallObject,
            EngagementObject);

        /// <summary>Every setting an admin can write, in README's order.</summary>
        public static IReadOnlyList<PolicySetting> All { get; } = Root.Leaves;

        private static Dictionary<EngagementType, decimal> DefaultPoints() => new Dictionary<EngagementType, decimal>
        {
            [EngagementType.EmailClick] = 3,
            [EngagementType.FormSubmission] = 10,
            [EngagementType.WebinarAttended] = 15,
            [EngagementType.EmailReply] = 20,
            [EngagementType.MeetingBooked] = 40,
            [EngagementType.WebVisit] = 1,
            [EngagementType.LikelihoodAnswer] = 0,
        };

        private static void Overwrite<TKey, TValue>(IDictionary<TKey, TValue> target, IReadOnlyDictionary<TKey, TValue> named)
        {
            foreach (var pair in named)
            {
                target[pair.Key] = pair.Value;
            }
        }
    }
}
