using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// A weekly series of what recycling did: recycled, returned, stalled, won after return. Weeks start on Monday
    /// (ISO 8601) and are dated by their Monday; the series runs from the week of the first dated event to the week of
    /// the report, at most <see cref="MaxWeeks"/> weeks (the latest ones).
    /// </summary>
    public sealed class TrendSection
    {
        public const int MaxWeeks = 156;

        /// <summary>
        /// How "stalled in week" is counted, from what Dataverse stores: the nightly scan stamps lr_stalledon when it
        /// flags a deal stalled, and a stage change clears it (StageTracking), a later flag after a snooze overwrites
        /// it; closing the deal leaves it. So a week counts the deals whose standing stall flag was set in it: deals
        /// still stalled, or closed (won, lost, recycled) while stalled. A deal that stalled and then moved on leaves no
        /// trace without auditing.
        /// </summary>
        public const string StalledMeasure =
            "Stalled in a week: deals whose stall flag (lr_stalledon, stamped by the nightly scan) is dated in that week and still stands — "
            + "the deal is still stalled, or was closed (won, lost or recycled) while stalled. A stage change clears the flag and a new flag after a snooze replaces it, so a deal that stalled and then moved on is not counted (Dataverse keeps no earlier flag unless auditing is on).";

        [JsonPropertyName("stalledMeasure")] public string StalledMeasureText { get; init; } = StalledMeasure;

        [JsonPropertyName("weeks")] public List<WeekRow> Weeks { get; init; } = new List<WeekRow>();

        /// <summary>Weeks before the shown ones that had events, when the series was cut to <see cref="MaxWeeks"/>.</summary>
        [JsonPropertyName("earlierWeeksLeftOut")] public int EarlierWeeksLeftOut { get; init; }

        [JsonPropertyName("whyEmpty")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? WhyEmpty { get; init; }

        public static DateTime WeekOf(DateTime day)
        {
            var date = day.Date;
            var sinceMonday = ((int)date.DayOfWeek + 6) % 7;
            return DateTime.SpecifyKind(date.AddDays(-sinceMonday), DateTimeKind.Utc);
        }

        public static TrendSection From(ReportRows rows, DateTime asOf)
        {
            var recycled = Dates(rows.RecycledLeads.Select(r => r.RecycledOn));
            var returned = Dates(rows.RecycledLeads.Where(r => r.IsReturned).Select(r => r.ReturnedOn));
            var stalled = Dates(rows.Opportunities.Select(o => o.StalledOn));
            var won = Dates(rows.RecycledLeads.Where(r => r.IsWonAfterReturn).Select(r => r.ReturnOutcomeOn));
            var all = recycled.Concat(returned).Concat(stalled).Concat(won).Where(d => d <= asOf).ToList();
            if (all.Count == 0)
            {
                return new TrendSection { WhyEmpty = "No dated event up to the report's date: nothing was recycled, returned, flagged stalled or won after return." };
            }

            var last = WeekOf(asOf);
            var first = WeekOf(all.Min());
            var weeks = (int)((last - first).TotalDays / 7) + 1;
            var cut = Math.Max(0, weeks - MaxWeeks);
            first = first.AddDays(7 * cut);
            var counts = new Func<List<DateTime>, Dictionary<DateTime, int>>(dates => dates.Where(d => d <= asOf).GroupBy(WeekOf).ToDictionary(g => g.Key, g => g.Count()));
            var (r, t, s, w) = (counts(recycled), counts(returned), counts(stalled), counts(won));
            return new TrendSection
            {
                Weeks = Enumerable.Range(0, weeks - cut).Select(i => first.AddDays(7 * i)).Select(week => new WeekRow
                {
                    WeekStarting = week,
                    Recycled = r.GetValueOrDefault(week),
                    Returned = t.GetValueOrDefault(week),
                    Stalled = s.GetValueOrDefault(week),
                    WonAfterReturn = w.GetValueOrDefault(week),
                }).ToList(),
                EarlierWeeksLeftOut = cut,
            };
        }

        private static List<DateTime> Dates(IEnumerable<DateTime?> dates) => dates.Where(d => d != null).Select(d => d!.Value).ToList();

        public sealed class WeekRow
        {
            /// <summary>The week's Monday (UTC).</summary>
            [JsonPropertyName("weekStarting")] public DateTime WeekStarting { get; init; }

            [JsonPropertyName("recycled")] public int Recycled { get; init; }

            [JsonPropertyName("returned")] public int Returned { get; init; }

            [JsonPropertyName("stalled")] public int Stalled { get; init; }

            [JsonPropertyName("wonAfterReturn")] public int WonAfterReturn { get; init; }
        }
    }
}
