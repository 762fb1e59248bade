using System;
using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.Metadata
{
    public sealed record TableMetadata(string LogicalName, string DisplayName, string DisplayCollectionName, string PrimaryIdColumn, string PrimaryNameColumn)
    {
        public string? Description { get; init; }

        public TableOwnership Ownership { get; init; } = TableOwnership.UserOwned;

        public bool IsActivity { get; init; }

        /// <summary>A table LeadRecycle creates; false for system tables it only extends.</summary>
        public bool IsCustom { get; init; }

        /// <summary>
        /// Track changes (ChangeTrackingEnabled) on the table. Customer Insights – Journeys real-time segments can use an
        /// attribute of a related table only when that table tracks changes
        /// (https://learn.microsoft.com/dynamics365/customer-insights/journeys/real-time-marketing-build-segments).
        /// </summary>
        public bool IsChangeTrackingEnabled { get; init; }

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
}
