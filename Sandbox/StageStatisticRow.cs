using System.Collections.Generic;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// A stage's (or, with a segment key, a stage segment's) running statistic (lr_stagestatistic) as the report reads it.
    /// </summary>
    public sealed record StageStatisticRow(string StageKey, string? SegmentKey, string? Segment, StageStatistics Statistics)
    {
        public static readonly IReadOnlyList<string> Columns = new[]
        {
            StageStatistic.StageKey, StageStatistic.SegmentKey, StageStatistic.Segment, StageStatistic.Count, StageStatistic.MeanDays, StageStatistic.M2,
        };

        public static StageStatisticRow From(Entity statistic) => new StageStatisticRow(
            statistic.GetAttributeValue<string>(StageStatistic.StageKey),
            statistic.GetAttributeValue<string>(StageStatistic.SegmentKey),
            statistic.GetAttributeValue<string>(StageStatistic.Segment),
            new StageStatistics(
                statistic.GetAttributeValue<int>(StageStatistic.Count),
                statistic.GetAttributeValue<double>(StageStatistic.MeanDays),
                statistic.GetAttributeValue<double>(StageStatistic.M2)));
    }
}
