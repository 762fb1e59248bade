using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>A stage's (or a stage-and-segment's) statistics row (lr_stagestatistic) and the running statistics it holds.</summary>
    internal sealed class StatisticRow
    {
        public StatisticRow(Entity row, StageStatistics statistics)
        {
            Row = row;
            Statistics = statistics;
        }

        public Entity Row { get; }

        public StageStatistics Statistics { get; }

        /// <summary>The row's segment key; null on a stage's own row.</summary>
        public string? SegmentKey => Row.GetAttributeValue<string>(StageStatistic.SegmentKey);

        /// <summary>The row's segment label; null on a stage's own row.</summary>
        public string? Segment => Row.GetAttributeValue<string>(StageStatistic.Segment);

        /// <summary>The stage the row is of (its key without the segment).</summary>
        public string StageKey
        {
            get
            {
                var key = Row.GetAttributeValue<string>(StageStatistic.StageKey);
                var segment = SegmentKey;
                return segment == null ? key : key.Substring(0, key.Length - segment.Length - 1);
            }
        }

        /// <summary>The alternate key of a stage-and-segment row: the stage key, a bar, the segment key.</summary>
        public static string KeyOf(string stageKey, string segmentKey) => stageKey + "|" + segmentKey;

        /// <summary>Every row, stages' and segments', by its key: one query.</summary>
        public static Dictionary<string, StatisticRow> LoadAll(ScanCall call)
        {
            var query = new QueryExpression(StageStatistic.EntityName)
            {
                ColumnSet = new ColumnSet(StageStatistic.StageKey, StageStatistic.SegmentKey, StageStatistic.Segment, StageStatistic.Count, StageStatistic.MeanDays, StageStatistic.M2),
            };
            return call.RetrieveMultiple(query)
                .Where(row => row.GetAttributeValue<string>(StageStatistic.StageKey) != null)
                .ToDictionary(
                    row => row.GetAttributeValue<string>(StageStatistic.StageKey),
                    row => new StatisticRow(row, new StageStatistics(
                        row.GetAttributeValue<int?>(StageStatistic.Count) ?? 0,
                        row.GetAttributeValue<double?>(StageStatistic.MeanDays) ?? 0,
                        row.GetAttributeValue<double?>(StageStatistic.M2) ?? 0)),
                    StringComparer.Ordinal);
        }
    }
}
