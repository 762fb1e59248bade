using System;
using System.Collections.Generic;

namespace LeadRecycle.InMemoryDataverse.Pipeline
{
    /// <summary>Registered steps by message and primary table (steps without a table fire for every table).</summary>
    internal sealed class StepTable
    {
        private const string AnyTable = "";
        private readonly Dictionary<string, Dictionary<string, List<StepEntry>>> _registered =
            new Dictionary<string, Dictionary<string, List<StepEntry>>>(StringComparer.Ordinal);

        private readonly Dictionary<string, Dictionary<string, StepSet?>> _resolved =
            new Dictionary<string, Dictionary<string, StepSet?>>(StringComparer.Ordinal);

        private int _order;

        public void Add(StepRegistration registration)
        {
            var table = registration.PrimaryEntityName == null || registration.PrimaryEntityName == "none" ? AnyTable : registration.PrimaryEntityName;
            if (!_registered.TryGetValue(registration.MessageName, out var byTable))
            {
                byTable = new Dictionary<string, List<StepEntry>>(StringComparer.Ordinal);
                _registered.Add(registration.MessageName, byTable);
            }

            if (!byTable.TryGetValue(table, out var list))
            {
                list = new List<StepEntry>();
                byTable.Add(table, list);
            }

            list.Add(new StepEntry(registration, _order++));
            _resolved.Remove(registration.MessageName);
        }

        public StepSet? Find(string messageName, string primaryEntityName)
        {
            if (_registered.Count == 0 || !_registered.TryGetValue(messageName, out var byTable))
            {
                return null;
            }

            if (!_resolved.TryGetValue(messageName, out var cache))
            {
                cache = new Dictionary<string, StepSet?>(StringComparer.Ordinal);
                _resolved.Add(messageName, cache);
            }

            if (!cache.TryGetValue(primaryEntityName, out var set))
            {
                var entries = new List<StepEntry>();
                if (byTable.TryGetValue(primaryEntityName, out var specific))
                {
                    entries.AddRange(specific);
                }

                if (primaryEntityName != AnyTable && byTable.TryGetValue(AnyTable, out var any))
                {
                    entries.AddRange(any);
                }

                set = entries.Count == 0 ? null : StepSet.From(entries);
                cache.Add(primaryEntityName, set);
            }

            return set;
        }
    }
}
