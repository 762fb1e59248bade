using System;
using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// Percentiles by the nearest-rank method: the P-th percentile of n values is the value at rank ceil(P/100 x n) in
    /// ascending order, always one of the values observed (NIST/SEMATECH e-Handbook of Statistical Methods, 7.2.6.2
    /// "Percentiles"; Wikipedia, "Percentile", the nearest-rank method). The median is the 50th percentile by the same
    /// rule, so with an even count it is the lower of the two middle values. Chosen because a day count a sales leader
    /// reads should be a stay that happened, not an interpolation between two.
    /// </summary>
    public static class NearestRank
    {
        /// <summary>The P-th percentile (0 &lt; P &lt;= 100) of the values, or null when there are none.</summary>
        public static double? Percentile(IEnumerable<double> values, double percent)
        {
            if (percent <= 0 || percent > 100)
            {
                throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentile is above 0 and at most 100.");
            }

            var sorted = values.OrderBy(v => v).ToList();
            if (sorted.Count == 0)
            {
                return null;
            }

            // The small tolerance keeps 80 % of 10 at rank 8 although 0.8 x 10 is 8.000000000000002 in binary.
            var rank = (int)Math.Ceiling((percent / 100.0 * sorted.Count) - 1e-9);
            return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
        }

        public static double? Median(IEnumerable<double> values) => Percentile(values, 50);
    }
}
