using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>A stage's statistics row (lr_stagestatistic) and the running statistics it holds.</summary>
    internal sealed class StatisticRow
    {
        public StatisticRow(Entity row, StageStatistics statistics)
        {
            Row = row;
            Statistics = statistics;
        }

        public Entity Row { get; }

        public StageStatistics Statistics { get; }

        /// <summary>Every stage's row, by stage key: one query.</summary>
        public static Dictionary<string, StatisticRow> LoadAll(ScanCall call)
        {
            var query = new QueryExpression(StageStatistic.EntityName)
            {
                ColumnSet = new ColumnSet(StageStatistic.StageKey, StageStatistic.Count, StageStatistic.MeanDays, StageStatistic.M2),
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
