using System;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// Running statistics of completed stage durations (days): count, mean and M2 (sum of squared deviations),
    /// updated one sample at a time by Welford's method, or merged with another batch (Chan et al.'s parallel
    /// form) when the scan folds recorded durations in. Immutable.
    /// </summary>
    public readonly struct StageStatistics : IEquatable<StageStatistics>
    {
        public StageStatistics(long count, double mean, double m2)
        {
            if (count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            Count = count;
            Mean = count == 0 ? 0 : mean;
            M2 = count == 0 ? 0 : Math.Max(0, m2);
        }

        public static StageStatistics Empty => default;

        public long Count { get; }

        public double Mean { get; }

        public double M2 { get; }

        /// <summary>Sample variance (n - 1); zero below two samples.</summary>
        public double Variance => Count < 2 ? 0 : M2 / (Count - 1);

        public double StandardDeviation => Math.Sqrt(Variance);

        public StageStatistics Add(double days)
        {
            if (double.IsNaN(days) || double.IsInfinity(days) || days < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(days), days, "A stage duration is a non-negative number of days.");
            }

            var count = Count + 1;
            var delta = days - Mean;
            var mean = Mean + (delta / count);
            var m2 = M2 + (delta * (days - mean));
            return new StageStatistics(count, mean, m2);
        }

        public StageStatistics Merge(StageStatistics other)
        {
            if (other.Count == 0)
            {
                return this;
            }

            if (Count == 0)
            {
                return other;
            }

            var count = Count + other.Count;
            var delta = other.Mean - Mean;
            var mean = Mean + (delta * other.Count / count);
            var m2 = M2 + other.M2 + (delta * delta * Count * other.Count / count);
            return new StageStatistics(count, mean, m2);
        }

        public bool Equals(StageStatistics other) => Count == other.Count && Mean.Equals(other.Mean) && M2.Equals(other.M2);

        public override bool Equals(object? obj) => obj is StageStatistics other && Equals(other);

        public override int GetHashCode() => Count.GetHashCode() ^ Mean.GetHashCode() ^ M2.GetHashCode();

        public override string ToString() =>
            string.Format(System.Globalization.CultureInfo.InvariantCulture, "n={0}, mean={1:0.###}d, sd={2:0.###}d", Count, Mean, StandardDeviation);
    }
}
