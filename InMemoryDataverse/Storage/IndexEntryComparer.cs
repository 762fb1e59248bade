using System.Collections.Generic;

namespace LeadRecycle.InMemoryDataverse.Storage
{
    /// <summary>
    /// Orders index entries as the query engine orders rows: column by column with nulls first (SQL Server's ascending
    /// order) and Dataverse's comparison (strings ignore case), ties by insertion sequence, which is the order a scan
    /// returns rows in, so an index walk and a scan agree row for row.
    /// </summary>
    internal sealed class IndexEntryComparer : IComparer<IndexEntry>
    {
        public static readonly IndexEntryComparer Instance = new IndexEntryComparer();

        public int Compare(IndexEntry x, IndexEntry y)
        {
            var left = x.Key;
            var right = y.Key;
            for (var i = 0; i < left.Length; i++)
            {
                var comparison = CompareValues(left[i], right[i]);
                if (comparison != 0)
                {
                    return comparison;
                }
            }

            return x.Sequence.CompareTo(y.Sequence);
        }

        public static int CompareValues(object? left, object? right)
        {
            var leftRank = RankOf(left);
            var rightRank = RankOf(right);
            if (leftRank != rightRank)
            {
                return leftRank.CompareTo(rightRank);
            }

            return leftRank == 3 ? Values.Compare(left!, right!) : 0;
        }

        private static int RankOf(object? value) => value == null ? 1 : value is IndexBound bound ? bound.Rank : 3;
    }
}
