using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using LeadRecycle.Schema;

namespace LeadRecycle.Sandbox
{
    /// <summary>What <see cref="SyntheticHistory"/> generates: how many deals, over which years, from which seed.</summary>
    public sealed class SyntheticHistoryOptions
    {
        public const int MaximumDeals = 10_000_000;

        public int Deals { get; init; } = 10_000;

        public int Seed { get; init; } = 2026;

        /// <summary>The day the history was exported: nothing happens after it, and deals still moving then are open.</summary>
        public DateTime ExportedOn { get; init; } = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public int Years { get; init; } = 5;
    }

    /// <summary>
    /// A synthetic opportunity history in the generic CSV format, for trying LeadRecycle without data and for
    /// reproducing the scale figures: deals created evenly over the years before the export, moving through four
    /// stages, each at its own pace (a stay is the sum of two exponential draws, so most deals are near the stage's
    /// pace and a few take far longer); some deals are abandoned in a stage and sit open there until the export, some stick in a stage for many times its pace and are still open, long
    /// past it, on the export date; deals are lost at every stage and won or lost at the last one, with reasons from
    /// LeadRecycle's standard list, reasons outside it and no reason; reps report to managers; values are spread from
    /// small deals to large ones. The same options always give the same file, written row by row (a million deals
    /// never sit in memory).
    /// </summary>
    public static class SyntheticHistory
    {
        public static readonly string Header = "opportunity_id,owner,owner_manager,account,stage,stage_entered_on,created_on,closed_on,state,loss_reason,value";

        /// <summary>The four stages and each one's pace in days: qualification is quick, development is the long one.</summary>
        public static readonly IReadOnlyList<(string Name, double PaceDays)> Stages = new[]
        {
            ("Qualify", 9.0),
            ("Develop", 24.0),
            ("Propose", 14.0),
            ("Close", 7.0),
        };

        /// <summary>The share of deals lost at each stage's exit; at the last stage the rest are won.</summary>
        private static readonly double[] LossAtExit = { 0.18, 0.15, 0.2, 0.4 };

        /// <summary>The share of deals that stick in one stage, and how many times the pace a stuck stay lasts (from, to).</summary>
        private const double StickShare = 0.12;
        private const double StickFrom = 4;
        private const double StickTo = 40;

        /// <summary>
        /// The share of deals abandoned in each stage they enter: nobody closes them, and they sit open in that stage until
        /// the export — the bloat of open, unmoving deals that recycling is for.
        /// </summary>
        private const double AbandonAtEntry = 0.1;

        /// <summary>Reasons outside LeadRecycle's list, as exports carry them: the replay assumes 'Unable to reach' for these.</summary>
        private static readonly string[] OtherReasons = { "Price", "Went dark", "Other", "No decision" };

        /// <summary>Deals per rep and reps per manager.</summary>
        private const int DealsPerRep = 250;
        private const int RepsPerManager = 8;

        public static void Write(TextWriter writer, SyntheticHistoryOptions options, Action<int>? dealsDone = null)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ArgumentNullException.ThrowIfNull(options);
            if (options.Deals < 1 || options.Deals > SyntheticHistoryOptions.MaximumDeals)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.Deals, $"The number of deals must be from 1 to {SyntheticHistoryOptions.MaximumDeals:N0}.");
            }

            if (options.Years < 1 || options.Years > 30)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.Years, "The number of years must be from 1 to 30.");
            }

            var random = new Random(options.Seed);
            var reps = Math.Max(4, options.Deals / DealsPerRep);
            var accounts = Math.Max(10, options.Deals / 5);
            var start = options.ExportedOn.AddYears(-options.Years);
            var spanDays = (options.ExportedOn - start).TotalDays;
            var standardReasons = Labels.Reasons.Where(r => r.Key != DisqualificationReason.StalledInStage).Select(r => r.Value).ToArray();

            writer.WriteLine(Header);
            for (var deal = 0; deal < options.Deals; deal++)
            {
                var rep = random.Next(reps);
                var created = start.AddDays(Math.Floor(random.NextDouble() * spanDays));
                var stuckStage = random.NextDouble() < StickShare ? random.Next(Stages.Count) : -1;
                var entered = created;
                var stage = 0;
                string state = "open";
                DateTime? closed = null;
                string? lossReason = null;
                while (random.NextDouble() >= AbandonAtEntry)
                {
                    var pace = Stages[stage].PaceDays;
                    var days = stage == stuckStage
                        ? pace * (StickFrom + (random.NextDouble() * (StickTo - StickFrom)))
                        : pace * (Exponential(random) + Exponential(random)) / 2;
                    var exit = entered.AddDays(Math.Max(1, Math.Round(days)));
                    if (exit >= options.ExportedOn)
                    {
                        break;
                    }

                    var lost = random.NextDouble() < LossAtExit[stage];
                    if (lost || stage == Stages.Count - 1)
                    {
                        state = lost ? "lost" : "won";
                        closed = exit;
                        lossReason = lost ? LossReason(random, standardReasons) : null;
                        break;
                    }

                    stage++;
                    entered = exit;
                }

                writer.Write("D");
                writer.Write(deal.ToString("D7", CultureInfo.InvariantCulture));
                writer.Write(",rep-");
                writer.Write(rep.ToString("D5", CultureInfo.InvariantCulture));
                writer.Write(",manager-");
                writer.Write((rep / RepsPerManager).ToString("D4", CultureInfo.InvariantCulture));
                writer.Write(",Account ");
                writer.Write(random.Next(accounts).ToString("D6", CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(Stages[stage].Name);
                writer.Write(',');
                writer.Write(entered.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(created.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(closed?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty);
                writer.Write(',');
                writer.Write(state);
                writer.Write(',');
                writer.Write(lossReason ?? string.Empty);
                writer.Write(',');
                writer.WriteLine(Value(random).ToString(CultureInfo.InvariantCulture));
                if ((deal & 0x3FFF) == 0)
                {
                    dealsDone?.Invoke(deal);
                }
            }

            dealsDone?.Invoke(options.Deals);
        }

        private static double Exponential(Random random) => -Math.Log(1 - random.NextDouble());

        /// <summary>Three in four losses give a standard reason, one in six a reason of their own, the rest none.</summary>
        private static string? LossReason(Random random, string[] standardReasons)
        {
            var draw = random.NextDouble();
            return draw < 0.75 ? standardReasons[random.Next(standardReasons.Length)]
                : draw < 0.92 ? OtherReasons[random.Next(OtherReasons.Length)]
                : null;
        }

        /// <summary>A deal's value: log-uniform from 1,000 to 500,000, rounded to hundreds (most deals small, a few large).</summary>
        private static decimal Value(Random random) =>
            Math.Round((decimal)Math.Exp(Math.Log(1_000) + (random.NextDouble() * (Math.Log(500_000) - Math.Log(1_000)))) / 100m) * 100m;
    }
}
