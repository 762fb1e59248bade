using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// How fast deals really move: the median and 80th percentile of completed stays per stage (a mean hides the skew
    /// of stays that run long), against the warn and stall thresholds LeadRecycle applies; how old the open deals are in
    /// their stage; and which managers' reps hold the stalled deals. Seed "Removing Obstacles to Recycled Lead
    /// Nurturing" (SiriusDecisions): "measure current performance and set target goals for the velocity of
    /// opportunities through these steps".
    /// </summary>
    public sealed class VelocitySection
    {
        /// <summary>The age buckets' lower bounds in days; each bucket runs to the next bound (the last is open-ended).</summary>
        public static readonly int[] AgeBucketStarts = { 0, 7, 14, 30, 60, 90, 180 };

        /// <summary>The scan's bounds for a stay it learns from (StallScanService: under an hour or over a century is set aside).</summary>
        public const double MinStayDays = 1.0 / 24.0;

        public const double MaxStayDays = 36500;

        [JsonPropertyName("ageBuckets")] public List<string> AgeBuckets { get; init; } = AgeBucketStarts.Select(BucketName).ToList();

        [JsonPropertyName("stages")] public List<StageRow> Stages { get; init; } = new List<StageRow>();

        [JsonPropertyName("managers")] public List<ManagerRow> Managers { get; init; } = new List<ManagerRow>();

        /// <summary>The policy's stall.segmentColumn when set: each stage then lists its segments' thresholds.</summary>
        [JsonPropertyName("segmentColumn")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? SegmentColumn { get; init; }

        [JsonPropertyName("whyEmpty")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? WhyEmpty { get; init; }

        public const string NoManager = "(no manager)";

        public static VelocitySection From(ReportRows rows, IReadOnlyList<SandboxReport.StageRow> thresholds, DateTime asOf, string? segmentColumn = null)
        {
            var open = rows.Opportunities.Where(o => o.IsOpen).ToList();
            var stays = rows.StageDurations
                .Where(d => d.StageKey != null && d.Days is decimal days && (double)days >= MinStayDays && (double)days <= MaxStayDays)
                .ToLookup(d => d.StageKey!, d => (double)d.Days!.Value, StringComparer.Ordinal);
            var keys = StageOrder.Sort(thresholds.Select(t => t.StageKey)
                .Concat(stays.Select(g => g.Key))
                .Concat(rows.Opportunities.Select(o => o.StageKey).OfType<string>()));

            var stages = keys.Select(key =>
            {
                var threshold = thresholds.FirstOrDefault(t => t.StageKey == key);
                var here = open.Where(o => o.StageKey == key).ToList();
                var ages = here.Select(o => o.StageEnteredOn).Where(d => d != null).Select(d => Math.Max(0, (asOf - d!.Value).TotalDays)).ToList();
                var completed = stays[key].ToList();
                return new StageRow
                {
                    StageKey = key,
                    Stage = StageKeys.DisplayName(key),
                    CompletedStays = completed.Count,
                    MedianDays = ReportValues.Round(NearestRank.Median(completed), 1),
                    P80Days = ReportValues.Round(NearestRank.Percentile(completed, 80), 1),
                    WarnAfterDays = threshold?.WarnAfterDays,
                    StallAfterDays = threshold?.StallAfterDays,
                    ThresholdsTrusted = threshold?.Trusted ?? false,
                    Segments = threshold?.Segments,
                    OpenDeals = here.Count,
                    OpenWithoutStageClock = here.Count - ages.Count,
                    AgeHistogram = AgeBucketStarts.Select((start, i) => ages.Count(a => a >= start && (i == AgeBucketStarts.Length - 1 || a < AgeBucketStarts[i + 1]))).ToList(),
                    Why = string.Join("; ", new[]
                    {
                        completed.Count == 0 ? "median and 80th percentile n/a: no completed stay in this stage yet (a stay is recorded when a deal leaves the stage)" : null,
                        threshold == null ? "warn and stall thresholds n/a: the nightly scan has learned no statistic for this stage (it has folded none of its stays)" : null,
                    }.Where(w => w != null)) is { Length: > 0 } why ? why : null,
                };
            }).ToList();

            return new VelocitySection
            {
                Stages = stages,
                Managers = ByManager(open, rows),
                SegmentColumn = segmentColumn,
                WhyEmpty = keys.Count == 0 ? "No stage to measure: no deal has a stage and no stay has been recorded." : null,
            };
        }

        /// <summary>Reps (owners of open deals) grouped under their manager, the most stalled first.</summary>
        private static List<ManagerRow> ByManager(IReadOnlyList<OpportunityRow> open, ReportRows rows)
        {
            var (names, managers) = rows.People();
            return open.GroupBy(o => o.OwnerId)
                .Select(g => new RepRow
                {
                    Rep = names.TryGetValue(g.Key, out var name) ? name : "(a team or unknown owner)",
                    ManagerId = managers.TryGetValue(g.Key, out var manager) ? manager : (Guid?)null,
                    OpenDeals = g.Count(),
                    Warned = g.Count(o => o.Aging == AgingStatus.Warning),
                    Stalled = g.Count(o => o.Aging == AgingStatus.Stalled),
                })
                .GroupBy(r => r.ManagerId)
                .Select(g =>
                {
                    var reps = g.OrderByDescending(r => r.Stalled).ThenByDescending(r => r.OpenDeals).ThenBy(r => r.Rep, StringComparer.Ordinal).ToList();
                    return new ManagerRow
                    {
                        Manager = g.Key is Guid id ? (names.TryGetValue(id, out var name) ? name : id.ToString()) : NoManager,
                        OpenDeals = reps.Sum(r => r.OpenDeals),
                        Stalled = reps.Sum(r => r.Stalled),
                        StalledShare = ReportValues.Share(reps.Sum(r => r.Stalled), reps.Sum(r => r.OpenDeals)),
                        Reps = reps.Select(r => new RepRow { Rep = r.Rep, OpenDeals = r.OpenDeals, Warned = r.Warned, Stalled = r.Stalled, StalledShare = ReportValues.Share(r.Stalled, r.OpenDeals) }).ToList(),
                    };
                })
                .OrderByDescending(m => m.Stalled).ThenByDescending(m => m.OpenDeals).ThenBy(m => m.Manager, StringComparer.Ordinal)
                .ToList();
        }

        private static string BucketName(int start, int i) =>
            i == AgeBucketStarts.Length - 1 ? start + "+ days" : start + "-" + (AgeBucketStarts[i + 1] - 1) + " days";

        public sealed class StageRow
        {
            [JsonPropertyName("stageKey")] public string StageKey { get; init; } = string.Empty;

            [JsonPropertyName("stage")] public string Stage { get; init; } = string.Empty;

            /// <summary>Completed stays the scan would learn from (an hour to a century).</summary>
            [JsonPropertyName("completedStays")] public int CompletedStays { get; init; }

            [JsonPropertyName("medianDays")] public double? MedianDays { get; init; }

            [JsonPropertyName("p80Days")] public double? P80Days { get; init; }

            [JsonPropertyName("warnAfterDays")] public double? WarnAfterDays { get; init; }

            [JsonPropertyName("stallAfterDays")] public double? StallAfterDays { get; init; }

            /// <summary>False when the thresholds are the policy's fallback (too few stays to trust the stage's mean).</summary>
            [JsonPropertyName("thresholdsTrusted")] public bool ThresholdsTrusted { get; init; }

            /// <summary>With stall.segmentColumn set: per segment, the thresholds its deals are judged by; left out otherwise.</summary>
            [JsonPropertyName("segments")]
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
            public List<SandboxReport.SegmentRow>? Segments { get; init; }

            [JsonPropertyName("openDeals")] public int OpenDeals { get; init; }

            /// <summary>Open deals with no stage-entered date yet (not adopted by the scan): in no age bucket.</summary>
            [JsonPropertyName("openWithoutStageClock")] public int OpenWithoutStageClock { get; init; }

            /// <summary>Open deals by days in the stage, one count per <see cref="AgeBuckets"/> entry.</summary>
            [JsonPropertyName("ageHistogram")] public List<int> AgeHistogram { get; init; } = new List<int>();

            [JsonPropertyName("why")]
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
            public string? Why { get; init; }
        }

        public sealed class ManagerRow
        {
            [JsonPropertyName("manager")] public string Manager { get; init; } = string.Empty;

            [JsonPropertyName("openDeals")] public int OpenDeals { get; init; }

            [JsonPropertyName("stalled")] public int Stalled { get; init; }

            /// <summary>Stalled / open deals of the manager's reps.</summary>
            [JsonPropertyName("stalledShare")] public double? StalledShare { get; init; }

            [JsonPropertyName("reps")] public List<RepRow> Reps { get; init; } = new List<RepRow>();
        }

        public sealed class RepRow
        {
            [JsonPropertyName("rep")] public string Rep { get; init; } = string.Empty;

            [JsonIgnore] public Guid? ManagerId { get; init; }

            [JsonPropertyName("openDeals")] public int OpenDeals { get; init; }

            [JsonPropertyName("warned")] public int Warned { get; init; }

            [JsonPropertyName("stalled")] public int Stalled { get; init; }

            [JsonPropertyName("stalledShare")] public double? StalledShare { get; init; }
        }
    }
}
