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
    /// grouping and non-aggregate FetchXML are refused with a plain message: nothing here needs them.
    /// </summary>
    internal sealed class FetchAggregate
    {
        private readonly TableSchema _table;
        private readonly List<Column> _columns = new List<Column>();
        private readonly FilterExpression _criteria;

        private FetchAggregate(TableSchema table, FilterExpression criteria)
        {
            _table = table;
            _criteria = criteria;
        }

        public static FetchAggregate Parse(string fetchXml, Func<string?, TableSchema> schemaOf)
        {
            XElement fetch;
            try
            {
                fetch = XElement.Parse(fetchXml);
            }
            catch (XmlException e)
            {
                throw Faults.InvalidArgument("The FetchXML is not well-formed: " + e.Message);
            }

            if (fetch.Name.LocalName != "fetch" || !string.Equals((string?)fetch.Attribute("aggregate"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw Faults.InvalidArgument("The in-memory Dataverse runs FetchXML aggregate queries only (<fetch aggregate=\"true\">); use QueryExpression for rows.");
            }

            var entity = fetch.Element("entity") ?? throw Faults.InvalidArgument("The FetchXML has no <entity> element.");
            var table = schemaOf((string?)entity.Attribute("name"));
            if (entity.Element("link-entity") != null)
            {
                throw Faults.InvalidArgument("The in-memory Dataverse's FetchXML aggregates do not join tables (link-entity).");
            }

            var criteria = new FilterExpression(LogicalOperator.And);
            foreach (var filter in entity.Elements("filter"))
            {
                criteria.AddFilter(ReadFilter(filter, table));
            }

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
        public EntityCollection Execute(QueryEngine engine, Guid callingUserId, Func<string, Entity, bool>? canRead, int recordLimit)
        {
            var rows = MatchingRows(engine, callingUserId, canRead, recordLimit);
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

        private static FilterExpression ReadFilter(XElement element, TableSchema table)
        {
            var type = (string?)element.Attribute("type") ?? "and";
            var filter = new FilterExpression(type == "or" ? LogicalOperator.Or : LogicalOperator.And);
            foreach (var child in element.Elements())
            {
                switch (child.Name.LocalName)
                {
                    case "condition":
                        filter.AddCondition(ReadCondition(child, table));
                        break;
                    case "filter":
                        filter.AddFilter(ReadFilter(child, table));
                        break;
                    default:
                        throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture, "The in-memory Dataverse's FetchXML filters do not read <{0}>.", child.Name.LocalName));
                }
            }

            return filter;
        }

        private static ConditionExpression ReadCondition(XElement condition, TableSchema table)
        {
            var attribute = (string?)condition.Attribute("attribute") ?? throw Faults.InvalidArgument("A FetchXML condition has no attribute.");
            var column = table.GetColumn(attribute);

            var op = (string?)condition.Attribute("operator") ?? "eq";
            var single = (string?)condition.Attribute("value");
            var values = condition.Elements("value").Select(v => v.Value).ToList();
            if (single != null)
            {
                values.Insert(0, single);
            }

            var typed = values.Select(v => Typed(v, column)).ToArray();
            return op switch
            {
                "eq" => new ConditionExpression(attribute, ConditionOperator.Equal, typed),
                "ne" or "neq" => new ConditionExpression(attribute, ConditionOperator.NotEqual, typed),
                "lt" => new ConditionExpression(attribute, ConditionOperator.LessThan, typed),
                "le" => new ConditionExpression(attribute, ConditionOperator.LessEqual, typed),
                "gt" => new ConditionExpression(attribute, ConditionOperator.GreaterThan, typed),
                "ge" => new ConditionExpression(attribute, ConditionOperator.GreaterEqual, typed),
                "null" => new ConditionExpression(attribute, ConditionOperator.Null),
                "not-null" => new ConditionExpression(attribute, ConditionOperator.NotNull),
                "in" => new ConditionExpression(attribute, ConditionOperator.In, typed),
                "not-in" => new ConditionExpression(attribute, ConditionOperator.NotIn, typed),
                _ => throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture, "The in-memory Dataverse's FetchXML conditions do not read the operator '{0}'.", op)),
            };
        }

        /// <summary>A FetchXML value (always text) as the column's type, as the platform converts it.</summary>
        private static object Typed(string text, ColumnSchema column)
        {
            try
            {
                return column.Type switch
                {
                    ColumnType.Integer or ColumnType.Picklist or ColumnType.State or ColumnType.Status => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture),
                    ColumnType.BigInt => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture),
                    ColumnType.Decimal or ColumnType.Money => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture),
                    ColumnType.Double => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
                    ColumnType.Boolean => text == "1" || string.Equals(text, "true", StringComparison.OrdinalIgnoreCase),
                    ColumnType.DateTime => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                    ColumnType.Uniqueidentifier or ColumnType.Lookup or ColumnType.Owner or ColumnType.Customer => Guid.Parse(text),
                    _ => text,
                };
            }
            catch (FormatException)
            {
                throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture, "'{0}' is not a valid value for the column {1}.", text, column.LogicalName));
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
