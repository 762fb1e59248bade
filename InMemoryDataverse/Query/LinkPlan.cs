using System;
using System.Collections.Generic;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.InMemoryDataverse.Query
{
    internal sealed class LinkPlan
    {
        private Dictionary<object, List<StoredRow>>? _index;

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
        public List<StoredRow>? Lookup(EntityStore store, object normalizedValue)
        {
            if (_index == null)
            {
                _index = new Dictionary<object, List<StoredRow>>(new NormalizedComparer());
                foreach (var row in store.Table(Schema).StoredRows)
                {
                    if (row.TryGetValue(Link.LinkToAttributeName, out var value) && value != null)
                    {
                        var key = Values.Normalize(value)!;
                        if (!_index.TryGetValue(key, out var list))
                        {
                            list = new List<StoredRow>();
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
}
