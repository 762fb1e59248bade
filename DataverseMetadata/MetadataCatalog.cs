using System;
using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.Metadata
{
    /// <summary>A set of tables, looked up by logical name.</summary>
    public sealed class MetadataCatalog
    {
        private readonly Dictionary<string, TableMetadata> _tables;

        public MetadataCatalog(IEnumerable<TableMetadata> tables)
        {
            _tables = new Dictionary<string, TableMetadata>(StringComparer.Ordinal);
            foreach (var table in tables)
            {
                if (_tables.TryGetValue(table.LogicalName, out var existing))
                {
                    _tables[table.LogicalName] = existing.WithColumns(
                        table.Columns.Where(c => existing.FindColumn(c.LogicalName) == null), table.AlternateKeys);
                }
                else
                {
                    _tables.Add(table.LogicalName, table);
                }
            }
        }

        public IReadOnlyCollection<TableMetadata> Tables => _tables.Values;

        public TableMetadata? Find(string logicalName) => _tables.TryGetValue(logicalName, out var table) ? table : null;

        public TableMetadata Get(string logicalName) =>
            Find(logicalName) ?? throw new KeyNotFoundException($"No table '{logicalName}' in the metadata catalog.");
    }
}
