using System;
using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.Services.Configuration
{
    /// <summary>
    /// An enum-like setting (reason, stream, engagement type, checklist field, stage source, return action): exactly
    /// one of its names, case and all, whether the name is a value or a key. A dictionary of the names rather than
    /// Enum.TryParse, which would also take "3", " NoBudget" and "NoBudget, UnableToReach" (a combination of values):
    /// https://learn.microsoft.com/dotnet/api/system.enum.tryparse
    /// </summary>
    internal sealed class PolicyChoice<T>
        where T : notnull
    {
        private readonly Dictionary<string, T> _byName = new Dictionary<string, T>(StringComparer.Ordinal);
        private readonly Dictionary<T, string> _byValue = new Dictionary<T, string>();

        public PolicyChoice(string what, IEnumerable<T> values, Func<T, string> nameOf)
        {
            What = what;
            foreach (var value in values)
            {
                var name = nameOf(value);
                _byName.Add(name, value);
                _byValue.Add(value, name);
            }

            Names = _byValue.Values.ToArray();
            Allowed = What + ", one of: " + string.Join(", ", Names);
            Value = new PolicyValue<T>(Allowed, node => Parse(node.AsString, node.Path, node.ToString()), NameOf);
        }

        /// <summary>What one name stands for, e.g. "a nurture stream".</summary>
        public string What { get; }

        public IReadOnlyList<string> Names { get; }

        /// <summary>"a return action, one of: NewLead, ReopenOpportunity".</summary>
        public string Allowed { get; }

        /// <summary>The choice as a JSON string value.</summary>
        public PolicyValue<T> Value { get; }

        public string NameOf(T value) => _byValue[value];

        /// <summary>The choice as the key of an object ("reasons", "engagement.points").</summary>
        public T ParseKey(KeyValuePair<string, JsonNode> member) => Parse(member.Key, member.Value.Path, "\"" + member.Key + "\"");

        private T Parse(string? name, string path, string written) =>
            name != null && _byName.TryGetValue(name, out var value) ? value : throw PolicyValues.Refusal(path, Allowed, written);
    }
}
