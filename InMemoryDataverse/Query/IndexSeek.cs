using System;
using System.Collections.Generic;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.InMemoryDataverse.Query
{
    /// <summary>
    /// How one query reads its main table through an index: the top-level AND conditions of the main table give an
    /// equality prefix (Equal, Null), then the columns of top-level OR filters that test one column for membership
    /// only ("x null or x not in (...)": skip columns), then at most one range column (the first order, else the first
    /// range condition). The seek returns a superset of the matching rows (the whole filter is still evaluated on
    /// each), in index order.
    /// </summary>
    /// <remarks>
    /// A skip column is read as a skip scan: the index hands over the distinct values the column holds under the
    /// prefix (few, for a status or a stage), each is tested against its OR filter, and only the ranges of the values
    /// that pass are read, merged back into one stream in range-column-then-sequence order. Without it such a query
    /// re-reads every row it has already flagged out of its own result (a page of "not yet stalled" deals walked past
    /// all the stalled ones), which made the stall scan quadratic.
    /// </remarks>
    internal sealed class IndexSeek
    {
        private readonly ColumnIndex _index;
        private readonly List<(IndexEntry Low, IndexEntry High)> _ranges;

        /// <summary>The key position the merged ranges are ordered by before the sequence; -1: by sequence only.</summary>
        private readonly int _mergePosition;

        private IndexSeek(ColumnIndex index, List<(IndexEntry Low, IndexEntry High)> ranges, int mergePosition, bool inScanOrder)
        {
            _index = index;
            _ranges = ranges;
            _mergePosition = mergePosition;
            InScanOrder = inScanOrder;
        }

        /// <summary>
        /// The rows come out in the order the query returns them (its one ascending order, or the scan's order when it
        /// has none), so reading can stop once the page is full.
        /// </summary>
        public bool InScanOrder { get; }

        public IEnumerable<IndexEntry> Entries =>
            _ranges.Count == 0 ? Array.Empty<IndexEntry>()
            : _ranges.Count == 1 ? _index.Between(_ranges[0].Low, _ranges[0].High)
            : Merge();

        /// <summary>The seek for this query, or null when no index can narrow it (the engine scans then).</summary>
        public static IndexSeek? Choose(QueryPlan plan, QueryExpression query, TableData table)
        {
            var topLevelAnd = plan.Criteria != null && !plan.Criteria.IsOr;
            var conditions = topLevelAnd ? plan.Criteria!.Conditions : Array.Empty<CompiledCondition>();
            var equalities = new SortedDictionary<string, object?>(StringComparer.Ordinal);
            foreach (var condition in conditions)
            {
                if (condition.Slot != 0 || equalities.ContainsKey(condition.Attribute))
                {
                    continue;
                }

                if (condition.Operator == ConditionOperator.Null
                    || (condition.Operator == ConditionOperator.Equal && ColumnIndex.IsOrderable(condition.Operand!.GetType())))
                {
                    equalities.Add(condition.Attribute, condition.Operator == ConditionOperator.Null ? null : condition.Operand);
                }
            }

            string? rangeColumn = query.Orders.Count > 0 ? query.Orders[0].AttributeName : null;
            if (rangeColumn == null)
            {
                foreach (var condition in conditions)
                {
                    if (condition.Slot == 0 && BoundsOf(condition) != null)
                    {
                        rangeColumn = condition.Attribute;
                        break;
                    }
                }
            }

            if (equalities.Count == 0 && rangeColumn == null)
            {
                return null;
            }

            var skips = new SortedDictionary<string, CompiledFilter>(StringComparer.Ordinal);
            if (topLevelAnd)
            {
                foreach (var child in plan.Criteria!.Filters)
                {
                    var column = SkipColumnOf(child);
                    if (column != null && column != rangeColumn && !equalities.ContainsKey(column) && !skips.ContainsKey(column))
                    {
                        skips.Add(column, child);
                    }
                }
            }

            var columns = new List<string>(equalities.Keys);
            columns.AddRange(skips.Keys);
            if (rangeColumn != null)
            {
                columns.Add(rangeColumn);
            }

            var index = table.IndexOn(columns.ToArray());
            if (index == null)
            {
                return null;
            }

            var prefix = new object?[equalities.Count + skips.Count];
            var position = 0;
            foreach (var equality in equalities)
            {
                if (!Fits(index, position, equality.Value))
                {
                    return null;
                }

                prefix[position] = equality.Value;
                position++;
            }

            var rangePosition = prefix.Length;
            object? lowValue = IndexBound.Lowest;
            object? highValue = IndexBound.Highest;
            var lowSequence = long.MinValue;
            var highSequence = long.MaxValue;
            if (rangeColumn != null)
            {
                var ranged = false;
                foreach (var condition in conditions)
                {
                    var found = condition.Slot == 0 && condition.Attribute == rangeColumn ? BoundsOf(condition) : null;
                    if (found == null)
                    {
                        continue;
                    }

                    var bounds = found.Value;
                    if (!Fits(index, rangePosition, bounds.Low) || !Fits(index, rangePosition, bounds.High))
                    {
                        return null;
                    }

                    ranged = true;
                    if (bounds.Low != null && lowValue is IndexBound)
                    {
                        lowValue = bounds.Low;
                        lowSequence = bounds.LowInclusive ? long.MinValue : long.MaxValue;
                    }

                    if (bounds.High != null && highValue is IndexBound)
                    {
                        highValue = bounds.High;
                        highSequence = bounds.HighInclusive ? long.MaxValue : long.MinValue;
                    }
                }

                // A range condition never matches null, and nulls sort first.
                if (ranged && lowValue is IndexBound)
                {
                    lowValue = IndexBound.AboveNull;
                }
            }

            var ranges = new List<(IndexEntry Low, IndexEntry High)>();
            var skipFilters = new List<CompiledFilter>(skips.Values);
            foreach (var group in Groups(index, prefix, equalities.Count, skipFilters))
            {
                var low = new object?[columns.Count];
                var high = new object?[columns.Count];
                Array.Copy(group, low, group.Length);
                Array.Copy(group, high, group.Length);
                if (rangeColumn != null)
                {
                    low[rangePosition] = lowValue;
                    high[rangePosition] = highValue;
                }

                ranges.Add((new IndexEntry(low, lowSequence), new IndexEntry(high, highSequence)));
            }

            var inOrder = rangeColumn != null
                ? query.Orders.Count == 1 && query.Orders[0].OrderType == OrderType.Ascending
                : query.Orders.Count == 0;
            return new IndexSeek(index, ranges, rangeColumn != null ? rangePosition : -1, inOrder);
        }

        /// <summary>
        /// The column of a filter that only tests one main-table column for (non-)membership: an OR of Null, NotNull,
        /// Equal, NotEqual, In and NotIn on it. Each of these compares a value the way the index orders it (strings
        /// ignoring case), so all the rows of one index value pass or fail it together.
        /// </summary>
        private static string? SkipColumnOf(CompiledFilter filter)
        {
            if (!filter.IsOr || filter.Filters.Length > 0 || filter.Conditions.Length == 0)
            {
                return null;
            }

            var column = filter.Conditions[0].Attribute;
            foreach (var condition in filter.Conditions)
            {
                if (condition.Slot != 0 || condition.Attribute != column)
                {
                    return null;
                }

                switch (condition.Operator)
                {
                    case ConditionOperator.Null:
                    case ConditionOperator.NotNull:
                    case ConditionOperator.Equal:
                    case ConditionOperator.NotEqual:
                    case ConditionOperator.In:
                    case ConditionOperator.NotIn:
                        break;
                    default:
                        return null;
                }
            }

            return column;
        }

        /// <summary>
        /// The key prefixes (equalities, then one value per skip column) whose rows can pass the skip filters: the
        /// distinct values under each prefix, read from the index one seek apiece, tested on a row that holds them.
        /// </summary>
        private static IEnumerable<object?[]> Groups(ColumnIndex index, object?[] prefix, int position, List<CompiledFilter> skipFilters)
        {
            if (position == prefix.Length)
            {
                yield return (object?[])prefix.Clone();
                yield break;
            }

            var filter = skipFilters[position - (prefix.Length - skipFilters.Count)];
            var width = index.Columns.Length;
            var high = Bound(prefix, position, IndexBound.Highest, width, long.MaxValue);
            var low = Bound(prefix, position, IndexBound.Lowest, width, long.MinValue);
            while (true)
            {
                IndexEntry? first = null;
                foreach (var entry in index.Between(low, high))
                {
                    first = entry;
                    break;
                }

                if (first == null)
                {
                    yield break;
                }

                var value = index.KeyAt(first.Value, position);
                if (Passes(filter, first.Value.Row!))
                {
                    prefix[position] = value;
                    foreach (var group in Groups(index, prefix, position + 1, skipFilters))
                    {
                        yield return group;
                    }
                }

                // Past every entry holding this value: the rest of the key at its highest.
                var next = new object?[width];
                Array.Copy(prefix, next, position);
                next[position] = value;
                for (var i = position + 1; i < width; i++)
                {
                    next[i] = IndexBound.Highest;
                }

                low = new IndexEntry(next, long.MaxValue);
            }
        }

        private static IndexEntry Bound(object?[] prefix, int position, IndexBound rest, int width, long sequence)
        {
            var key = new object?[width];
            Array.Copy(prefix, key, position);
            for (var i = position; i < width; i++)
            {
                key[i] = rest;
            }

            return new IndexEntry(key, sequence);
        }

        private static bool Passes(CompiledFilter orFilter, StoredRow row)
        {
            foreach (var condition in orFilter.Conditions)
            {
                // No skip-column operator depends on the calling user.
                if (condition.Evaluate(row, Guid.Empty))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The ranges' entries merged in index order of the range column, then sequence (scan order).</summary>
        private IEnumerable<IndexEntry> Merge()
        {
            var queue = new PriorityQueue<IEnumerator<IndexEntry>, IndexEntry>(new MergeOrder(_index, _mergePosition));
            var readers = new List<IEnumerator<IndexEntry>>();
            try
            {
                foreach (var range in _ranges)
                {
                    var reader = _index.Between(range.Low, range.High).GetEnumerator();
                    readers.Add(reader);
                    if (reader.MoveNext())
                    {
                        queue.Enqueue(reader, reader.Current);
                    }
                }

                while (queue.TryDequeue(out var reader, out var entry))
                {
                    yield return entry;
                    if (reader.MoveNext())
                    {
                        queue.Enqueue(reader, reader.Current);
                    }
                }
            }
            finally
            {
                foreach (var reader in readers)
                {
                    reader.Dispose();
                }
            }
        }

        private sealed class MergeOrder : IComparer<IndexEntry>
        {
            private readonly ColumnIndex _index;
            private readonly int _position;

            public MergeOrder(ColumnIndex index, int position)
            {
                _index = index;
                _position = position;
            }

            public int Compare(IndexEntry x, IndexEntry y)
            {
                if (_position >= 0)
                {
                    var comparison = IndexEntryComparer.CompareValues(_index.ValueAt(x, _position), _index.ValueAt(y, _position));
                    if (comparison != 0)
                    {
                        return comparison;
                    }
                }

                return x.Sequence.CompareTo(y.Sequence);
            }
        }

        private static bool Fits(ColumnIndex index, int position, object? operand)
        {
            if (operand == null)
            {
                return true;
            }

            var stored = index.TypeAt(position);
            return ColumnIndex.IsOrderable(operand.GetType()) && (stored == null || stored == operand.GetType());
        }

        private static (object? Low, bool LowInclusive, object? High, bool HighInclusive)? BoundsOf(CompiledCondition condition)
        {
            switch (condition.Operator)
            {
                case ConditionOperator.GreaterThan:
                    return (condition.Operand, false, null, false);
                case ConditionOperator.GreaterEqual:
                    return (condition.Operand, true, null, false);
                case ConditionOperator.LessThan:
                    return (null, false, condition.Operand, false);
                case ConditionOperator.LessEqual:
                    return (null, false, condition.Operand, true);
                case ConditionOperator.Between:
                    return (condition.OperandValues[0], true, condition.OperandValues[1], true);
                default:
                    return null;
            }
        }
    }
}
