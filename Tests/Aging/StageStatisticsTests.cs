using System;
using System.Linq;
using LeadRecycle.Services.Aging;
using Xunit;

namespace LeadRecycle.Tests.Aging
{
    public sealed class StageStatisticsTests
    {
        [Fact]
        public void Should_equal_the_batch_computation_when_samples_are_added_one_by_one()
        {
            var random = new Random(20261123);
            var samples = Enumerable.Range(0, 5000).Select(_ => random.NextDouble() * 90).ToArray();

            var running = samples.Aggregate(StageStatistics.Empty, (statistics, days) => statistics.Add(days));

            var mean = samples.Average();
            var variance = samples.Sum(d => (d - mean) * (d - mean)) / (samples.Length - 1);
            Assert.Equal(samples.Length, running.Count);
            Assert.Equal(mean, running.Mean, 9);
            Assert.Equal(variance, running.Variance, 7);
        }

        [Fact]
        public void Should_equal_one_pass_when_batches_are_merged_in_any_split()
        {
            var random = new Random(7);
            var samples = Enumerable.Range(0, 1000).Select(_ => Math.Round(random.NextDouble() * 40, 2)).ToArray();
            var whole = samples.Aggregate(StageStatistics.Empty, (s, d) => s.Add(d));

            foreach (var split in new[] { 0, 1, 17, 500, 999, 1000 })
            {
                var left = samples.Take(split).Aggregate(StageStatistics.Empty, (s, d) => s.Add(d));
                var right = samples.Skip(split).Aggregate(StageStatistics.Empty, (s, d) => s.Add(d));

                var merged = left.Merge(right);

                Assert.Equal(whole.Count, merged.Count);
                Assert.Equal(whole.Mean, merged.Mean, 9);
                Assert.Equal(whole.Variance, merged.Variance, 7);
            }
        }

        [Theory]
        [InlineData(-1.0)]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        public void Should_refuse_a_duration_that_is_not_a_number_of_days(double days)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => StageStatistics.Empty.Add(days));
        }

        [Fact]
        public void Should_report_zero_variance_below_two_samples()
        {
            Assert.Equal(0, StageStatistics.Empty.Variance);
            Assert.Equal(0, StageStatistics.Empty.Add(5).Variance);
            Assert.Equal(2, StageStatistics.Empty.Add(4).Add(6).Variance);
        }
    }

    public sealed class StallPolicyTests
    {
        private static readonly StageStatistics TenSamplesMeanFive =
            Enumerable.Range(0, 10).Aggregate(StageStatistics.Empty, (s, i) => s.Add(i % 2 == 0 ? 4 : 6));

        [Theory]
        [InlineData(9.9, StallVerdict.Moving)]
        [InlineData(10.5, StallVerdict.Warning)]
        [InlineData(15.0, StallVerdict.Warning)]
        [InlineData(15.1, StallVerdict.Stalled)]
        public void Should_warn_at_twice_and_stall_at_three_times_the_stage_mean(double daysInStage, StallVerdict expected)
        {
            Assert.Equal(expected, StallPolicy.Default.Judge(TenSamplesMeanFive, daysInStage));
        }

        [Fact]
        public void Should_use_the_fallback_days_until_the_stage_has_enough_samples()
        {
            var nineSamples = Enumerable.Range(0, 9).Aggregate(StageStatistics.Empty, (s, _) => s.Add(5));

            Assert.False(StallPolicy.Default.Trusts(nineSamples));
            Assert.Equal(30, StallPolicy.Default.StallDays(nineSamples));
            Assert.Equal(20, StallPolicy.Default.WarningDays(nineSamples));
            Assert.Equal(StallVerdict.Moving, StallPolicy.Default.Judge(nineSamples, 16));
            Assert.Equal(StallVerdict.Stalled, StallPolicy.Default.Judge(nineSamples, 31));
        }

        [Fact]
        public void Should_trust_the_stage_mean_once_it_has_the_minimum_samples()
        {
            Assert.True(StallPolicy.Default.Trusts(TenSamplesMeanFive));
            Assert.Equal(15, StallPolicy.Default.StallDays(TenSamplesMeanFive), 9);
        }
    }
}
