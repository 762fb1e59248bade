using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using LeadRecycle.InMemoryDataverse.Storage;
using LeadRecycle.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.InMemoryDataverse.Query
{
    /// <summary>
    /// FetchXML aggregate queries (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/aggregate-data):
    /// one entity, attributes that group by or aggregate (count, countcolumn, sum, avg, min, max), and filters of
    /// conditions. The rows the filter selects are read through the query engine, so security and indexes apply as to
    /// any query; more of them than the organization's AggregateQueryRecordLimit (50,000 in Dataverse) is the
    /// platform's fault "AggregateQueryRecordLimit exceeded", as charts and rollups meet it. Link-entities, date
    /// grouping are refused with a plain message: nothing here needs them. Plain (row) FetchXML is FetchRows.
    /// </summary>
    internal sealed class FetchAggregate : IFetchQuery
    {
        private readonly TableSchema _table;
        private readonly List<Column> _columns = new List<Column>();
        private readonly FilterExpression _criteria;

        private FetchAggregate(TableSchema table, FilterExpression criteria)
        {
            _table = table;
            _criteria = criteria;
        }

        /// <summary>An aggregate query read from a parsed &lt;fetch aggregate="true"&gt; (FetchXml.Parse decides which kind).</summary>
        public static FetchAggregate Read(XElement entity, TableSchema table)
        {
            if (entity.Element("link-entity") != null)
            {
                throw Faults.InvalidArgument("The in-memory Dataverse's FetchXML aggregates do not join tables (link-entity).");
            }

            var criteria = FetchXml.Criteria(entity, table);
            var query = new FetchAggregate(table, criteria);
            foreach (var attribute in entity.Elements("attribute"))
            {
                query._columns.Add(Column.Read(attribute, table));
            }

            if (!query._columns.Any(c => c.Aggregate != null))
            {
                throw Faults.InvalidArgument("An aggregate query needs at least one attribute with an aggregate function.");
            }

            return query;
        }

        public string EntityName => _table.LogicalName;

        /// <summary>The groups and their values, one row per group (one row in all without group-by).</summary>
        public EntityCollection Execute(QueryEngine engine, Guid callingUserId, Func<string, Entity, bool>? canRead, int aggregateRecordLimit)
        {
            var rows = MatchingRows(engine, callingUserId, canRead, aggregateRecordLimit);
            var groupBy = _columns.Where(c => c.GroupBy).ToArray();
            var groups = new Dictionary<string, List<Entity>>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var row in rows)
            {
                var key = string.Join("\u001f", groupBy.Select(c => row.Attributes.TryGetValue(c.Name, out var v) && v != null ? Values.KeyText(v) : "\u0000"));
                if (!groups.TryGetValue(key, out var members))
                {
                    members = new List<Entity>();
                    groups.Add(key, members);
                    order.Add(key);
                }

                members.Add(row);
            }

            if (groupBy.Length == 0 && order.Count == 0)
            {
                order.Add(string.Empty);
                groups.Add(string.Empty, new List<Entity>());
            }

            var result = new EntityCollection { EntityName = _table.LogicalName };
            foreach (var key in order)
            {
                var members = groups[key];
                var output = new Entity(_table.LogicalName);
                foreach (var column in _columns)
                {
                    var value = column.GroupBy
                        ? (members.Count > 0 && members[0].Attributes.TryGetValue(column.Name, out var g) ? g : null)
                        : column.Compute(members);
                    output.Attributes[column.Alias] = new AliasedValue(_table.LogicalName, column.Name, value!);
                }

                result.Entities.Add(output);
            }

            return result;
        }

        private List<Entity> MatchingRows(QueryEngine engine, Guid callingUserId, Func<string, Entity, bool>? canRead, int recordLimit)
        {
            var columns = _columns.Select(c => c.Name).Distinct(StringComparer.Ordinal).ToArray();
            var rows = new List<Entity>();
            for (var page = 1; ; page++)
            {
                var query = new QueryExpression(_table.LogicalName)
                {
                    ColumnSet = new ColumnSet(columns),
                    Criteria = _criteria,
                    PageInfo = new PagingInfo { Count = QueryEngine.DefaultPageSize, PageNumber = page },
                };
                var result = engine.Execute(query, callingUserId, canRead);
                rows.AddRange(result.Entities);
                if (rows.Count > recordLimit)
                {
                    throw new DataverseFaultException(DataverseErrorCodes.AggregateQueryRecordLimit, "AggregateQueryRecordLimit exceeded. Cannot perform this operation.");
                }

                if (!result.MoreRecords)
                {
                    return rows;
                }
            }
        }

        private sealed class Column
        {
            private Column(string name, string alias, bool groupBy, string? aggregate, ColumnType type)
            {
                Name = name;
                Alias = alias;
                GroupBy = groupBy;
                Aggregate = aggregate;
                Type = type;
            }

            public string Name { get; }

            public string Alias { get; }

            public bool GroupBy { get; }

            public string? Aggregate { get; }

            private ColumnType Type { get; }

            public static Column Read(XElement attribute, TableSchema table)
            {
                var name = (string?)attribute.Attribute("name") ?? throw Faults.InvalidArgument("A FetchXML attribute has no name.");
                var column = table.GetColumn(name);

                var alias = (string?)attribute.Attribute("alias") ?? throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture, "The aggregate query's attribute '{0}' has no alias.", name));
                var groupBy = string.Equals((string?)attribute.Attribute("groupby"), "true", StringComparison.OrdinalIgnoreCase);
                var aggregate = (string?)attribute.Attribute("aggregate");
                if (attribute.Attribute("dategrouping") != null)
                {
                    throw Faults.InvalidArgument("The in-memory Dataverse's FetchXML aggregates do not group by date (dategrouping).");
                }

                if (groupBy == (aggregate != null))
                {
                    throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture, "The aggregate query's attribute '{0}' must either group by or aggregate.", alias));
                }

                if (aggregate != null && !new[] { "count", "countcolumn", "sum", "avg", "min", "max" }.Contains(aggregate))
                {
                    throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture, "'{0}' is not a FetchXML aggregate function.", aggregate));
                }

                return new Column(name, alias, groupBy, aggregate, column.Type);
            }

            /// <summary>The aggregate over a group's rows; nulls are not counted (Microsoft's note on aggregates).</summary>
            public object? Compute(List<Entity> rows)
            {
                if (Aggregate == "count")
                {
                    return rows.Count;
                }

                var values = rows.Select(r => r.Attributes.TryGetValue(Name, out var v) ? v : null).Where(v => v != null).Select(v => v!).ToList();
                if (Aggregate == "countcolumn")
                {
                    return values.Count;
                }

                if (values.Count == 0)
                {
                    return null;
                }

                if (Aggregate == "min" || Aggregate == "max")
                {
                    var picked = values.Select(Values.Normalize).Aggregate((a, b) => (Values.Compare(a!, b!) <= 0) == (Aggregate == "min") ? a : b);
                    return Type == ColumnType.Money ? new Money(Convert.ToDecimal(picked, CultureInfo.InvariantCulture)) : picked;
                }

                var numbers = values.Select(v => Convert.ToDecimal(Values.Normalize(v), CultureInfo.InvariantCulture)).ToList();
                var total = numbers.Sum();
                var result = Aggregate == "avg" ? total / numbers.Count : total;
                return Type switch
                {
                    ColumnType.Money => new Money(result),
                    ColumnType.Integer when Aggregate == "sum" => (int)result,
                    ColumnType.BigInt when Aggregate == "sum" => (long)result,
                    ColumnType.Double => (double)result,
                    _ => (object)result,
                };
            }
        }
    }
}
