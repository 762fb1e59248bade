using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using LeadRecycle.Schema;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// The money in each state: what is open, what sits in slow and stalled deals, what went to nurture and came back,
    /// and what came back as revenue. Seed "Return to Nurture" names "opportunities that are endlessly open and bloat
    /// the true size of the pipeline" as the first symptom of stagnation; these are its amounts.
    /// </summary>
    public sealed class MoneySection
    {
        /// <summary>Sum of estimatedvalue over open deals.</summary>
        [JsonPropertyName("openPipelineValue")] public decimal OpenPipelineValue { get; init; }

        [JsonPropertyName("openDeals")] public int OpenDeals { get; init; }

        /// <summary>Open deals with no estimated value: counted as nothing in every sum here.</summary>
        [JsonPropertyName("openDealsWithoutValue")] public int OpenDealsWithoutValue { get; init; }

        [JsonPropertyName("warnedValue")] public decimal WarnedValue { get; init; }

        [JsonPropertyName("stalledValue")] public decimal StalledValue { get; init; }

        /// <summary>Sum of the recycled leads' estimated value (the deal's value when it left).</summary>
        [JsonPropertyName("recycledValue")] public decimal RecycledValue { get; init; }

        [JsonPropertyName("returnedValue")] public decimal ReturnedValue { get; init; }

        /// <summary>Sum of lr_returnrevenue over recycled leads whose outcome after return is Won.</summary>
        [JsonPropertyName("revenueWonAfterReturn")] public decimal RevenueWonAfterReturn { get; init; }

        /// <summary>Why an amount is zero, by field name, where it is.</summary>
        [JsonPropertyName("whyZero")] public Dictionary<string, string> WhyZero { get; init; } = new Dictionary<string, string>();

        public static MoneySection From(ReportRows rows)
        {
            var open = rows.Opportunities.Where(o => o.IsOpen).ToList();
            var recycled = rows.RecycledLeads;
            var returned = recycled.Where(r => r.IsReturned).ToList();
            var section = new MoneySection
            {
                OpenDeals = open.Count,
                OpenDealsWithoutValue = open.Count(o => o.EstimatedValue == null),
                OpenPipelineValue = open.Sum(o => o.Value),
                WarnedValue = open.Where(o => o.Aging == AgingStatus.Warning).Sum(o => o.Value),
                StalledValue = open.Where(o => o.Aging == AgingStatus.Stalled).Sum(o => o.Value),
                RecycledValue = recycled.Sum(r => r.EstimatedValue),
                ReturnedValue = returned.Sum(r => r.EstimatedValue),
                RevenueWonAfterReturn = recycled.Where(r => r.IsWonAfterReturn).Sum(r => r.ReturnRevenue),
            };
            Explain(section, "openPipelineValue", section.OpenPipelineValue, open.Count == 0 ? "no open deal" : "no open deal carries an estimated value");
            Explain(section, "warnedValue", section.WarnedValue, open.Any(o => o.Aging == AgingStatus.Warning) ? "the warned deals carry no estimated value" : "no open deal is past its stage's warning threshold");
            Explain(section, "stalledValue", section.StalledValue, open.Any(o => o.Aging == AgingStatus.Stalled) ? "the stalled deals carry no estimated value" : "no open deal is past its stage's stall threshold");
            Explain(section, "recycledValue", section.RecycledValue, recycled.Count == 0 ? "nothing was recycled" : "the recycled leads carry no estimated value");
            Explain(section, "returnedValue", section.ReturnedValue, returned.Count == 0 ? "no recycled lead has returned to sales" : "the returned leads carry no estimated value");
            Explain(section, "revenueWonAfterReturn", section.RevenueWonAfterReturn, returned.Count == 0 ? "no recycled lead has returned to sales"
                : !recycled.Any(r => r.IsWonAfterReturn) ? "no opportunity from a returned lead has been won yet" : "the wins after return carry no revenue");
            return section;
        }

        private static void Explain(MoneySection section, string field, decimal amount, string why)
        {
            if (amount == 0)
            {
                section.WhyZero[field] = why;
            }
        }
    }
}
