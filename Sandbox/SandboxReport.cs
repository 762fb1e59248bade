using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using LeadRecycle.Services.Configuration;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// What LeadRecycle did, read from the organization. Field names are stable (documented in the README):
    /// asOf, opportunities, stages[], aging, recycledLeads, returnsToRep, callsPerEvent[], and the sales leader's sections
    /// headline, outcomes, waterfall, velocity, money, trend (issue 13).
    /// </summary>
    public sealed class SandboxReport
    {
        [JsonPropertyName("asOf")]
        public DateTime AsOf { get; init; }

        [JsonPropertyName("opportunities")]
        public Dictionary<string, int> Opportunities { get; init; } = new Dictionary<string, int>();

        [JsonPropertyName("stages")]
        public List<StageRow> Stages { get; init; } = new List<StageRow>();

        [JsonPropertyName("aging")]
        public AgingSection Aging { get; init; } = new AgingSection();

        [JsonPropertyName("recycledLeads")]
        public RecycledSection RecycledLeads { get; init; } = new RecycledSection();

        [JsonPropertyName("returnsToRep")]
        public ReturnsSection ReturnsToRep { get; init; } = new ReturnsSection();

        [JsonPropertyName("callsPerEvent")]
        public List<CallRow> CallsPerEvent { get; init; } = new List<CallRow>();

        /// <summary>What LeadRecycle flags on the report's date (for a replay: what it would have done then).</summary>
        [JsonPropertyName("headline")]
        public HeadlineSection Headline { get; init; } = new HeadlineSection();

        /// <summary>Recycled, nurturing, returned, removed, expired, rates, days to re-engage and wins, by nurture stream and by reason.</summary>
        [JsonPropertyName("outcomes")]
        public OutcomesSection Outcomes { get; init; } = new OutcomesSection();

        /// <summary>Stage-to-stage conversion, exits to nurture by stage and type, re-entry stages.</summary>
        [JsonPropertyName("waterfall")]
        public WaterfallSection Waterfall { get; init; } = new WaterfallSection();

        /// <summary>Median and 80th percentile of completed stays per stage, open deals' ages, stalled share by manager and rep.</summary>
        [JsonPropertyName("velocity")]
        public VelocitySection Velocity { get; init; } = new VelocitySection();

        [JsonPropertyName("money")]
        public MoneySection Money { get; init; } = new MoneySection();

        [JsonPropertyName("trend")]
        public TrendSection Trend { get; init; } = new TrendSection();

        /// <summary>Stalled deals' service levels: reminders, escalations, snoozes, returns to nurture, expiries.</summary>
        [JsonPropertyName("serviceLevels")]
        public ServiceLevelSection ServiceLevels { get; init; } = new ServiceLevelSection();

        /// <summary>Only for a replay: what was read, skipped and assumed.</summary>
        [JsonPropertyName("replay")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public ReplaySection? Replay { get; set; }

        public sealed class ReplaySection
        {
            [JsonPropertyName("rowsRead")] public int RowsRead { get; init; }

            [JsonPropertyName("imported")] public int Imported { get; init; }

            [JsonPropertyName("notYetCreatedOnAsOf")] public int NotYetCreatedOnAsOf { get; init; }

            [JsonPropertyName("skippedRows")] public List<string> SkippedRows { get; init; } = new List<string>();

            [JsonPropertyName("assumptions")] public Dictionary<string, int> Assumptions { get; init; } = new Dictionary<string, int>();

            [JsonPropertyName("scanCalls")] public int ScanCalls { get; init; }

            /// <summary>simulate only: deals LeadRecycle returned to nurture before the history closed them.</summary>
            [JsonPropertyName("closedEarlyByLeadRecycle")] public int ClosedEarlyByLeadRecycle { get; init; }

            /// <summary>simulate --engagements only: the engagement rows read (bad ones are in skippedRows, prefixed "engagements").</summary>
            [JsonPropertyName("engagementsRead")] public int EngagementsRead { get; init; }

            /// <summary>simulate --engagements only: engagements recorded on their deal's recycled lead in nurture.</summary>
            [JsonPropertyName("engagementsPlayed")] public int EngagementsPlayed { get; init; }

            /// <summary>simulate --engagements only: engagements whose deal had no recycled lead in nurture on that day.</summary>
            [JsonPropertyName("engagementsNotInNurture")] public int EngagementsNotInNurture { get; init; }

            /// <summary>simulate --engagements only: engagements dated outside the simulated days.</summary>
            [JsonPropertyName("engagementsOutsidePeriod")] public int EngagementsOutsidePeriod { get; init; }

            /// <summary>simulate --engagements only: interactions of an export LeadRecycle does not score (email opened, delivered, sent).</summary>
            [JsonPropertyName("engagementsNotScored")] public int EngagementsNotScored { get; init; }

            /// <summary>simulate --engagements only: rows whose IdempotencyId an earlier row had (the same interaction again).</summary>
            [JsonPropertyName("engagementsRepeated")] public int EngagementsRepeated { get; init; }
        }

        public static SandboxReport From(InMemoryOrganization org, IReadOnlyDictionary<string, CallLedger.Entry> calls) =>
            From(org.Service, org.Clock.UtcNow, ReportRows.Read(org.Service), calls);

        /// <summary>The report from what the organization service returns: every row is read once (<see cref="ReportRows"/>).</summary>
        public static SandboxReport From(IOrganizationService service, DateTime asOf, ReportRows rows, IReadOnlyDictionary<string, CallLedger.Entry> calls)
        {
            // The thresholds the scan applied: the policy the organization holds (replay and simulate --policy), else the defaults.
            var policy = RecyclePolicyProvider.ReadStored(service).Stall;
            var opportunities = rows.Opportunities;
            var users = rows.People().Names;
            var open = opportunities.Where(o => o.IsOpen).ToList();
            var recycled = rows.RecycledLeads;
            var returned = recycled.Where(r => r.IsReturned).ToList();
            var lost = opportunities.Count(o => o.State == Opportunity.State.Lost);
            var segmentRows = rows.StageStatistics.Where(row => row.SegmentKey != null).ToList();
            var stages = rows.StageStatistics
                .Where(row => row.SegmentKey == null)
                .Select(row => new StageRow
                {
                    StageKey = row.StageKey,
                    Stage = StageKeys.DisplayName(row.StageKey),
                    CompletedSamples = row.Statistics.Count,
                    MeanDays = Math.Round(row.Statistics.Mean, 2),
                    StandardDeviationDays = Math.Round(row.Statistics.StandardDeviation, 2),
                    Trusted = policy.Trusts(row.Statistics),
                    WarnAfterDays = Math.Round(policy.WarningDays(row.Statistics), 2),
                    StallAfterDays = Math.Round(policy.StallDays(row.Statistics), 2),
                    Segments = SegmentRows(row.StageKey, row.Statistics, segmentRows, open, policy),
                })
                .OrderBy(s => s.StageKey, StringComparer.Ordinal)
                .ToList();

            return new SandboxReport
            {
                AsOf = asOf,
                Opportunities = new Dictionary<string, int>
                {
                    ["open"] = open.Count,
                    ["won"] = opportunities.Count(o => o.State == Opportunity.State.Won),
                    ["lost"] = lost,
                },
                Stages = stages,
                Aging = new AgingSection
                {
                    Warned = open.Count(o => o.Aging == AgingStatus.Warning),
                    Stalled = open.Count(o => o.Aging == AgingStatus.Stalled),
                    ByStage = open.Where(o => o.Aging is AgingStatus.Warning or AgingStatus.Stalled)
                        .GroupBy(o => StageKeys.DisplayName(o.StageKey ?? "none"))
                        .Select(g => new CountRow { Name = g.Key, Warned = g.Count(o => o.Aging == AgingStatus.Warning), Stalled = g.Count(o => o.Aging == AgingStatus.Stalled) })
                        .OrderBy(r => r.Name, StringComparer.Ordinal).ToList(),
                    ByOwner = open.Where(o => o.Aging is AgingStatus.Warning or AgingStatus.Stalled)
                        .GroupBy(o => users.TryGetValue(o.OwnerId, out var name) ? name : "unknown")
                        .Select(g => new CountRow { Name = g.Key, Warned = g.Count(o => o.Aging == AgingStatus.Warning), Stalled = g.Count(o => o.Aging == AgingStatus.Stalled) })
                        .OrderBy(r => r.Name, StringComparer.Ordinal).ToList(),
                },
                RecycledLeads = new RecycledSection
                {
                    Total = recycled.Count,
                    Active = recycled.Count(r => r.RecycleType == RecycleType.Active),
                    Passive = recycled.Count(r => r.RecycleType == RecycleType.Passive),
                    ByReason = Histogram(recycled, r => ReportValues.Label(Labels.Reasons, r.Reason)),
                    ByStream = Histogram(recycled.Where(r => r.IsNurtured), r => ReportValues.Label(Labels.Streams, r.NurtureStream!.Value)),
                    ByStatus = Histogram(recycled, r => StatusName(r.Status)),
                },
                ReturnsToRep = new ReturnsSection
                {
                    Returned = returned.Count,
                    // Of the leads put in nurture (a stream): those removed from the waterfall could never return. Null when there is none to divide by.
                    ReturnRate = NurturedCount(recycled) == 0 ? null : Math.Round((double)returned.Count / NurturedCount(recycled), 4),
                    MeanDaysToReengage = returned.Count == 0 ? null : Math.Round(returned.Average(r =>
                        (r.ReturnedOn.GetValueOrDefault() - r.RecycledOn.GetValueOrDefault()).TotalDays), 1),
                },
                Headline = HeadlineSection.From(rows),
                Outcomes = OutcomesSection.From(rows, lost),
                Waterfall = WaterfallSection.From(rows),
                Velocity = VelocitySection.From(rows, stages, asOf, policy.Segments?.Column),
                Money = MoneySection.From(rows),
                Trend = TrendSection.From(rows, asOf),
                ServiceLevels = ServiceLevelSection.From(rows, asOf),
                CallsPerEvent = calls.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new CallRow
                {
                    Event = p.Key,
                    Events = p.Value.Events,
                    Calls = p.Value.Calls,
                    CallsPerEvent = p.Value.Events == 0 ? 0 : Math.Round((double)p.Value.Calls / p.Value.Events, 2),
                }).ToList(),
            };
        }

        /// <summary>
        /// A stage's segments (stall.segmentColumn), each with the thresholds its deals are judged by: its own when it has
        /// enough stays and the stage is trusted, else the stage's. Null when the stage has no segment row.
        /// </summary>
        private static List<SegmentRow>? SegmentRows(string stageKey, StageStatistics stage, IReadOnlyList<StageStatisticRow> segmentRows, IReadOnlyList<OpportunityRow> open, StallPolicy policy)
        {
            var prefix = stageKey + "|";
            var rows = segmentRows
                .Where(row => row.StageKey.StartsWith(prefix, StringComparison.Ordinal) && row.StageKey.Length == prefix.Length + row.SegmentKey!.Length)
                .Select(row =>
                {
                    var stats = row.Statistics;
                    var segmentKey = row.SegmentKey!;
                    var label = row.Segment ?? segmentKey;
                    var own = policy.Trusts(stage) && policy.Trusts(stats) && policy.Segments != null && policy.Segments.IsCurrent(segmentKey);
                    var flagged = open.Where(o => o.StageKey == stageKey && o.StallSegment == label).ToList();
                    return new SegmentRow
                    {
                        SegmentKey = segmentKey,
                        Segment = label,
                        CompletedSamples = stats.Count,
                        MeanDays = Math.Round(stats.Mean, 2),
                        Trusted = own,
                        WarnAfterDays = Math.Round(policy.WarningDays(own ? stats : stage), 2),
                        StallAfterDays = Math.Round(policy.StallDays(own ? stats : stage), 2),
                        Warned = flagged.Count(o => o.Aging == AgingStatus.Warning),
                        Stalled = flagged.Count(o => o.Aging == AgingStatus.Stalled),
                    };
                })
                .OrderBy(s => s.SegmentKey, StringComparer.Ordinal)
                .ToList();
            return rows.Count == 0 ? null : rows;
        }

        public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });

        private static string StatusName(int status) => status switch
        {
            RecycledLead.Status.Nurturing => "Nurturing",
            RecycledLead.Status.ReturnedToSales => "Returned to sales",
            RecycledLead.Status.RemovedFromWaterfall => "Removed from waterfall",
            RecycledLead.Status.Cancelled => "Cancelled (reopened)",
            RecycledLead.Status.Expired => "Expired",
            _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        private static int NurturedCount(IEnumerable<RecycledLeadRow> recycled) => recycled.Count(r => r.IsNurtured);

        private static Dictionary<string, int> Histogram(IEnumerable<RecycledLeadRow> rows, Func<RecycledLeadRow, string> key) =>
            rows.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

        public sealed class StageRow
        {
            [JsonPropertyName("stageKey")] public string StageKey { get; init; } = string.Empty;

            [JsonPropertyName("stage")] public string Stage { get; init; } = string.Empty;

            [JsonPropertyName("completedSamples")] public long CompletedSamples { get; init; }

            [JsonPropertyName("meanDays")] public double MeanDays { get; init; }

            [JsonPropertyName("standardDeviationDays")] public double StandardDeviationDays { get; init; }

            [JsonPropertyName("trusted")] public bool Trusted { get; init; }

            [JsonPropertyName("warnAfterDays")] public double WarnAfterDays { get; init; }

            [JsonPropertyName("stallAfterDays")] public double StallAfterDays { get; init; }

            /// <summary>With stall.segmentColumn set: the stage's segments and their thresholds; left out otherwise.</summary>
            [JsonPropertyName("segments")]
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
            public List<SegmentRow>? Segments { get; init; }
        }

        /// <summary>One segment of a stage (stall.segmentColumn) and the thresholds its deals are judged by.</summary>
        public sealed class SegmentRow
        {
            [JsonPropertyName("segmentKey")] public string SegmentKey { get; init; } = string.Empty;

            [JsonPropertyName("segment")] public string Segment { get; init; } = string.Empty;

            [JsonPropertyName("completedSamples")] public long CompletedSamples { get; init; }

            [JsonPropertyName("meanDays")] public double MeanDays { get; init; }

            /// <summary>True when the segment's own mean sets its thresholds; false when its deals use the stage's (too few stays).</summary>
            [JsonPropertyName("trusted")] public bool Trusted { get; init; }

            [JsonPropertyName("warnAfterDays")] public double WarnAfterDays { get; init; }

            [JsonPropertyName("stallAfterDays")] public double StallAfterDays { get; init; }

            /// <summary>Open deals warned by this segment's threshold (their lr_stallsegment is the segment).</summary>
            [JsonPropertyName("warned")] public int Warned { get; init; }

            [JsonPropertyName("stalled")] public int Stalled { get; init; }
        }

        public sealed class AgingSection
        {
            [JsonPropertyName("warned")] public int Warned { get; init; }

            [JsonPropertyName("stalled")] public int Stalled { get; init; }

            [JsonPropertyName("byStage")] public List<CountRow> ByStage { get; init; } = new List<CountRow>();

            [JsonPropertyName("byOwner")] public List<CountRow> ByOwner { get; init; } = new List<CountRow>();
        }

        public sealed class CountRow
        {
            [JsonPropertyName("name")] public string Name { get; init; } = string.Empty;

            [JsonPropertyName("warned")] public int Warned { get; init; }

            [JsonPropertyName("stalled")] public int Stalled { get; init; }
        }

        public sealed class RecycledSection
        {
            [JsonPropertyName("total")] public int Total { get; init; }

            [JsonPropertyName("active")] public int Active { get; init; }

            [JsonPropertyName("passive")] public int Passive { get; init; }

            [JsonPropertyName("byReason")] public Dictionary<string, int> ByReason { get; init; } = new Dictionary<string, int>();

            [JsonPropertyName("byStream")] public Dictionary<string, int> ByStream { get; init; } = new Dictionary<string, int>();

            [JsonPropertyName("byStatus")] public Dictionary<string, int> ByStatus { get; init; } = new Dictionary<string, int>();
        }

        public sealed class ReturnsSection
        {
            [JsonPropertyName("returned")] public int Returned { get; init; }

            /// <summary>Returned to sales / recycled leads that were nurtured.</summary>
            [JsonPropertyName("returnRate")] public double? ReturnRate { get; init; }

            [JsonPropertyName("meanDaysToReengage")] public double? MeanDaysToReengage { get; init; }
        }

        public sealed class CallRow
        {
            [JsonPropertyName("event")] public string Event { get; init; } = string.Empty;

            [JsonPropertyName("events")] public int Events { get; init; }

            [JsonPropertyName("calls")] public long Calls { get; init; }

            [JsonPropertyName("callsPerEvent")] public double CallsPerEvent { get; init; }
        }
    }
}
