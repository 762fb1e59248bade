using System;
using System.Globalization;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using LeadRecycle.InMemoryDataverse.Storage;
using LeadRecycle.Metadata;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.InMemoryDataverse.Query
{
    /// <summary>
    /// Reads a FetchExpression's text: &lt;fetch aggregate="true"&gt; is an aggregate query (FetchAggregate), anything
    /// else a query for rows (FetchRows). Both read their &lt;filter&gt; elements here, as the platform reads them
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/filter-rows).
    /// </summary>
    internal static class FetchXml
    {
        /// <summary>A FetchAggregate or a FetchRows.</summary>
        public static IFetchQuery Parse(string fetchXml, Func<string?, TableSchema> schemaOf)
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

            if (fetch.Name.LocalName != "fetch")
            {
                throw Faults.InvalidArgument("The FetchXML's root element must be <fetch>.");
            }

            var entity = fetch.Element("entity") ?? throw Faults.InvalidArgument("The FetchXML has no <entity> element.");
            var table = schemaOf((string?)entity.Attribute("name"));
            return string.Equals((string?)fetch.Attribute("aggregate"), "true", StringComparison.OrdinalIgnoreCase)
                ? FetchAggregate.Read(entity, table)
                : FetchRows.Read(fetch, entity, table);
        }

        /// <summary>The entity's &lt;filter&gt; elements, all of which must hold.</summary>
        public static FilterExpression Criteria(XElement entity, TableSchema table)
        {
            var criteria = new FilterExpression(LogicalOperator.And);
            foreach (var filter in entity.Elements("filter"))
            {
                criteria.AddFilter(ReadFilter(filter, table));
            }

            return criteria;
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
    }
}
