using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// The demand waterfall through the sales stages: how many deals reach each stage, how many move on, where deals
    /// leave for nurture (active or passive), and where recycled leads re-enter lead development. Seed "Removing
    /// Obstacles to Recycled Lead Nurturing" reads a lead management black hole off exactly these waterfall metrics;
    /// seed "Lead Nurturing - Step 1: Review your current lead to opportunity to customer process" asks for the funnel
    /// with each stage precisely defined.
    /// </summary>
    public sealed class WaterfallSection
    {
        /// <summary>Stage names in pipeline order; <see cref="StageOrderAssumed"/> when the order rests on the names.</summary>
        [JsonPropertyName("stageOrder")] public List<string> StageOrder { get; init; } = new List<string>();

        [JsonPropertyName("stageOrderAssumed")] public bool StageOrderAssumed { get; init; }

        [JsonPropertyName("stages")] public List<StageRow> Stages { get; init; } = new List<StageRow>();

        /// <summary>Recycled leads by where they left: a deal's stage, or "Lead (before a deal)" for a disqualified lead.</summary>
        [JsonPropertyName("exitsToNurture")] public List<ExitRow> ExitsToNurture { get; init; } = new List<ExitRow>();

        /// <summary>Recycled leads by the lead-development stage they re-enter at (lr_targetstage), largest first.</summary>
        [JsonPropertyName("reentryStages")] public List<NameCount> ReentryStages { get; init; } = new List<NameCount>();

        [JsonPropertyName("whyEmpty")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? WhyEmpty { get; init; }

        public const string BeforeADeal = "Lead (before a deal)";

        public const string NoTargetStage = "(not given)";

        public static WaterfallSection From(ReportRows rows)
        {
            var deals = rows.Opportunities.Where(o => o.StageKey != null).ToList();
            var keys = global::LeadRecycle.Sandbox.StageOrder.Sort(deals.Select(StageKeyOf)
                .Concat(rows.StageDurations.Select(d => d.StageKey).OfType<string>()));
            var index = keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);

            // The furthest stage each deal reached: its stays (lr_stageduration) and its stage now. A deal further on
            // is counted as having passed every stage before (the pipeline is one line of stages).
            var furthest = deals.ToDictionary(d => d.Id, d => index[StageKeyOf(d)]);
            foreach (var stay in rows.StageDurations)
            {
                if (stay.OpportunityId is Guid deal && stay.StageKey != null && furthest.TryGetValue(deal, out var reached) && index.TryGetValue(stay.StageKey, out var at) && at > reached)
                {
                    furthest[deal] = at;
                }
            }

            var stageOfDeal = deals.ToDictionary(d => d.Id, StageKeyOf);
            var stages = new List<StageRow>();
            for (var i = 0; i < keys.Count; i++)
            {
                var here = deals.Where(d => index[StageKeyOf(d)] == i).ToList();
                var entered = furthest.Values.Count(f => f >= i);
                var open = here.Count(d => d.IsOpen);
                var won = here.Count(d => d.State == Opportunity.State.Won);
                var advanced = furthest.Values.Count(f => f > i);
                var last = i == keys.Count - 1;
                var left = entered - open;
                stages.Add(new StageRow
                {
                    StageKey = keys[i],
                    Stage = StageKeys.DisplayName(keys[i]),
                    Entered = entered,
                    OpenHere = open,
                    Advanced = advanced,
                    WonHere = won,
                    LostHere = here.Count(d => d.State == Opportunity.State.Lost),
                    Left = left,
                    ConversionToNext = last ? null : ReportValues.Share(advanced, left),
                    WinRateOfLeft = last ? ReportValues.Share(won, left) : null,
                });
            }

            var exits = rows.RecycledLeads.GroupBy(r =>
                    r.OpportunityId is Guid deal && stageOfDeal.TryGetValue(deal, out var key) ? StageKeys.DisplayName(key)
                        : r.OpportunityId != null ? r.StageAtRecycle ?? "Unknown"
                        : BeforeADeal)
                .Select(g => new ExitRow
                {
                    Name = g.Key,
                    Active = g.Count(r => r.RecycleType == RecycleType.Active),
                    Passive = g.Count(r => r.RecycleType == RecycleType.Passive),
                    Total = g.Count(),
                })
                .ToList();
            var names = keys.Select(StageKeys.DisplayName).ToList();
            foreach (var stage in stages)
            {
                var exit = exits.FirstOrDefault(e => e.Name == stage.Stage);
                stage.ExitsActive = exit?.Active ?? 0;
                stage.ExitsPassive = exit?.Passive ?? 0;
            }

            return new WaterfallSection
            {
                StageOrder = names,
                StageOrderAssumed = global::LeadRecycle.Sandbox.StageOrder.IsAssumed(keys),
                Stages = stages,
                // Pipeline order for the stages (a funnel reads top to bottom), then anything else by size.
                ExitsToNurture = exits.OrderBy(e => names.IndexOf(e.Name) is var at && at >= 0 ? at : int.MaxValue)
                    .ThenByDescending(e => e.Total).ThenBy(e => e.Name, StringComparer.Ordinal).ToList(),
                ReentryStages = NameCount.Sorted(rows.RecycledLeads.Select(r => r.TargetStage is int stage
                    ? ReportValues.Label(Labels.LeadDevelopmentStages, stage)
                    : NoTargetStage)),
                WhyEmpty = deals.Count == 0 ? "No deal with a stage: the organization (or the history up to the as-of date) has no opportunity." : null,
            };
        }

        /// <summary>The stage of a deal known to have one (the waterfall counts only those).</summary>
        private static string StageKeyOf(OpportunityRow deal) => deal.StageKey!;

        public sealed class StageRow
        {
            [JsonPropertyName("stageKey")] public string StageKey { get; init; } = string.Empty;

            [JsonPropertyName("stage")] public string Stage { get; init; } = string.Empty;

            /// <summary>Deals that reached the stage (it or a later one is their furthest).</summary>
            [JsonPropertyName("entered")] public int Entered { get; init; }

            [JsonPropertyName("openHere")] public int OpenHere { get; init; }

            /// <summary>Entered minus still open here: the deals whose fate in this stage is known.</summary>
            [JsonPropertyName("left")] public int Left { get; init; }

            /// <summary>Deals that went on to a later stage.</summary>
            [JsonPropertyName("advanced")] public int Advanced { get; init; }

            [JsonPropertyName("wonHere")] public int WonHere { get; init; }

            [JsonPropertyName("lostHere")] public int LostHere { get; init; }

            /// <summary>Advanced / left; null for the last stage, or when no deal has left the stage.</summary>
            [JsonPropertyName("conversionToNext")] public double? ConversionToNext { get; init; }

            /// <summary>The last stage only: won / left.</summary>
            [JsonPropertyName("winRateOfLeft")] public double? WinRateOfLeft { get; init; }

            [JsonPropertyName("exitsActive")] public int ExitsActive { get; set; }

            [JsonPropertyName("exitsPassive")] public int ExitsPassive { get; set; }
        }

        public sealed class ExitRow
        {
            [JsonPropertyName("name")] public string Name { get; init; } = string.Empty;

            [JsonPropertyName("active")] public int Active { get; init; }

            [JsonPropertyName("passive")] public int Passive { get; init; }

            [JsonPropertyName("total")] public int Total { get; init; }
        }
    }
}
