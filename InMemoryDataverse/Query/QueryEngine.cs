using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.InMemoryDataverse.Query
{
    /// <summary>Runs QueryExpression / QueryByAttribute over the store: filters, links, orders and paging.</summary>
    internal sealed class QueryEngine
    {
        /// <summary>Dataverse returns at most 5,000 rows per page when the query names no page size.</summary>
        public const int DefaultPageSize = 5000;

        private readonly Func<string?, TableSchema> _schemaOf;
        private readonly EntityStore _store;
        private readonly Func<EntityReference, string?>? _names;
        private readonly Dictionary<string, Regex> _likePatterns = new Dictionary<string, Regex>(StringComparer.Ordinal);

        public QueryEngine(Func<string?, TableSchema> schemaOf, EntityStore store, Func<EntityReference, string?>? names)
        {
            _schemaOf = schemaOf;
            _store = store;
            _names = names;
        }

        public static QueryExpression ToQueryExpression(QueryByAttribute query)
        {
            if (query.Attributes.Count != query.Values.Count)
            {
                throw Faults.InvalidArgument("QueryByAttribute must have the same number of attributes and values.");
            }

            var expression = new QueryExpression(query.EntityName)
            {
                ColumnSet = query.ColumnSet ?? new ColumnSet(),
                PageInfo = query.PageInfo ?? new PagingInfo(),
                TopCount = query.TopCount,
            };
            for (var i = 0; i < query.Attributes.Count; i++)
            {
                var value = query.Values[i];
                expression.Criteria.Conditions.Add(value == null
                    ? new ConditionExpression(query.Attributes[i], ConditionOperator.Null)
                    : new ConditionExpression(query.Attributes[i], ConditionOperator.Equal, value));
            }

            foreach (var order in query.Orders)
            {
                expression.Orders.Add(order);
            }

            return expression;
        }

        /// <param name="canRead">Security's row filter: rows (main or linked) it refuses are left out, as Dataverse silently does.</param>
        public EntityCollection Execute(QueryExpression query, Guid callingUserId, Func<string, Entity, bool>? canRead = null)
        {
            if (!QueryProfile.On)
            {
                return ExecuteCore(query, callingUserId, canRead);
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            _rowsExamined = 0;
            _indexed = false;
            var result = ExecuteCore(query, callingUserId, canRead);
            QueryProfile.Add(query, _indexed, System.Diagnostics.Stopwatch.GetTimestamp() - started, _rowsExamined);
            return result;
        }

        // Only for QueryProfile.
        private long _rowsExamined;
        private bool _indexed;

        private EntityCollection ExecuteCore(QueryExpression query, Guid callingUserId, Func<string, Entity, bool>? canRead)
        {
            var main = _schemaOf(query.EntityName);
            var plan = new QueryPlan(main, query, _schemaOf, _likePatterns);
            var table = _store.Table(main);
            var rows = new List<StoredRow?[]>();
            if (_store.UseIndexes && IsWholeTableRead(plan, query, canRead))
            {
                // Every row, in scan order: each page is a slice of the table's rows in sequence, not a sort of them all.
                var ordered = table.RowsInScanOrder();
                return Page(ordered.Count, i => new StoredRow?[] { ordered[i] }, query, plan);
            }

            var byId = _store.UseIndexes ? RowByPrimaryId(plan, table) : null;
            var seek = byId == null && _store.UseIndexes && table.Count >= _store.IndexMinimumRows ? IndexSeek.Choose(plan, query, table) : null;
            var sorted = false;
            if (seek != null)
            {
                _store.IndexedQueries++;
                _indexed = true;
            }

            if (byId != null)
            {
                // "primary id = X": the row stored under X is the only one that can match (its id column holds its key).
                if (byId.Value.Row != null)
                {
                    Collect(byId.Value.Row, plan, rows, callingUserId, canRead);
                }
            }
            else if (seek == null)
            {
                foreach (var row in table.StoredRows)
                {
                    Collect(row, plan, rows, callingUserId, canRead);
                }
            }
            else if (seek.InScanOrder && !query.Distinct && !(query.PageInfo?.ReturnTotalRecordCount ?? false))
            {
                // The index hands rows over in the query's order: read only as far as the page (and one more row, for MoreRecords).
                var needed = RowsNeeded(query);
                foreach (var entry in seek.Entries)
                {
                    Collect(entry.Row!, plan, rows, callingUserId, canRead);
                    if (rows.Count >= needed)
                    {
                        break;
                    }
                }

                sorted = true;
            }
            else
            {
                foreach (var entry in seek.Entries)
                {
                    Collect(entry.Row!, plan, rows, callingUserId, canRead);
                }
            }

            if (!sorted)
            {
                // Rows come out in the order they were inserted, whichever way they were found, so ties sort the same.
                SortBySequence(rows);
            }

            if (query.Orders.Count > 0 && !sorted)
            {
                Sort(rows, query.Orders, main);
            }

            if (query.Distinct)
            {
                rows = Distinct(rows, plan);
            }

            return Page(rows.Count, i => rows[i], query, plan);
        }

        /// <summary>A query for every row as it is stored: no filter, link, order or distinct, and no row security.</summary>
        private static bool IsWholeTableRead(QueryPlan plan, QueryExpression query, Func<string, Entity, bool>? canRead) =>
            canRead == null && plan.Criteria == null && plan.Links.Count == 0 && query.Orders.Count == 0 && !query.Distinct;

        /// <summary>The row a top-level "primary id equals" condition names (Row null: there is none); null when the query has no such condition.</summary>
        private static (StoredRow? Row, bool Found)? RowByPrimaryId(QueryPlan plan, TableData table)
        {
            if (plan.Criteria == null || plan.Criteria.IsOr)
            {
                return null;
            }

            foreach (var condition in plan.Criteria.Conditions)
            {
                if (condition.Slot == 0 && condition.Operator == ConditionOperator.Equal && condition.Operand is Guid id
                    && condition.Attribute == plan.Main.PrimaryIdColumn)
                {
                    return table.TryGetRow(id, out var row) ? (row, true) : (null, false);
                }
            }

            return null;
        }

        private void Collect(StoredRow row, QueryPlan plan, List<StoredRow?[]> rows, Guid callingUserId, Func<string, Entity, bool>? canRead)
        {
            _rowsExamined++;
            if (canRead != null && !canRead(plan.Main.LogicalName, row.ToEntity(plan.Main.LogicalName)))
            {
                return;
            }

            if (plan.Links.Count == 0)
            {
                var single = new StoredRow?[] { row };
                if (Matches(plan.Criteria, single, callingUserId))
                {
                    rows.Add(single);
                }

                return;
            }

            var combos = new List<StoredRow?[]> { NewCombo(plan.Links.Count + 1, row) };
            foreach (var link in plan.Links)
            {
                combos = Join(combos, link, callingUserId, canRead);
                if (combos.Count == 0)
                {
                    return;
                }
            }

            foreach (var combo in combos)
            {
                if (Matches(plan.Criteria, combo, callingUserId))
                {
                    rows.Add(combo);
                }
            }
        }

        private static int RowsNeeded(QueryExpression query)
        {
            if (query.TopCount is int top)
            {
                return top;
            }

            var pageSize = query.PageInfo != null && query.PageInfo.Count > 0 ? query.PageInfo.Count : DefaultPageSize;
            var pageNumber = query.PageInfo != null && query.PageInfo.PageNumber > 1 ? query.PageInfo.PageNumber : 1;
            return (int)Math.Min(int.MaxValue, ((long)pageNumber * pageSize) + 1);
        }

        // Stable: the combos of one main row keep their join order.
        private static void SortBySequence(List<StoredRow?[]> rows)
        {
            if (rows.Count < 2)
            {
                return;
            }

            var keyed = new (long Sequence, int Index, StoredRow?[] Row)[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                keyed[i] = (rows[i][0]!.Sequence, i, rows[i]);
            }

            Array.Sort(keyed, (left, right) => left.Sequence != right.Sequence ? left.Sequence.CompareTo(right.Sequence) : left.Index.CompareTo(right.Index));
            for (var i = 0; i < keyed.Length; i++)
            {
                rows[i] = keyed[i].Row;
            }
        }

        private static StoredRow?[] NewCombo(int size, StoredRow row)
        {
            var combo = new StoredRow?[size];
            combo[0] = row;
            return combo;
        }

        private List<StoredRow?[]> Join(List<StoredRow?[]> combos, LinkPlan link, Guid callingUserId, Func<string, Entity, bool>? canRead)
        {
            var result = new List<StoredRow?[]>(combos.Count);
            foreach (var combo in combos)
            {
                var parent = combo[link.ParentSlot];
                var matched = false;
                if (parent != null && parent.TryGetValue(link.Link.LinkFromAttributeName, out var fromValue) && fromValue != null)
                {
                    var candidates = link.Lookup(_store, Values.Normalize(fromValue)!);
                    if (candidates != null)
                    {
                        foreach (var candidate in candidates)
                        {
                            if (canRead != null && !canRead(link.Link.LinkToEntityName, candidate.ToEntity(link.Link.LinkToEntityName)))
                            {
                                continue;
                            }

                            var extended = (StoredRow?[])combo.Clone();
                            extended[link.Slot] = candidate;
                            if (Matches(link.Criteria, extended, callingUserId))
                            {
                                result.Add(extended);
                                matched = true;
                            }
                        }
                    }
                }

                if (!matched && link.Link.JoinOperator == JoinOperator.LeftOuter)
                {
                    result.Add(combo);
                }
            }

            return result;
        }

        private static bool Matches(CompiledFilter? filter, StoredRow?[] combo, Guid callingUserId)
        {
            if (filter == null)
            {
                return true;
            }

            var isOr = filter.IsOr;
            var any = false;
            foreach (var condition in filter.Conditions)
            {
                var result = condition.Evaluate(combo[condition.Slot], callingUserId);
                if (isOr == result)
                {
                    return result;
                }

                any = true;
            }

            foreach (var child in filter.Filters)
            {
                var result = Matches(child, combo, callingUserId);
                if (isOr == result)
                {
                    return result;
                }

                any = true;
            }

            return !isOr || !any;
        }

        private static void Sort(List<StoredRow?[]> rows, DataCollection<OrderExpression> orders, TableSchema main)
        {
            var indexed = new List<(StoredRow?[] Row, int Index)>(rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                indexed.Add((rows[i], i));
            }

            indexed.Sort((left, right) =>
            {
                foreach (var order in orders)
                {
                    left.Row[0]!.TryGetValue(order.AttributeName, out var leftValue);
                    right.Row[0]!.TryGetValue(order.AttributeName, out var rightValue);
                    leftValue = Values.Normalize(leftValue);
                    rightValue = Values.Normalize(rightValue);
                    int comparison;
                    if (leftValue == null || rightValue == null)
                    {
                        // SQL Server sorts nulls first in ascending order.
                        comparison = leftValue == null ? (rightValue == null ? 0 : -1) : 1;
                    }
                    else
                    {
                        comparison = Values.Compare(leftValue, rightValue);
                    }

                    if (comparison != 0)
                    {
                        return order.OrderType == OrderType.Descending ? -comparison : comparison;
                    }
                }

                return left.Index.CompareTo(right.Index);
            });
            rows.Clear();
            foreach (var item in indexed)
            {
                rows.Add(item.Row);
            }
        }

        private static List<StoredRow?[]> Distinct(List<StoredRow?[]> rows, QueryPlan plan)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<StoredRow?[]>(rows.Count);
            foreach (var row in rows)
            {
                var key = new StringBuilder();
                for (var slot = 0; slot < row.Length; slot++)
                {
                    if (slot == 0 || plan.Links[slot - 1].HasColumns)
                    {
                        key.Append(row[slot]?.Id.ToString("N") ?? "-").Append('|');
                    }
                }

                if (seen.Add(key.ToString()))
                {
                    result.Add(row);
                }
            }

            return result;
        }

        private EntityCollection Page(int count, Func<int, StoredRow?[]> rowAt, QueryExpression query, QueryPlan plan)
        {
            var result = new EntityCollection { EntityName = query.EntityName };
            int skip;
            int take;
            var pageNumber = 1;
            if (query.TopCount is int top)
            {
                skip = 0;
                take = top;
            }
            else
            {
                var pageSize = query.PageInfo != null && query.PageInfo.Count > 0 ? query.PageInfo.Count : DefaultPageSize;
                pageNumber = query.PageInfo != null && query.PageInfo.PageNumber > 1 ? query.PageInfo.PageNumber : 1;
                skip = (pageNumber - 1) * pageSize;
                take = pageSize;
            }

            var end = Math.Min(count, skip + take);
            for (var i = skip; i < end; i++)
            {
                result.Entities.Add(Project(rowAt(i), query, plan));
            }

            result.MoreRecords = query.TopCount == null && count > end;
            result.TotalRecordCount = query.PageInfo != null && query.PageInfo.ReturnTotalRecordCount ? count : -1;
            if (result.Entities.Count > 0)
            {
                var first = result.Entities[0].Id;
                var last = result.Entities[result.Entities.Count - 1].Id;
                result.PagingCookie = string.Format(CultureInfo.InvariantCulture,
                    "<cookie page=\"{0}\"><{1} last=\"{{{2}}}\" first=\"{{{3}}}\" /></cookie>",
                    pageNumber, plan.Main.PrimaryIdColumn, last.ToString("D").ToUpperInvariant(), first.ToString("D").ToUpperInvariant());
            }

            return result;
        }

        private Entity Project(StoredRow?[] row, QueryExpression query, QueryPlan plan)
        {
            var source = row[0]!;
            var entity = Project(source, plan.Main.LogicalName, query.ColumnSet, plan.Main.PrimaryIdColumn, _names);
            for (var i = 0; i < plan.Links.Count; i++)
            {
                var link = plan.Links[i];
                var linked = row[link.Slot];
                if (linked == null || !link.HasColumns)
                {
                    continue;
                }

                var columns = link.Link.Columns;
                if (columns.AllColumns)
                {
                    for (var slot = 0; slot < linked.Count; slot++)
                    {
                        var column = linked.ColumnAt(slot);
                        entity.Attributes[link.Alias + "." + column] =
                            new AliasedValue(link.Schema.LogicalName, column, Values.CopyOut(linked.ValueAt(slot), _names));
                    }
                }
                else
                {
                    foreach (var column in columns.Columns)
                    {
                        if (linked.TryGetValue(column, out var value) && value != null)
                        {
                            entity.Attributes[link.Alias + "." + column] = new AliasedValue(link.Schema.LogicalName, column, Values.CopyOut(value, _names));
                        }
                    }
                }
            }

            return entity;
        }

        /// <summary>A copy of a stored row with the requested columns (and always the primary id), as Retrieve returns it.</summary>
        public static Entity Project(StoredRow source, string logicalName, ColumnSet? columnSet, string primaryIdColumn, Func<EntityReference, string?>? names)
        {
            var entity = new Entity(logicalName, source.Id);
            if (columnSet != null && columnSet.AllColumns)
            {
                for (var slot = 0; slot < source.Count; slot++)
                {
                    entity.Attributes[source.ColumnAt(slot)] = Values.CopyOut(source.ValueAt(slot), names);
                }

                return entity;
            }

            if (columnSet != null)
            {
                foreach (var column in columnSet.Columns)
                {
                    if (source.TryGetValue(column, out var value) && value != null)
                    {
                        entity.Attributes[column] = Values.CopyOut(value, names);
                    }
                }
            }

            entity.Attributes[primaryIdColumn] = source.Id;
            return entity;
        }
    }
}
