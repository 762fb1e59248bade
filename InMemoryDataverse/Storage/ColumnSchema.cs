using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LeadRecycle.Metadata;

namespace LeadRecycle.InMemoryDataverse.Storage
{
    internal sealed class ColumnSchema
    {
        private readonly HashSet<int>? _optionValues;
        private readonly HashSet<string>? _targets;

        public ColumnSchema(ColumnMetadata metadata)
        {
            Metadata = metadata;
            Type = metadata.Type;
            if (metadata.Choice != null)
            {
                _optionValues = new HashSet<int>();
                foreach (var option in metadata.Choice.Options)
                {
                    _optionValues.Add(option.Value);
                }
            }

            if (metadata.Targets.Count > 0)
            {
                _targets = new HashSet<string>(metadata.Targets, StringComparer.Ordinal);
            }
        }

        public ColumnMetadata Metadata { get; }

        public ColumnType Type { get; }

        public string LogicalName => Metadata.LogicalName;

        public bool IsOptionValid(int value) => _optionValues == null || _optionValues.Contains(value);

        public bool IsTargetValid(string logicalName) => _targets == null || _targets.Contains(logicalName);

        public string AcceptedOptions => Metadata.Choice == null ? string.Empty : string.Join(",", Metadata.Choice.Options.Select(o => o.Value.ToString(CultureInfo.InvariantCulture)));
    }
}
