using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LeadRecycle.InMemoryDataverse.Diagnostics
{
    /// <summary>How many organization-service calls plug-in code made, in total and per message name.</summary>
    public sealed class CallCounts
    {
        private static readonly Dictionary<string, int> NoCalls = new Dictionary<string, int>();
        private Dictionary<string, int>? _byMessage;

        public static CallCounts Empty { get; } = new CallCounts();

        public int Total { get; private set; }

        public IReadOnlyDictionary<string, int> ByMessage => _byMessage ?? NoCalls;

        /// <summary>Calls of one message ("Retrieve", "RetrieveMultiple", "Create", "LoseOpportunity", ...).</summary>
        public int this[string messageName] => _byMessage != null && _byMessage.TryGetValue(messageName, out var count) ? count : 0;

        internal void Add(string messageName)
        {
            Total++;
            _byMessage ??= new Dictionary<string, int>(StringComparer.Ordinal);
            _byMessage.TryGetValue(messageName, out var count);
            _byMessage[messageName] = count + 1;
        }

        internal void Add(CallCounts other)
        {
            foreach (var pair in other.ByMessage)
            {
                Total += pair.Value;
                _byMessage ??= new Dictionary<string, int>(StringComparer.Ordinal);
                _byMessage.TryGetValue(pair.Key, out var count);
                _byMessage[pair.Key] = count + pair.Value;
            }
        }

        public override string ToString() =>
            Total.ToString(CultureInfo.InvariantCulture) + " call(s)"
            + (Total == 0 ? string.Empty : ": " + string.Join(", ", ByMessage.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + " " + p.Value.ToString(CultureInfo.InvariantCulture))));
    }
}
