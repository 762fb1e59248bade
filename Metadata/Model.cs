using System;
using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.Metadata
{
    /// <summary>Column types, named as Dataverse's AttributeTypeCode names them.</summary>
    public enum ColumnType
    {
        Uniqueidentifier,
        String,
        Memo,
        Integer,
        BigInt,
        Decimal,
        Double,
        Money,
        Boolean,
        DateTime,
        Picklist,
        State,
        Status,
        Lookup,
        Owner,
        Customer,
        EntityName,
    }

    public enum TableOwnership
    {
        UserOwned,
        OrganizationOwned,
        None,
    }

    public enum RequiredLevel
    {
        None,
        Recommended,
        ApplicationRequired,
        SystemRequired,
    }

    public sealed record ChoiceOption(int Value, string Label, string? Description = null, int? State = null);

    /// <summary>A choice (option set): global when it has a name shared across tables.</summary>
    public sealed record ChoiceMetadata(string Name, string DisplayName, IReadOnlyList<ChoiceOption> Options, bool IsGlobal = true, string? Description = null)
    {
        public bool HasValue(int value) => Options.Any(o => o.Value == value);

        public ChoiceOption? Find(int value) => Options.FirstOrDefault(o => o.Value == value);
    }

    public sealed record ColumnMetadata(string LogicalName, ColumnType Type, string DisplayName)
    {
        public string? Description { get; init; }

        public RequiredLevel RequiredLevel { get; init; } = RequiredLevel.None;

        /// <summary>For String/Memo: the maximum length.</summary>
        public int? MaxLength { get; init; }

        /// <summary>For Integer/Decimal/Double/Money: inclusive bounds.</summary>
        public decimal? MinValue { get; init; }

        public decimal? MaxValue { get; init; }

        /// <summary>For Decimal/Double/Money: digits after the point.</summary>
        public int? Precision { get; init; }

        /// <summary>For DateTime: true when only the date is kept.</summary>
        public bool DateOnly { get; init; }

        /// <summary>For Lookup/Customer/Owner: the tables a value may point at.</summary>
        public IReadOnlyList<string> Targets { get; init; } = Array.Empty<string>();

        /// <summary>For Picklist/State/Status: the choice; global choices are shared by name.</summary>
        public ChoiceMetadata? Choice { get; init; }

        /// <summary>A column LeadRecycle adds (to its own table or to a system table); false for the platform's.</summary>
        public bool IsCustom { get; init; }

        /// <summary>False for columns the platform maintains (createdon, ...): a client write is refused.</summary>
        public bool IsValidForCreate { get; init; } = true;

        public bool IsValidForUpdate { get; init; } = true;
    }

    public sealed record AlternateKeyMetadata(string LogicalName, string DisplayName, IReadOnlyList<string> Columns);

    public sealed record TableMetadata(string LogicalName, string DisplayName, string DisplayCollectionName, string PrimaryIdColumn, string PrimaryNameColumn)
    {
        public string? Description { get; init; }

        public TableOwnership Ownership { get; init; } = TableOwnership.UserOwned;

        public bool IsActivity { get; init; }

        /// <summary>A table LeadRecycle creates; false for system tables it only extends.</summary>
        public bool IsCustom { get; init; }

        public IReadOnlyList<ColumnMetadata> Columns { get; init; } = Array.Empty<ColumnMetadata>();

        public IReadOnlyList<AlternateKeyMetadata> AlternateKeys { get; init; } = Array.Empty<AlternateKeyMetadata>();

        public ColumnMetadata? FindColumn(string logicalName) =>
            Columns.FirstOrDefault(c => string.Equals(c.LogicalName, logicalName, StringComparison.Ordinal));

        /// <summary>The state code column's choice, when the table has one.</summary>
        public ChoiceMetadata? StateChoice => Columns.FirstOrDefault(c => c.Type == ColumnType.State)?.Choice;

        public ChoiceMetadata? StatusChoice => Columns.FirstOrDefault(c => c.Type == ColumnType.Status)?.Choice;

        /// <summary>This table with more columns (used to add LeadRecycle's columns to a system table).</summary>
        public TableMetadata WithColumns(IEnumerable<ColumnMetadata> columns, IEnumerable<AlternateKeyMetadata>? keys = null) =>
            this with
            {
                Columns = Columns.Concat(columns).ToArray(),
                AlternateKeys = AlternateKeys.Concat(keys ?? Array.Empty<AlternateKeyMetadata>()).ToArray(),
            };
    }

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
