using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Configuration
{
    /// <summary>What routing a re-engaged prospect back to sales creates.</summary>
    public enum ReturnAction
    {
        /// <summary>A new lead owned by the rep, carrying the nurture history (default).</summary>
        NewLead,

        /// <summary>The original opportunity, reopened and assigned to the rep.</summary>
        ReopenOpportunity,
    }

    /// <summary>
    /// Seed 002's disposition rule: engagement accrues (points that decay with age) and a recycled lead returns to
    /// its original rep at its stream's threshold, or at once when the prospect answers 3 or 4 (seed 003).
    /// </summary>
    public sealed class EngagementPolicy
    {
        public EngagementPolicy(
            IReadOnlyDictionary<EngagementType, decimal> points,
            double halfLifeDays,
            decimal defaultThreshold,
            IReadOnlyDictionary<NurtureStream, decimal> thresholds,
            IReadOnlyCollection<int> routeOnLikelihood,
            EntityReference? fallbackOwner,
            ReturnAction returnAction,
            int maxRecycles,
            int nurtureDays)
        {
            NurtureDays = nurtureDays;
            Points = points;
            HalfLifeDays = halfLifeDays;
            DefaultThreshold = defaultThreshold;
            Thresholds = thresholds;
            RouteOnLikelihood = routeOnLikelihood;
            FallbackOwner = fallbackOwner;
            ReturnAction = returnAction;
            MaxRecycles = maxRecycles;
        }

        /// <summary>The engagement section of the compiled defaults, declared in PolicySettings.</summary>
        public static EngagementPolicy Default => RecyclePolicy.Default.Engagement;

        public IReadOnlyDictionary<EngagementType, decimal> Points { get; }

        public double HalfLifeDays { get; }

        public decimal DefaultThreshold { get; }

        public IReadOnlyDictionary<NurtureStream, decimal> Thresholds { get; }

        /// <summary>Likelihood answers (1-4) that return the lead at once.</summary>
        public IReadOnlyCollection<int> RouteOnLikelihood { get; }

        /// <summary>A team (or user) that takes the lead when neither the rep nor the rep's manager can.</summary>
        public EntityReference? FallbackOwner { get; }

        public ReturnAction ReturnAction { get; }

        /// <summary>A prospect recycled more often than this is removed from the waterfall.</summary>
        public int MaxRecycles { get; }

        /// <summary>
        /// How long a prospect stays in nurture without re-engaging before the nightly scan expires its recycled lead
        /// (status Expired): a nurture ends, so a prospect who never answers leaves marketing's audience.
        /// </summary>
        public int NurtureDays { get; }

        public decimal ThresholdFor(NurtureStream? stream) =>
            stream != null && Thresholds.TryGetValue(stream.Value, out var threshold) ? threshold : DefaultThreshold;

        public decimal PointsFor(EngagementType type) => Points.TryGetValue(type, out var points) ? points : 0;

        public bool RoutesAtOnce(Likelihood? likelihood) =>
            likelihood != null && RouteOnLikelihood.Contains(LikelihoodScale.ToScore(likelihood.Value));
    }

    /// <summary>Exponential decay of engagement points: half the weight every half-life.</summary>
    public static class EngagementScore
    {
        /// <summary>A score known as of one moment, carried forward to a later one.</summary>
        public static decimal DecayTo(decimal score, DateTime scoredOn, DateTime asOf, double halfLifeDays)
        {
            if (score <= 0 || asOf <= scoredOn)
            {
                return Math.Max(0, score);
            }

            return Math.Round(score * (decimal)Factor(asOf - scoredOn, halfLifeDays), 4);
        }

        /// <summary>The score after one event, all as of <paramref name="asOf"/>.</summary>
        public static decimal Add(decimal score, DateTime scoredOn, decimal points, DateTime occurredOn, DateTime asOf, double halfLifeDays)
        {
            var carried = DecayTo(score, scoredOn, asOf, halfLifeDays);
            var age = occurredOn >= asOf ? TimeSpan.Zero : asOf - occurredOn;
            return Math.Round(carried + (points * (decimal)Factor(age, halfLifeDays)), 4);
        }

        private static double Factor(TimeSpan age, double halfLifeDays) => Math.Pow(0.5, age.TotalDays / halfLifeDays);
    }
}
