using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.InMemoryDataverse.Query
{
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
}
