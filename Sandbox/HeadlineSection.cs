using System.Linq;
using System.Text.Json.Serialization;
using LeadRecycle.Schema;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// What LeadRecycle does to the pipeline on the report's date: the deals its scan flags, the value it would move
    /// out of the forecast, and the reps who hear about it. For a replay that is what it would have done on the as-of
    /// date. Seed "Return to Nurture": stagnant opportunities "bloat the true size of the pipeline".
    /// </summary>
    public sealed class HeadlineSection
    {
        [JsonPropertyName("openDeals")] public int OpenDeals { get; init; }

        /// <summary>Open deals warned or stalled by the scan.</summary>
        [JsonPropertyName("dealsFlagged")] public int DealsFlagged { get; init; }

        [JsonPropertyName("warned")] public int Warned { get; init; }

        [JsonPropertyName("stalled")] public int Stalled { get; init; }

        /// <summary>
        /// The stalled deals' value: each has a follow-up task and a service level, and returns to nurture (leaving
        /// the forecast) when that lapses with no stage change. Warned deals only get a warning, so they stay in.
        /// </summary>
        [JsonPropertyName("valueOutOfForecast")] public decimal ValueOutOfForecast { get; init; }

        [JsonPropertyName("openPipelineValue")] public decimal OpenPipelineValue { get; init; }

        /// <summary>Owners of the flagged deals.</summary>
        [JsonPropertyName("repsAffected")] public int RepsAffected { get; init; }

        /// <summary>Owners of any open deal: the reps-affected denominator.</summary>
        [JsonPropertyName("repsWithOpenDeals")] public int RepsWithOpenDeals { get; init; }

        public static HeadlineSection From(ReportRows rows)
        {
            var open = rows.Opportunities.Where(o => o.IsOpen).ToList();
            var flagged = open.Where(o => o.Aging is AgingStatus.Warning or AgingStatus.Stalled).ToList();
            return new HeadlineSection
            {
                OpenDeals = open.Count,
                DealsFlagged = flagged.Count,
                Warned = flagged.Count(o => o.Aging == AgingStatus.Warning),
                Stalled = flagged.Count(o => o.Aging == AgingStatus.Stalled),
                ValueOutOfForecast = open.Where(o => o.Aging == AgingStatus.Stalled).Sum(o => o.Value),
                OpenPipelineValue = open.Sum(o => o.Value),
                RepsAffected = flagged.Select(o => o.OwnerId).Distinct().Count(),
                RepsWithOpenDeals = open.Select(o => o.OwnerId).Distinct().Count(),
            };
        }
    }
}
