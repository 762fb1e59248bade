using System;
using System.Collections.Generic;
using LeadRecycle.Metadata;

namespace LeadRecycle.InMemoryDataverse.Storage
{
    /// <summary>A table's metadata compiled for the hot path: dictionary lookups instead of list scans.</summary>
    internal sealed class TableSchema
    {
        private readonly Dictionary<string, ColumnSchema> _columns;

        public TableSchema(TableMetadata metadata)
        {
            Metadata = metadata;
            LogicalName = metadata.LogicalName;
            PrimaryIdColumn = metadata.PrimaryIdColumn;
            _columns = new Dictionary<string, ColumnSchema>(metadata.Columns.Count, StringComparer.Ordinal);
            foreach (var column in metadata.Columns)
            {
                _columns[column.LogicalName] = new ColumnSchema(column);
            }

            HasOwner = _columns.TryGetValue("ownerid", out var owner) && owner.Metadata.Type == ColumnType.Owner;
            HasCreatedOn = _columns.ContainsKey("createdon");
            HasModifiedOn = _columns.ContainsKey("modifiedon");
            HasCreatedBy = _columns.ContainsKey("createdby");
            HasModifiedBy = _columns.ContainsKey("modifiedby");
            HasOwningBusinessUnit = _columns.ContainsKey("owningbusinessunit");
            StateChoice = metadata.StateChoice;
            StatusChoice = metadata.StatusChoice;
            if (StateChoice != null && StateChoice.Options.Count > 0)
            {
                DefaultState = StateChoice.Options[0].Value;
            }

            var keys = new List<AlternateKeyMetadata>(metadata.AlternateKeys);
            AlternateKeys = keys;
        }

        public TableMetadata Metadata { get; }

        public string LogicalName { get; }

        public string PrimaryIdColumn { get; }

        public bool HasOwner { get; }

        public bool HasCreatedOn { get; }

        public bool HasModifiedOn { get; }

        public bool HasCreatedBy { get; }

        public bool HasModifiedBy { get; }

        public bool HasOwningBusinessUnit { get; }

        public ChoiceMetadata? StateChoice { get; }

        public ChoiceMetadata? StatusChoice { get; }

        public int? DefaultState { get; }

        public IReadOnlyList<AlternateKeyMetadata> AlternateKeys { get; }

        public ColumnSchema GetColumn(string logicalName) =>
            _columns.TryGetValue(logicalName, out var column) ? column : throw Faults.UnknownColumn(LogicalName, logicalName);

        public bool HasColumn(string logicalName) => _columns.ContainsKey(logicalName);

        public int? DefaultStatusOf(int state)
        {
            if (StatusChoice == null)
            {
                return null;
            }

            foreach (var option in StatusChoice.Options)
            {
                if (option.State == state)
                {
                    return option.Value;
                }
            }

            return null;
        }

        /// <summary>The state a status reason belongs to, or null when unknown.</summary>
        public int? StateOfStatus(int status)
        {
            if (StatusChoice == null)
            {
                return null;
            }

            foreach (var option in StatusChoice.Options)
            {
                if (option.Value == status)
                {
                    return option.State;
                }
            }

            return null;
        }
    }
}
