using System.Collections.Generic;

namespace LeadRecycle.InMemoryDataverse.Storage
{
    /// <summary>
    /// Orders one index's entries as the query engine orders rows: column by column with nulls first (SQL Server's
    /// ascending order) and Dataverse's comparison (strings ignore case), ties by insertion sequence, which is the order a
    /// scan returns rows in, so an index walk and a scan agree row for row. A row's values are read from the row itself.
    /// </summary>
    internal sealed class IndexEntryComparer : IComparer<IndexEntry>
    {
        private readonly ColumnIndex _index;

        public IndexEntryComparer(ColumnIndex index) => _index = index;

        public int Compare(IndexEntry x, IndexEntry y)
        {
            var width = _index.Columns.Length;
            for (var i = 0; i < width; i++)
            {
                var comparison = CompareValues(_index.ValueAt(x, i), _index.ValueAt(y, i));
                if (comparison != 0)
                {
                    return comparison;
                }
            }

            return x.Sequence.CompareTo(y.Sequence);
        }

        /// <summary>Two key values: stored (a lookup, a choice, money as they are stored), normalized, null or a bound marker.</summary>
        public static int CompareValues(object? left, object? right)
        {
            var leftRank = RankOf(left);
            var rightRank = RankOf(right);
            if (leftRank != rightRank)
            {
                return leftRank.CompareTo(rightRank);
            }

            return leftRank == 3 ? Values.CompareStored(left!, right!) : 0;
        }

        private static int RankOf(object? value) => value == null ? 1 : value is IndexBound bound ? bound.Rank : 3;
    }
}
