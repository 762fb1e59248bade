using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using LeadRecycle.Schema;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// Outcomes by nurture stream and by reason: which reasons and streams bring prospects back, how fast, and what
    /// they became. SiriusDecisions links each disqualification reason to its nurture stream and judges recycling by
    /// the demand it reactivates (seed "Removing Obstacles to Recycled Lead Nurturing"); this is that measurement.
    /// </summary>
    public sealed class OutcomesSection
    {
        [JsonPropertyName("byStream")] public List<OutcomeRow> ByStream { get; init; } = new List<OutcomeRow>();

        [JsonPropertyName("byReason")] public List<OutcomeRow> ByReason { get; init; } = new List<OutcomeRow>();

        [JsonPropertyName("total")] public OutcomeRow Total { get; init; } = new OutcomeRow { Name = "All recycled leads" };

        /// <summary>Why the section has no rows, when it has none.</summary>
        [JsonPropertyName("whyEmpty")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? WhyEmpty { get; init; }

        public const string NoStream = "(no stream: removed from the waterfall)";

        public static OutcomesSection From(ReportRows rows, int lostDeals)
        {
            var recycled = rows.RecycledLeads;
            return new OutcomesSection
            {
                ByStream = Rows(recycled, r => r.NurtureStream is int stream ? ReportValues.Label(Labels.Streams, stream) : NoStream),
                ByReason = Rows(recycled, r => ReportValues.Label(Labels.Reasons, r.Reason)),
                Total = Row("All recycled leads", recycled.ToList()),
                WhyEmpty = recycled.Count > 0 ? null
                    : lostDeals > 0
                        ? $"No recycled lead: the {lostDeals} lost deal(s) came in as history (a replay imports closed deals as they closed and recycles nothing; `simulate` plays losses through the plug-ins), and no open deal's service level lapsed."
                        : "No recycled lead: no deal was lost or disqualified with a Return-to-Nurture reason and no stalled deal's service level lapsed.",
            };
        }

        /// <summary>One row per category, largest first (ties by name), so the biggest source of recycled demand leads.</summary>
        private static List<OutcomeRow> Rows(IEnumerable<RecycledLeadRow> recycled, Func<RecycledLeadRow, string> category) =>
            recycled.GroupBy(category)
                .Select(g => Row(g.Key, g.ToList()))
                .OrderByDescending(r => r.Recycled).ThenBy(r => r.Name, StringComparer.Ordinal)
                .ToList();

        public static OutcomeRow Row(string name, IReadOnlyList<RecycledLeadRow> leads)
        {
            var nurtured = leads.Count(l => l.IsNurtured);
            var returned = leads.Where(l => l.IsReturned).ToList();
            var days = returned.Select(l => l.DaysToReengage).Where(d => d != null).Select(d => d!.Value).ToList();
            var won = leads.Where(l => l.IsWonAfterReturn).ToList();
            var why = new List<string>();
            if (leads.Count == 0)
            {
                why.Add("every figure n/a or zero: nothing was recycled");
            }
            else if (nurtured == 0)
            {
                why.Add("return rate n/a: none of these was put in a nurture stream (removed from the waterfall), so none could return");
            }

            if (days.Count == 0 && leads.Count > 0)
            {
                why.Add(nurtured == 0 ? "days to re-engage n/a: nothing nurtured" : "days to re-engage n/a: none has returned to sales yet");
            }

            if (won.Count == 0 && returned.Count > 0)
            {
                why.Add(leads.Any(l => l.ReturnOutcome != null)
                    ? "no win after return: the returned leads' opportunities that closed were lost"
                    : "no win after return yet: no opportunity from a returned lead has closed (the attribution columns are empty)");
            }

            return new OutcomeRow
            {
                Name = name,
                Recycled = leads.Count,
                Nurturing = leads.Count(l => l.Status == RecycledLead.Status.Nurturing),
                Returned = returned.Count,
                Removed = leads.Count(l => l.Status == RecycledLead.Status.RemovedFromWaterfall),
                Expired = leads.Count(l => l.Status == RecycledLead.Status.Expired),
                Cancelled = leads.Count(l => l.Status == RecycledLead.Status.Cancelled),
                Nurtured = nurtured,
                ReturnRate = ReportValues.Share(returned.Count, nurtured),
                MedianDaysToReengage = ReportValues.Round(NearestRank.Median(days), 1),
                P80DaysToReengage = ReportValues.Round(NearestRank.Percentile(days, 80), 1),
                WonAfterReturn = won.Count,
                LostAfterReturn = leads.Count(l => l.ReturnOutcome == ReturnOutcome.Lost),
                RevenueWonAfterReturn = won.Sum(l => l.ReturnRevenue),
                Why = why.Count == 0 ? null : string.Join("; ", why),
            };
        }

        public sealed class OutcomeRow
        {
            [JsonPropertyName("name")] public string Name { get; init; } = string.Empty;

            [JsonPropertyName("recycled")] public int Recycled { get; init; }

            [JsonPropertyName("nurturing")] public int Nurturing { get; init; }

            [JsonPropertyName("returned")] public int Returned { get; init; }

            [JsonPropertyName("removed")] public int Removed { get; init; }

            [JsonPropertyName("expired")] public int Expired { get; init; }

            /// <summary>Cancelled because the rep reopened the deal before marketing finished.</summary>
            [JsonPropertyName("cancelled")] public int Cancelled { get; init; }

            /// <summary>Put in a nurture stream: the return rate's denominator.</summary>
            [JsonPropertyName("nurtured")] public int Nurtured { get; init; }

            /// <summary>Returned / nurtured; null when nothing was nurtured.</summary>
            [JsonPropertyName("returnRate")] public double? ReturnRate { get; init; }

            [JsonPropertyName("medianDaysToReengage")] public double? MedianDaysToReengage { get; init; }

            [JsonPropertyName("p80DaysToReengage")] public double? P80DaysToReengage { get; init; }

            [JsonPropertyName("wonAfterReturn")] public int WonAfterReturn { get; init; }

            [JsonPropertyName("lostAfterReturn")] public int LostAfterReturn { get; init; }

            [JsonPropertyName("revenueWonAfterReturn")] public decimal RevenueWonAfterReturn { get; init; }

            /// <summary>Why a figure of this row is n/a or zero, when one is.</summary>
            [JsonPropertyName("why")]
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
            public string? Why { get; init; }
        }
    }
}
