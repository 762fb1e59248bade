using System.Linq;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// Fold: recorded stage stays are merged into their stage's statistics row (the only writer of it), a page of
    /// stays at a time, oldest first.
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
                ColumnSet = new ColumnSet(StageDuration.StageKey, StageDuration.Days),
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
            foreach (var group in foldable.GroupBy(d => d.GetAttributeValue<string>(StageDuration.StageKey)))
            {
                if (group.Key == null)
                {
                    continue;
                }

                var batch = group.Aggregate(StageStatistics.Empty, (s, d) => s.Add((double)d.GetAttributeValue<decimal>(StageDuration.Days)));
                statistics.TryGetValue(group.Key, out var existing);
                var merged = (existing == null ? StageStatistics.Empty : existing.Statistics).Merge(batch);
                var row = new Entity(StageStatistic.EntityName)
                {
                    [StageStatistic.Count] = (int)merged.Count,
                    [StageStatistic.MeanDays] = merged.Mean,
                    [StageStatistic.M2] = merged.M2,
                    [StageStatistic.UpdatedOn] = Call.Now,
                };
                if (existing == null)
                {
                    row[StageStatistic.StageKey] = group.Key;
                    row[StageStatistic.Name] = StageKeys.DisplayName(group.Key);
                    Call.Create(row);
                }
                else
                {
                    row.Id = existing.Row.Id;
                    Call.Update(row);
                }
            }

            foreach (var duration in durations)
            {
                Call.Update(new Entity(StageDuration.EntityName, duration.Id) { [StageDuration.Folded] = true });
            }

            Call.Result.DurationsFolded += foldable.Count;
            return durations.Count < PageSize;
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
