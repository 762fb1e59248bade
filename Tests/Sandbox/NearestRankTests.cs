using System;
using LeadRecycle.Sandbox;
using Xunit;

namespace LeadRecycle.Tests.Sandbox
{
    public sealed class NearestRankTests
    {
        // The worked example of Wikipedia's "Percentile" article, nearest-rank method: 15, 20, 35, 40, 50.
        [Theory]
        [InlineData(5, 15)]
        [InlineData(30, 20)]
        [InlineData(40, 20)]
        [InlineData(50, 35)]
        [InlineData(100, 50)]
        public void Should_pick_the_value_at_rank_ceil_p_n_when_the_percentile_is_asked(double percent, double expected)
        {
            Assert.Equal(expected, NearestRank.Percentile(new double[] { 40, 15, 50, 35, 20 }, percent));
        }

        [Fact]
        public void Should_give_the_lower_middle_value_as_median_and_the_eighth_of_ten_as_p80()
        {
            Assert.Equal(2, NearestRank.Median(new double[] { 4, 1, 3, 2 }));
            Assert.Equal(8, NearestRank.Percentile(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 80)); // 0.8 x 10 is 8.000000000000002 in binary
        }

        [Fact]
        public void Should_return_null_when_there_are_no_values()
        {
            Assert.Null(NearestRank.Median(Array.Empty<double>()));
            Assert.Throws<ArgumentOutOfRangeException>(() => NearestRank.Percentile(new double[] { 1 }, 0));
        }
    }
}
