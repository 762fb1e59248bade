using System;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.InMemoryDataverse.Query
{
    /// <summary>
    /// FetchXML queries for rows, as views run them (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/overview):
    /// one entity, its attributes (none, or &lt;all-attributes /&gt;, means every column, as Microsoft's
    /// "Select columns using FetchXml" says), filters of conditions, &lt;order&gt; on the entity's columns, and
    /// top / count / page. It becomes a QueryExpression run by the query engine, so security, indexes and paging apply
    /// as to any query, and the aggregate record limit does not: Dataverse applies that limit to aggregates only.
    /// Link-entities, aliases and distinct are refused with a plain message: no view LeadRecycle ships needs them.
    /// </summary>
    internal sealed class FetchRows : IFetchQuery
    {
        private readonly QueryExpression _query;

        private FetchRows(QueryExpression query)
        {
            _query = query;
        }

        public string EntityName => _query.EntityName;

        /// <summary>A row query read from a parsed &lt;fetch&gt; without aggregate="true".</summary>
        public static FetchRows Read(XElement fetch, XElement entity, TableSchema table)
        {
            var query = new QueryExpression(table.LogicalName) { Criteria = FetchXml.Criteria(entity, table) };
            if (string.Equals((string?)fetch.Attribute("distinct"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw Faults.InvalidArgument("The in-memory Dataverse's FetchXML queries do not read distinct=\"true\".");
            }

            var columns = new ColumnSet();
            var allColumns = false;
            foreach (var child in entity.Elements())
            {
                switch (child.Name.LocalName)
                {
                    case "attribute":
                        var name = (string?)child.Attribute("name") ?? throw Faults.InvalidArgument("A FetchXML attribute has no name.");
                        table.GetColumn(name);
                        if (child.Attribute("alias") != null || child.Attribute("aggregate") != null || child.Attribute("groupby") != null)
                        {
                            throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture,
                                "The attribute '{0}' has an alias, aggregate or groupby: that belongs in an aggregate query (<fetch aggregate=\"true\">).", name));
                        }

                        columns.AddColumn(name);
                        break;
                    case "all-attributes":
                        allColumns = true;
                        break;
                    case "order":
                        query.Orders.Add(ReadOrder(child, table));
                        break;
                    case "filter":
                        break;
                    case "link-entity":
                        throw Faults.InvalidArgument("The in-memory Dataverse's FetchXML queries do not join tables (link-entity).");
                    default:
                        throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture, "The in-memory Dataverse's FetchXML queries do not read <{0}>.", child.Name.LocalName));
                }
            }

            query.ColumnSet = allColumns || columns.Columns.Count == 0 ? new ColumnSet(true) : columns;
            ReadPaging(fetch, query);
            return new FetchRows(query);
        }

        public EntityCollection Execute(QueryEngine engine, Guid callingUserId, Func<string, Entity, bool>? canRead, int aggregateRecordLimit) =>
            engine.Execute(_query, callingUserId, canRead);

        private static OrderExpression ReadOrder(XElement order, TableSchema table)
        {
            if (order.Attribute("alias") != null)
            {
                throw Faults.InvalidArgument("The in-memory Dataverse's FetchXML queries order by columns only, not by an alias.");
            }

            var attribute = (string?)order.Attribute("attribute") ?? throw Faults.InvalidArgument("A FetchXML order has no attribute.");
            table.GetColumn(attribute);
            var descending = string.Equals((string?)order.Attribute("descending"), "true", StringComparison.OrdinalIgnoreCase);
            return new OrderExpression(attribute, descending ? OrderType.Descending : OrderType.Ascending);
        }

        /// <summary>top, or count and page (Microsoft: top cannot be used with count or page).</summary>
        private static void ReadPaging(XElement fetch, QueryExpression query)
        {
            var top = WholeNumber(fetch, "top");
            var count = WholeNumber(fetch, "count");
            var page = WholeNumber(fetch, "page");
            if (top != null && (count != null || page != null))
            {
                throw Faults.InvalidArgument("The FetchXML's top cannot be used with count or page.");
            }

            if (top != null)
            {
                query.TopCount = top;
            }
            else if (count != null || page != null)
            {
                query.PageInfo = new PagingInfo { Count = count ?? QueryEngine.DefaultPageSize, PageNumber = page ?? 1 };
            }
        }

        private static int? WholeNumber(XElement fetch, string name)
        {
            var text = (string?)fetch.Attribute(name);
            if (text == null)
            {
                return null;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture, "The FetchXML's {0} must be a whole number above 0; got '{1}'.", name, text));
        }
    }
}
