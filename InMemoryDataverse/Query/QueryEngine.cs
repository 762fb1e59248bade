using System;
using System.Collections;
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
            var main = _schemaOf(query.EntityName);
            var plan = new QueryPlan(main, query, _schemaOf, _likePatterns);
            var table = _store.Table(main);
            var rows = new List<Entity?[]>();
            var slotCount = plan.Links.Count + 1;
            var hasLinks = slotCount > 1;
            var single = new Entity?[1];
            foreach (var row in table.Rows.Values)
            {
                if (canRead != null && !canRead(main.LogicalName, row))
                {
                    continue;
                }

                if (!hasLinks)
                {
                    single[0] = row;
                    if (Matches(plan.Criteria, single, callingUserId))
                    {
                        rows.Add(new Entity?[] { row });
                    }

                    continue;
                }

                var combos = new List<Entity?[]> { NewCombo(slotCount, row) };
                foreach (var link in plan.Links)
                {
                    combos = Join(combos, link, callingUserId, canRead);
                    if (combos.Count == 0)
                    {
                        break;
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

            if (query.Orders.Count > 0)
            {
                Sort(rows, query.Orders, main);
            }

            if (query.Distinct)
            {
                rows = Distinct(rows, plan);
            }

            return Page(rows, query, plan);
        }

        private static Entity?[] NewCombo(int size, Entity row)
        {
            var combo = new Entity?[size];
            combo[0] = row;
            return combo;
        }

        private List<Entity?[]> Join(List<Entity?[]> combos, LinkPlan link, Guid callingUserId, Func<string, Entity, bool>? canRead)
        {
            var result = new List<Entity?[]>(combos.Count);
            foreach (var combo in combos)
            {
                var parent = combo[link.ParentSlot];
                var matched = false;
                if (parent != null && parent.Attributes.TryGetValue(link.Link.LinkFromAttributeName, out var fromValue) && fromValue != null)
                {
                    var candidates = link.Lookup(_store, Values.Normalize(fromValue)!);
                    if (candidates != null)
                    {
                        foreach (var candidate in candidates)
                        {
                            if (canRead != null && !canRead(link.Link.LinkToEntityName, candidate))
                            {
                                continue;
                            }

                            var extended = (Entity?[])combo.Clone();
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

        private static bool Matches(CompiledFilter? filter, Entity?[] combo, Guid callingUserId)
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

        private static void Sort(List<Entity?[]> rows, DataCollection<OrderExpression> orders, TableSchema main)
        {
            var indexed = new List<(Entity?[] Row, int Index)>(rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                indexed.Add((rows[i], i));
            }

            indexed.Sort((left, right) =>
            {
                foreach (var order in orders)
                {
                    left.Row[0]!.Attributes.TryGetValue(order.AttributeName, out var leftValue);
                    right.Row[0]!.Attributes.TryGetValue(order.AttributeName, out var rightValue);
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

        private static List<Entity?[]> Distinct(List<Entity?[]> rows, QueryPlan plan)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<Entity?[]>(rows.Count);
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

        private EntityCollection Page(List<Entity?[]> rows, QueryExpression query, QueryPlan plan)
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

            var end = Math.Min(rows.Count, skip + take);
            for (var i = skip; i < end; i++)
            {
                result.Entities.Add(Project(rows[i], query, plan));
            }

            result.MoreRecords = query.TopCount == null && rows.Count > end;
            result.TotalRecordCount = query.PageInfo != null && query.PageInfo.ReturnTotalRecordCount ? rows.Count : -1;
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

        private Entity Project(Entity?[] row, QueryExpression query, QueryPlan plan)
        {
            var source = row[0]!;
            var entity = Project(source, query.ColumnSet, plan.Main.PrimaryIdColumn, _names);
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
                    foreach (var attribute in linked.Attributes)
                    {
                        entity.Attributes[link.Alias + "." + attribute.Key] =
                            new AliasedValue(link.Schema.LogicalName, attribute.Key, Values.CopyOut(attribute.Value, _names));
                    }
                }
                else
                {
                    foreach (var column in columns.Columns)
                    {
                        if (linked.Attributes.TryGetValue(column, out var value) && value != null)
                        {
                            entity.Attributes[link.Alias + "." + column] = new AliasedValue(link.Schema.LogicalName, column, Values.CopyOut(value, _names));
                        }
                    }
                }
            }

            return entity;
        }

        /// <summary>A copy of a stored row with the requested columns (and always the primary id), as Retrieve returns it.</summary>
        public static Entity Project(Entity source, ColumnSet? columnSet, string primaryIdColumn, Func<EntityReference, string?>? names)
        {
            var entity = new Entity(source.LogicalName, source.Id);
            if (columnSet != null && columnSet.AllColumns)
            {
                foreach (var attribute in source.Attributes)
                {
                    entity.Attributes[attribute.Key] = Values.CopyOut(attribute.Value, names);
                }

                return entity;
            }

            if (columnSet != null)
            {
                foreach (var column in columnSet.Columns)
                {
                    if (source.Attributes.TryGetValue(column, out var value) && value != null)
                    {
                        entity.Attributes[column] = Values.CopyOut(value, names);
                    }
                }
            }

            entity.Attributes[primaryIdColumn] = source.Id;
            return entity;
        }
    }

    /// <summary>The tables and slots of one query: slot 0 is the main table, then each link in declaration order.</summary>
    internal sealed class QueryPlan
    {
        private readonly Dictionary<string, int> _slotsByAlias = new Dictionary<string, int>(StringComparer.Ordinal);

        public QueryPlan(TableSchema main, QueryExpression query, Func<string?, TableSchema> schemaOf, Dictionary<string, Regex> likePatterns)
        {
            Main = main;
            ValidateColumns(main, query.ColumnSet);
            ValidateFilter(main, query.Criteria, allowQualified: true);
            foreach (var order in query.Orders)
            {
                main.GetColumn(order.AttributeName);
            }

            _slotsByAlias[main.LogicalName] = 0;
            var counters = new Dictionary<string, int>(StringComparer.Ordinal);
            AddLinks(query.LinkEntities, 0, main, schemaOf, counters);
            foreach (var link in Links)
            {
                ValidateFilter(link.Schema, link.Link.LinkCriteria, allowQualified: false);
            }

            ValidateQualified(query.Criteria);
            Criteria = CompiledFilter.Compile(query.Criteria, 0, this, likePatterns);
            foreach (var link in Links)
            {
                link.Criteria = CompiledFilter.Compile(link.Link.LinkCriteria, link.Slot, this, likePatterns);
            }
        }

        public TableSchema Main { get; }

        public CompiledFilter? Criteria { get; }

        public List<LinkPlan> Links { get; } = new List<LinkPlan>();

        public int SlotOf(string aliasOrName) =>
            _slotsByAlias.TryGetValue(aliasOrName, out var slot)
                ? slot
                : throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture,
                    "No link entity with the alias or name '{0}' in the query.", aliasOrName));

        private void AddLinks(DataCollection<LinkEntity> links, int parentSlot, TableSchema parent, Func<string?, TableSchema> schemaOf, Dictionary<string, int> counters)
        {
            foreach (var link in links)
            {
                var schema = schemaOf(link.LinkToEntityName);
                parent.GetColumn(link.LinkFromAttributeName);
                schema.GetColumn(link.LinkToAttributeName);
                ValidateColumns(schema, link.Columns);
                counters.TryGetValue(schema.LogicalName, out var count);
                counters[schema.LogicalName] = ++count;
                var alias = string.IsNullOrEmpty(link.EntityAlias) ? schema.LogicalName + count.ToString(CultureInfo.InvariantCulture) : link.EntityAlias;
                var slot = Links.Count + 1;
                Links.Add(new LinkPlan(link, schema, alias, parentSlot, slot));
                _slotsByAlias[alias] = slot;
                if (!_slotsByAlias.ContainsKey(schema.LogicalName))
                {
                    _slotsByAlias[schema.LogicalName] = slot;
                }

                AddLinks(link.LinkEntities, slot, schema, schemaOf, counters);
            }
        }

        private static void ValidateColumns(TableSchema schema, ColumnSet? columns)
        {
            if (columns == null || columns.AllColumns)
            {
                return;
            }

            foreach (var column in columns.Columns)
            {
                schema.GetColumn(column);
            }
        }

        private static void ValidateFilter(TableSchema schema, FilterExpression? filter, bool allowQualified)
        {
            if (filter == null)
            {
                return;
            }

            foreach (var condition in filter.Conditions)
            {
                if (condition.EntityName == null || !allowQualified)
                {
                    schema.GetColumn(condition.AttributeName);
                }
            }

            foreach (var child in filter.Filters)
            {
                ValidateFilter(schema, child, allowQualified);
            }
        }

        private void ValidateQualified(FilterExpression? filter)
        {
            if (filter == null)
            {
                return;
            }

            foreach (var condition in filter.Conditions)
            {
                if (condition.EntityName != null)
                {
                    var slot = SlotOf(condition.EntityName);
                    var schema = slot == 0 ? Main : Links[slot - 1].Schema;
                    schema.GetColumn(condition.AttributeName);
                }
            }

            foreach (var child in filter.Filters)
            {
                ValidateQualified(child);
            }
        }
    }

    internal sealed class LinkPlan
    {
        private Dictionary<object, List<Entity>>? _index;

        public LinkPlan(LinkEntity link, TableSchema schema, string alias, int parentSlot, int slot)
        {
            Link = link;
            Schema = schema;
            Alias = alias;
            ParentSlot = parentSlot;
            Slot = slot;
            HasColumns = link.Columns != null && (link.Columns.AllColumns || link.Columns.Columns.Count > 0);
        }

        public LinkEntity Link { get; }

        public TableSchema Schema { get; }

        public string Alias { get; }

        public int ParentSlot { get; }

        public int Slot { get; }

        public bool HasColumns { get; }

        public CompiledFilter? Criteria { get; set; }

        /// <summary>The linked rows whose to-attribute equals the value; the index is built once per query.</summary>
        public List<Entity>? Lookup(EntityStore store, object normalizedValue)
        {
            if (_index == null)
            {
                _index = new Dictionary<object, List<Entity>>(new NormalizedComparer());
                foreach (var row in store.Table(Schema).Rows.Values)
                {
                    if (row.Attributes.TryGetValue(Link.LinkToAttributeName, out var value) && value != null)
                    {
                        var key = Values.Normalize(value)!;
                        if (!_index.TryGetValue(key, out var list))
                        {
                            list = new List<Entity>();
                            _index.Add(key, list);
                        }

                        list.Add(row);
                    }
                }
            }

            return _index.TryGetValue(normalizedValue, out var matches) ? matches : null;
        }

        private sealed class NormalizedComparer : IEqualityComparer<object>
        {
            public new bool Equals(object? x, object? y) => Values.AreEqual(x, y);

            public int GetHashCode(object obj) => obj switch
            {
                string text => StringComparer.OrdinalIgnoreCase.GetHashCode(text),
                int number => ((decimal)number).GetHashCode(),
                long number => ((decimal)number).GetHashCode(),
                decimal number => number.GetHashCode(),
                _ => obj.GetHashCode(),
            };
        }
    }

    /// <summary>A filter with its slots resolved and its values normalized once per query, not once per row.</summary>
    internal sealed class CompiledFilter
    {
        private CompiledFilter(bool isOr, CompiledCondition[] conditions, CompiledFilter[] filters)
        {
            IsOr = isOr;
            Conditions = conditions;
            Filters = filters;
        }

        public bool IsOr { get; }

        public CompiledCondition[] Conditions { get; }

        public CompiledFilter[] Filters { get; }

        /// <summary>Null when the filter has nothing to test.</summary>
        public static CompiledFilter? Compile(FilterExpression? filter, int defaultSlot, QueryPlan plan, Dictionary<string, Regex> likePatterns)
        {
            if (filter == null)
            {
                return null;
            }

            var conditions = new List<CompiledCondition>();
            foreach (var condition in filter.Conditions)
            {
                var slot = condition.EntityName == null ? defaultSlot : plan.SlotOf(condition.EntityName);
                conditions.Add(new CompiledCondition(condition, slot, likePatterns));
            }

            var filters = new List<CompiledFilter>();
            foreach (var child in filter.Filters)
            {
                var compiled = Compile(child, defaultSlot, plan, likePatterns);
                if (compiled != null)
                {
                    filters.Add(compiled);
                }
            }

            return conditions.Count == 0 && filters.Count == 0
                ? null
                : new CompiledFilter(filter.FilterOperator == LogicalOperator.Or, conditions.ToArray(), filters.ToArray());
        }
    }

    internal sealed class CompiledCondition
    {
        private readonly string _attribute;
        private readonly ConditionOperator _operator;
        private readonly object?[] _values;
        private readonly object? _operand;
        private readonly Regex? _like;

        public CompiledCondition(ConditionExpression condition, int slot, Dictionary<string, Regex> likePatterns)
        {
            Slot = slot;
            _attribute = condition.AttributeName;
            _operator = condition.Operator;
            var values = new List<object?>();
            foreach (var value in condition.Values)
            {
                // Accept a collection passed as the single value (an easy mistake with params object[]).
                if (value is IEnumerable sequence && !(value is string))
                {
                    foreach (var item in sequence)
                    {
                        values.Add(Values.Normalize(item));
                    }
                }
                else
                {
                    values.Add(Values.Normalize(value));
                }
            }

            _values = values.ToArray();
            switch (_operator)
            {
                case ConditionOperator.Null:
                case ConditionOperator.NotNull:
                case ConditionOperator.In:
                case ConditionOperator.NotIn:
                    break;
                case ConditionOperator.Between:
                case ConditionOperator.NotBetween:
                    if (_values.Length != 2 || _values[0] == null || _values[1] == null)
                    {
                        throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture,
                            "The condition for attribute '{0}': operator '{1}' requires 2 values.", _attribute, _operator));
                    }

                    break;
                case ConditionOperator.EqualUserId:
                case ConditionOperator.NotEqualUserId:
                    break;
                default:
                    if (_values.Length != 1)
                    {
                        throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture,
                            "The condition for attribute '{0}': operator '{1}' requires 1 value, found {2}.", _attribute, _operator, _values.Length));
                    }

                    _operand = _values[0] ?? throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture,
                        "The condition for attribute '{0}' needs a non-null value.", _attribute));
                    break;
            }

            switch (_operator)
            {
                case ConditionOperator.On:
                case ConditionOperator.NotOn:
                case ConditionOperator.OnOrBefore:
                case ConditionOperator.OnOrAfter:
                    if (!(_operand is DateTime))
                    {
                        throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture,
                            "The condition for attribute '{0}' with operator '{1}' needs a DateTime value.", _attribute, _operator));
                    }

                    break;
                case ConditionOperator.Like:
                case ConditionOperator.NotLike:
                    _like = LikeRegex(Convert.ToString(_operand, CultureInfo.InvariantCulture) ?? string.Empty, likePatterns);
                    break;
                case ConditionOperator.Null:
                case ConditionOperator.NotNull:
                case ConditionOperator.Equal:
                case ConditionOperator.NotEqual:
                case ConditionOperator.In:
                case ConditionOperator.NotIn:
                case ConditionOperator.GreaterThan:
                case ConditionOperator.GreaterEqual:
                case ConditionOperator.LessThan:
                case ConditionOperator.LessEqual:
                case ConditionOperator.Between:
                case ConditionOperator.NotBetween:
                case ConditionOperator.BeginsWith:
                case ConditionOperator.DoesNotBeginWith:
                case ConditionOperator.EndsWith:
                case ConditionOperator.DoesNotEndWith:
                case ConditionOperator.EqualUserId:
                case ConditionOperator.NotEqualUserId:
                    break;
                default:
                    throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture,
                        "The condition operator {0} is not supported by the in-memory Dataverse.", _operator));
            }
        }

        public int Slot { get; }

        public bool Evaluate(Entity? entity, Guid callingUserId)
        {
            object? raw = null;
            entity?.Attributes.TryGetValue(_attribute, out raw);
            switch (_operator)
            {
                case ConditionOperator.Null:
                    return raw == null;
                case ConditionOperator.NotNull:
                    return raw != null;
                case ConditionOperator.Equal:
                    return raw != null && CompareRaw(raw, _operand!) == 0;
                case ConditionOperator.NotEqual:
                    return raw != null && CompareRaw(raw, _operand!) != 0;
                case ConditionOperator.GreaterThan:
                    return raw != null && CompareRaw(raw, _operand!) > 0;
                case ConditionOperator.GreaterEqual:
                    return raw != null && CompareRaw(raw, _operand!) >= 0;
                case ConditionOperator.LessThan:
                    return raw != null && CompareRaw(raw, _operand!) < 0;
                case ConditionOperator.LessEqual:
                    return raw != null && CompareRaw(raw, _operand!) <= 0;
            }

            var value = Values.Normalize(raw);
            switch (_operator)
            {
                case ConditionOperator.In:
                    return value != null && Contains(value);
                case ConditionOperator.NotIn:
                    return value != null && !Contains(value);
                case ConditionOperator.Between:
                case ConditionOperator.NotBetween:
                    if (value == null)
                    {
                        return false;
                    }

                    var inside = Values.Compare(value, _values[0]!) >= 0 && Values.Compare(value, _values[1]!) <= 0;
                    return _operator == ConditionOperator.Between ? inside : !inside;
                case ConditionOperator.On:
                    return value is DateTime onDate && onDate.Date == ((DateTime)_operand!).Date;
                case ConditionOperator.NotOn:
                    return value is DateTime notOnDate && notOnDate.Date != ((DateTime)_operand!).Date;
                case ConditionOperator.OnOrBefore:
                    return value is DateTime beforeDate && beforeDate.Date <= ((DateTime)_operand!).Date;
                case ConditionOperator.OnOrAfter:
                    return value is DateTime afterDate && afterDate.Date >= ((DateTime)_operand!).Date;
                case ConditionOperator.Like:
                    return value is string likeText && _like!.IsMatch(likeText);
                case ConditionOperator.NotLike:
                    return value is string notLikeText && !_like!.IsMatch(notLikeText);
                case ConditionOperator.BeginsWith:
                    return value is string begins && begins.StartsWith(Text, StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.DoesNotBeginWith:
                    return value is string notBegins && !notBegins.StartsWith(Text, StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.EndsWith:
                    return value is string ends && ends.EndsWith(Text, StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.DoesNotEndWith:
                    return value is string notEnds && !notEnds.EndsWith(Text, StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.EqualUserId:
                    return value is Guid userId && userId == callingUserId;
                case ConditionOperator.NotEqualUserId:
                    return value is Guid otherUserId && otherUserId != callingUserId;
                default:
                    return false;
            }
        }

        // Compares a stored value with a normalized operand without boxing the common SDK wrappers.
        private static int CompareRaw(object raw, object operand)
        {
            switch (raw)
            {
                case OptionSetValue option when operand is int number:
                    return option.Value.CompareTo(number);
                case Money money when operand is decimal amount:
                    return money.Value.CompareTo(amount);
                case EntityReference reference when operand is Guid id:
                    return reference.Id.CompareTo(id);
                default:
                    return Values.Compare(Values.Normalize(raw)!, operand);
            }
        }

        private string Text => Convert.ToString(_operand, CultureInfo.InvariantCulture) ?? string.Empty;

        private bool Contains(object value)
        {
            foreach (var candidate in _values)
            {
                if (candidate != null && Values.Compare(value, candidate) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static Regex LikeRegex(string pattern, Dictionary<string, Regex> cache)
        {
            if (!cache.TryGetValue(pattern, out var regex))
            {
                var builder = new StringBuilder("^");
                foreach (var character in pattern)
                {
                    builder.Append(character switch
                    {
                        '%' => ".*",
                        '_' => ".",
                        _ => Regex.Escape(character.ToString()),
                    });
                }

                builder.Append('$');
                regex = new Regex(builder.ToString(), RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
                cache[pattern] = regex;
            }

            return regex;
        }
    }
}
