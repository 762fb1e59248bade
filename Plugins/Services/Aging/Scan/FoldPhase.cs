using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// Fold: recorded stage stays are merged into their stage's statistics row (the only writer of it), a page of
    /// stays at a time, oldest first; with segments on, each stay is also merged into its stage-and-segment row.
    /// </summary>
    internal sealed class FoldPhase : StallScanPhase
    {
        private const decimal MaxStayDays = 36500m;

        private const decimal MinStayDays = 1m / 24m;

        public FoldPhase(ScanCall call)
            : base(call)
        {
        }

        public override ScanPhase Phase => ScanPhase.Fold;

        public override bool RunPage(ref int stageIndex)
        {
            var query = new QueryExpression(StageDuration.EntityName)
            {
                ColumnSet = new ColumnSet(StageDuration.StageKey, StageDuration.Days, StageDuration.Opportunity),
                TopCount = PageSize,
            };
            query.Criteria.AddCondition(StageDuration.Folded, ConditionOperator.Equal, false);
            query.AddOrder(StageDuration.ExitedOn, OrderType.Ascending);
            var durations = Call.RetrieveMultiple(query);
            if (durations.Count == 0)
            {
                return true;
            }

            var statistics = StatisticRow.LoadAll(Call);
            var foldable = durations.Where(IsFoldable).ToList();
            Call.Result.DurationsSkipped += durations.Count - foldable.Count;
            var segments = SegmentsOf(foldable);
            foreach (var group in foldable.GroupBy(d => d.GetAttributeValue<string>(StageDuration.StageKey)))
            {
                if (group.Key == null)
                {
                    continue;
                }

                Fold(statistics, group.Key, null, group);
                foreach (var segment in group.Where(d => segments.ContainsKey(d.Id)).GroupBy(d => segments[d.Id].Key))
                {
                    Fold(statistics, group.Key, segments[segment.First().Id], segment);
                }
            }

            foreach (var duration in durations)
            {
                Call.Update(new Entity(StageDuration.EntityName, duration.Id) { [StageDuration.Folded] = true });
            }

            Call.Result.DurationsFolded += foldable.Count;
            return durations.Count < PageSize;
        }

        /// <summary>Merges a batch of stays into the stage's row, or the stage-and-segment row, creating it the first time.</summary>
        private void Fold(Dictionary<string, StatisticRow> statistics, string stageKey, SegmentValue? segment, IEnumerable<Entity> stays)
        {
            var key = segment == null ? stageKey : StatisticRow.KeyOf(stageKey, segment.Key);
            var batch = stays.Aggregate(StageStatistics.Empty, (s, d) => s.Add((double)d.GetAttributeValue<decimal>(StageDuration.Days)));
            statistics.TryGetValue(key, out var existing);
            var merged = (existing == null ? StageStatistics.Empty : existing.Statistics).Merge(batch);
            var row = new Entity(StageStatistic.EntityName)
            {
                [StageStatistic.Count] = (int)merged.Count,
                [StageStatistic.MeanDays] = merged.Mean,
                [StageStatistic.M2] = merged.M2,
                [StageStatistic.UpdatedOn] = Call.Now,
            };
            if (segment != null)
            {
                // The latest label: a business unit renamed since the row was made shows its new name.
                row[StageStatistic.Segment] = Text.Truncate(segment.Label, 200);
            }

            if (existing == null)
            {
                row[StageStatistic.StageKey] = key;
                row[StageStatistic.Name] = StageKeys.DisplayName(stageKey);
                if (segment != null)
                {
                    row[StageStatistic.SegmentKey] = segment.Key;
                }

                Call.Create(row);
            }
            else
            {
                row.Id = existing.Row.Id;
                Call.Update(row);
            }
        }

        /// <summary>
        /// Each stay's segment, by stay id: the segment of its deal as the deal is now, at fold time (the night after
        /// the stay ended, for most), not as it was during the stay; lr_stageduration keeps only what the stage
        /// change records, so that a stage change stays one call. One query for the page's deals, only when the
        /// policy names a segment column; a stay whose deal has no value (or is gone) counts for its stage only.
        /// </summary>
        private Dictionary<Guid, SegmentValue> SegmentsOf(IReadOnlyList<Entity> stays)
        {
            var bySegment = new Dictionary<Guid, SegmentValue>();
            var segments = Call.Policy.Stall.Segments;
            var ids = stays.Select(d => d.GetAttributeValue<EntityReference>(StageDuration.Opportunity)?.Id).Where(id => id != null).Select(id => id!.Value).Distinct().ToArray();
            if (segments == null || ids.Length == 0)
            {
                return bySegment;
            }

            var query = new QueryExpression(Opportunity.EntityName) { ColumnSet = new ColumnSet(segments.Column) };
            query.Criteria.AddCondition(Opportunity.Id, ConditionOperator.In, ids.Cast<object>().ToArray());
            var deals = Call.RetrieveMultiple(query).ToDictionary(deal => deal.Id);
            foreach (var stay in stays)
            {
                var deal = stay.GetAttributeValue<EntityReference>(StageDuration.Opportunity);
                if (deal != null && deals.TryGetValue(deal.Id, out var opportunity) && segments.Of(opportunity) is SegmentValue segment)
                {
                    bySegment[stay.Id] = segment;
                }
            }

            return bySegment;
        }

        /// <summary>
        /// A stay a statistic can hold: a stage key and from an hour to 36,500 days. A longer one (a clock set wrong,
        /// data from before the install) would poison the stage's mean and its variance; a shorter one is a correction
        /// (a stage picked by mistake and changed back), and hundreds of them, deliberate or not, would drag the mean
        /// towards zero and make every colleague's deal in that stage stall. Both are set aside and counted.
        /// </summary>
        private static bool IsFoldable(Entity duration)
        {
            var days = duration.GetAttributeValue<decimal?>(StageDuration.Days);
            return duration.GetAttributeValue<string>(StageDuration.StageKey) != null && days != null && days.Value >= MinStayDays && days.Value <= MaxStayDays;
        }
    }
}
