using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// Flag: per stage, one bounded query finds open deals past the stall threshold ("stage = S and entered on before
    /// now - multiplier x mean(S)") and one finds deals past the warning threshold; stages with too little history
    /// share one query with the fallback threshold. With segments on, a trusted segment of a trusted stage has its own
    /// two queries (the segment's condition added) and the stage's queries leave those segments out. A newly stalled deal gets a follow-up task for its acting owner
    /// with the service-level due date. A flagged deal drops out of its own query, so re-running is idempotent and
    /// needs no paging cookie.
    /// </summary>
    internal sealed class FlagPhase : StallScanPhase
    {
        private const string UntrustedStages = "*";

        /// <summary>The stall-threshold label of a deal judged by its whole stage (no segment value, or its segment has too few stays).</summary>
        private const string WholeStage = "Whole stage";

        /// <summary>The label of a deal judged by the fallback days (its stage has too few stays).</summary>
        private const string WholeStageFallback = "Whole stage (fallback days)";

        private List<StageThreshold>? _stageThresholds;

        public FlagPhase(ScanCall call)
            : base(call)
        {
        }

        public override ScanPhase Phase => ScanPhase.Flag;

        public override bool RunPage(ref int stageIndex)
        {
            var stages = StageThresholds();
            if (stageIndex >= stages.Count)
            {
                return true;
            }

            if (FlagStagePage(stages[stageIndex]))
            {
                stageIndex++;
            }

            return false;
        }

        /// <summary>
        /// The threshold a deal in <paramref name="stageKey"/> is judged by: its segment's when the segment is trusted,
        /// else its stage's (the fallback's when the stage is not trusted yet).
        /// </summary>
        public StageThreshold ThresholdOf(string? stageKey, string? segmentKey)
        {
            var stages = StageThresholds();
            return stages.FirstOrDefault(s => s.StageKey == stageKey && s.SegmentKey == segmentKey && segmentKey != null)
                ?? stages.FirstOrDefault(s => s.StageKey == stageKey && s.SegmentKey == null)
                ?? stages[stages.Count - 1];
        }

        /// <summary>
        /// The trusted stages in a stable order, each preceded by its trusted segments, then one entry for every stage
        /// still on the fallback. A segment's count never exceeds its stage's (each stay is folded into both), so an
        /// untrusted stage has no trusted segment: its deals share the fallback whatever their segment.
        /// </summary>
        private List<StageThreshold> StageThresholds()
        {
            if (_stageThresholds != null)
            {
                return _stageThresholds;
            }

            var stall = Call.Policy.Stall;
            var segments = stall.Segments;
            var rows = StatisticRow.LoadAll(Call).Values.Where(row => stall.Trusts(row.Statistics)).ToList();
            var trustedSegments = rows
                .Where(row => row.SegmentKey != null && segments != null && segments.IsCurrent(row.SegmentKey))
                .ToLookup(row => row.StageKey, StringComparer.Ordinal);
            var thresholds = new List<StageThreshold>();
            foreach (var stage in rows.Where(row => row.SegmentKey == null).OrderBy(row => row.StageKey, StringComparer.Ordinal))
            {
                var inSegments = trustedSegments[stage.StageKey].OrderBy(row => row.SegmentKey, StringComparer.Ordinal).ToList();
                thresholds.AddRange(inSegments.Select(row => new StageThreshold(stage.StageKey, stall.WarningDays(row.Statistics), stall.StallDays(row.Statistics))
                {
                    SegmentKey = row.SegmentKey,
                    Label = row.Segment ?? row.SegmentKey,
                }));
                thresholds.Add(new StageThreshold(stage.StageKey, stall.WarningDays(stage.Statistics), stall.StallDays(stage.Statistics))
                {
                    ExcludedSegments = inSegments.Select(row => row.SegmentKey!).ToArray(),
                    Label = segments == null ? null : WholeStage,
                });
            }

            var untrusted = new StageThreshold(UntrustedStages, stall.WarningDays(StageStatistics.Empty), stall.StallDays(StageStatistics.Empty))
            {
                TrustedKeys = thresholds.Select(t => t.StageKey).Distinct().ToArray(),
                Label = segments == null ? null : WholeStageFallback,
            };
            thresholds.Add(untrusted);
            _stageThresholds = thresholds;
            return thresholds;
        }

        /// <summary>Flags one page of deals in a stage; true when the stage has none left to flag.</summary>
        private bool FlagStagePage(StageThreshold stage)
        {
            // A stalled deal costs up to four requests (flag, the owner rule's reads, task), a warned one one: the
            // stalled page is a quarter of a page so that a page stays within the call's budget.
            var stalledPage = PageSize / 4;
            var stalled = OpenDealsInStage(stage, enteredBefore: Call.Now.AddDays(-stage.StallDays), notIn: new[] { AgingStatus.Stalled }, top: stalledPage);
            foreach (var deal in stalled)
            {
                MarkStalled(deal, stage.StallDays, segment: stage.Label);
            }

            if (stalled.Count >= stalledPage)
            {
                return false;
            }

            var remaining = PageSize / 2;
            var warned = OpenDealsInStage(stage, enteredBefore: Call.Now.AddDays(-stage.WarningDays), notIn: new[] { AgingStatus.Warning, AgingStatus.Stalled }, top: remaining);
            foreach (var deal in warned)
            {
                var warning = new Entity(Opportunity.EntityName, deal.Id) { [Opportunity.AgingStatus] = new OptionSetValue((int)AgingStatus.Warning) };
                if (stage.Label != null)
                {
                    warning[Opportunity.StallSegment] = stage.Label;
                }

                Call.Update(warning);
                Call.Result.Warned++;
            }

            return warned.Count < remaining;
        }

        private List<Entity> OpenDealsInStage(StageThreshold stage, DateTime enteredBefore, AgingStatus[] notIn, int top)
        {
            var query = new QueryExpression(Opportunity.EntityName)
            {
                ColumnSet = new ColumnSet(Opportunity.Name, Opportunity.StageKey, Opportunity.StageEnteredOn, CommonColumns.OwnerId),
                TopCount = top,
            };
            var criteria = query.Criteria;
            criteria.AddCondition(CommonColumns.StateCode, ConditionOperator.Equal, Opportunity.State.Open);
            criteria.AddCondition(Opportunity.StageEnteredOn, ConditionOperator.LessThan, enteredBefore);
            if (stage.StageKey == UntrustedStages)
            {
                if (stage.TrustedKeys.Length > 0)
                {
                    var keys = criteria.AddFilter(LogicalOperator.Or);
                    keys.AddCondition(Opportunity.StageKey, ConditionOperator.Null);
                    keys.AddCondition(Opportunity.StageKey, ConditionOperator.NotIn, stage.TrustedKeys.Cast<object>().ToArray());
                }
            }
            else
            {
                criteria.AddCondition(Opportunity.StageKey, ConditionOperator.Equal, stage.StageKey);
                var segments = Call.Policy.Stall.Segments;
                if (segments != null && stage.SegmentKey != null)
                {
                    segments.AddIn(criteria, stage.SegmentKey);
                }
                else if (segments != null)
                {
                    segments.AddOutside(criteria, stage.ExcludedSegments);
                }
            }

            var status = criteria.AddFilter(LogicalOperator.Or);
            status.AddCondition(Opportunity.AgingStatus, ConditionOperator.Null);
            status.AddCondition(Opportunity.AgingStatus, ConditionOperator.NotIn, notIn.Select(s => (object)(int)s).ToArray());
            Call.AddNotSnoozed(criteria);
            query.AddOrder(Opportunity.StageEnteredOn, OrderType.Ascending);
            return Call.RetrieveMultiple(query);
        }

        /// <summary>
        /// Flags a deal as stalled from now, with a new service level and a follow-up task for its acting owner (four
        /// requests at most); a deal whose snooze ended has its snooze cleared and counts as such.
        /// </summary>
        /// <param name="segment">Whose threshold it was (a segment's label, or the whole stage's); null with segments off.</param>
        public void MarkStalled(Entity deal, double stallDays, bool snoozeEnded = false, string? segment = null)
        {
            var due = Call.Now.AddDays(Call.Policy.Stall.ServiceLevelDays);
            var flag = new Entity(Opportunity.EntityName, deal.Id)
            {
                [Opportunity.AgingStatus] = new OptionSetValue((int)AgingStatus.Stalled),
                [Opportunity.StalledOn] = Call.Now,
                [Opportunity.ServiceLevelDue] = due,

                // The service level's reminders and escalation start afresh with it (RemindPhase, EscalatePhase).
                [Opportunity.NextReminderOn] = Call.Policy.Stall.NextReminder(due, Call.Now),
                [Opportunity.EscalateOn] = Call.Policy.Stall.Escalation(due),
                [Opportunity.EscalatedOn] = null,
            };
            if (segment != null)
            {
                flag[Opportunity.StallSegment] = segment;
            }

            if (snoozeEnded)
            {
                // The snooze is spent: clearing it drops the deal out of the snooze-ended query (idempotent).
                flag[Opportunity.SnoozeUntil] = null;
                Call.Result.SnoozesEnded++;
            }
            else
            {
                Call.Result.Stalled++;
            }

            Call.Update(flag);

            // The one rule for who acts: a departed rep's task goes to the manager or the fallback, a team's to the team.
            var owner = Call.TaskOwnerFor(deal.GetAttributeValue<EntityReference>(CommonColumns.OwnerId));
            var enteredOn = deal.GetAttributeValue<DateTime?>(Opportunity.StageEnteredOn) ?? Call.Now;
            var days = (int)Math.Floor((Call.Now - enteredOn).TotalDays);
            var stageName = StageKeys.DisplayName(deal.GetAttributeValue<string>(Opportunity.StageKey) ?? "no stage");
            Call.CreateDealTask(
                deal.Id,
                owner,
                string.Format(CultureInfo.InvariantCulture, "Stalled deal: {0} has been in {1} for {2} days", deal.GetAttributeValue<string>(Opportunity.Name) ?? "opportunity", stageName, days),
                string.Format(
                    CultureInfo.InvariantCulture,
                    "This deal has stayed in {0} longer than {1:0.#} days, the stall threshold for {3}. Move it forward, snooze it with a date, or close it by {2:yyyy-MM-dd}; otherwise LeadRecycle returns it to marketing for nurture on that day.",
                    stageName, stallDays, due, SegmentWords(segment)),
                due);
            Call.Result.TasksCreated++;
        }

        /// <summary>The words a task uses for the threshold's scope: "the stage", or the deal's segment in it.</summary>
        private static string SegmentWords(string? segment) =>
            segment == null || segment == WholeStage || segment == WholeStageFallback ? "the stage" : "deals like it in the stage (" + segment + ")";

        /// <summary>One threshold the Flag phase applies: a stage's, a segment's in a stage, or the fallback's.</summary>
        internal sealed class StageThreshold
        {
            public StageThreshold(string stageKey, double warningDays, double stallDays)
            {
                StageKey = stageKey;
                WarningDays = warningDays;
                StallDays = stallDays;
            }

            public string StageKey { get; }

            public double WarningDays { get; }

            public double StallDays { get; }

            public string[] TrustedKeys { get; set; } = Array.Empty<string>();

            /// <summary>The segment this threshold is for; null for a whole stage (or the fallback).</summary>
            public string? SegmentKey { get; set; }

            /// <summary>The stage's trusted segments, which have their own thresholds: a whole stage's query leaves them out.</summary>
            public string[] ExcludedSegments { get; set; } = Array.Empty<string>();

            /// <summary>What a flagged deal records in lr_stallsegment; null with segments off.</summary>
            public string? Label { get; set; }
        }
    }
}
