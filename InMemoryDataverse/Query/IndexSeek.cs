using System;
using System.Collections.Generic;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.InMemoryDataverse.Query
{
    /// <summary>
    /// How one query reads its main table through an index: the top-level AND conditions of the main table give an
    /// equality prefix (Equal, Null) and at most one range column (the first order, else the first range condition).
    /// The seek returns a superset of the matching rows (the whole filter is still evaluated on each), in index order.
    /// </summary>
    internal sealed class IndexSeek
    {
        private readonly ColumnIndex _index;
        private readonly IndexEntry _low;
        private readonly IndexEntry _high;

        private IndexSeek(ColumnIndex index, IndexEntry low, IndexEntry high, bool inScanOrder)
        {
            _index = index;
            _low = low;
            _high = high;
            InScanOrder = inScanOrder;
        }

        /// <summary>
        /// The rows come out in the order the query returns them (its one ascending order, or the scan's order when it
        /// has none), so reading can stop once the page is full.
        /// </summary>
        public bool InScanOrder { get; }

        public IEnumerable<IndexEntry> Entries => _index.Between(_low, _high);

        /// <summary>The seek for this query, or null when no index can narrow it (the engine scans then).</summary>
        public static IndexSeek? Choose(QueryPlan plan, QueryExpression query, TableData table)
        {
            var conditions = plan.Criteria != null && !plan.Criteria.IsOr ? plan.Criteria.Conditions : Array.Empty<CompiledCondition>();
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

            var columns = new List<string>(equalities.Keys);
            if (rangeColumn != null)
            {
                columns.Add(rangeColumn);
            }

            var index = table.IndexOn(columns.ToArray());
            if (index == null)
            {
                return null;
            }

            var low = new object?[columns.Count];
            var high = new object?[columns.Count];
            var position = 0;
            foreach (var equality in equalities)
            {
                if (!Fits(index, position, equality.Value))
                {
                    return null;
                }

                low[position] = equality.Value;
                high[position] = equality.Value;
                position++;
            }

            if (rangeColumn != null)
            {
                var lowSequence = long.MinValue;
                var highSequence = long.MaxValue;
                object? lowValue = IndexBound.Lowest;
                object? highValue = IndexBound.Highest;
                var ranged = false;
                foreach (var condition in conditions)
                {
                    var found = condition.Slot == 0 && condition.Attribute == rangeColumn ? BoundsOf(condition) : null;
                    if (found == null)
                    {
                        continue;
                    }

                    var bounds = found.Value;
                    if (!Fits(index, position, bounds.Low) || !Fits(index, position, bounds.High))
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

                low[position] = lowValue;
                high[position] = highValue;
                var inOrder = query.Orders.Count == 1 && query.Orders[0].OrderType == OrderType.Ascending;
                return new IndexSeek(index, new IndexEntry(low, lowSequence, Guid.Empty), new IndexEntry(high, highSequence, Guid.Empty), inOrder);
            }

            return new IndexSeek(index, new IndexEntry(low, long.MinValue, Guid.Empty), new IndexEntry(high, long.MaxValue, Guid.Empty), query.Orders.Count == 0);
        }

        // An operand of another type than the stored values would be compared as text, an order the index does not keep.
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
