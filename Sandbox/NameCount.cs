using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace LeadRecycle.Sandbox
{
    /// <summary>A category and how many fall in it.</summary>
    public sealed class NameCount
    {
        [JsonPropertyName("name")] public string Name { get; init; } = string.Empty;

        [JsonPropertyName("count")] public int Count { get; init; }

        /// <summary>Largest first, ties by name: a reader sees the biggest category first, never an alphabetical accident.</summary>
        public static List<NameCount> Sorted(IEnumerable<string> names) =>
            names.GroupBy(n => n, StringComparer.Ordinal)
                .Select(g => new NameCount { Name = g.Key, Count = g.Count() })
                .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal)
                .ToList();
    }
}
