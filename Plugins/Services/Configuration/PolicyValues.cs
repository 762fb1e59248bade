using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Configuration
{
    /// <summary>
    /// The kinds of value a policy setting holds. Each kind reads its value and refuses anything else in one wording:
    /// "'key' must be (what is allowed); got (what was written)."
    /// </summary>
    internal static class PolicyValues
    {
        public static PolicyValue<decimal> Number(decimal minimum, decimal maximum)
        {
            var allowed = "a number from " + Text(minimum) + " to " + Text(maximum);
            return new PolicyValue<decimal>(
                allowed,
                node => node.AsNumber is decimal number && number >= minimum && number <= maximum ? number : throw Refusal(node, allowed),
                Text);
        }

        public static PolicyValue<decimal> NumberAbove(decimal exclusiveMinimum, decimal maximum)
        {
            var allowed = "a number above " + Text(exclusiveMinimum) + " and at most " + Text(maximum);
            return new PolicyValue<decimal>(
                allowed,
                node => node.AsNumber is decimal number && number > exclusiveMinimum && number <= maximum ? number : throw Refusal(node, allowed),
                Text);
        }

        public static PolicyValue<int> WholeNumber(int minimum, int maximum)
        {
            var allowed = "a whole number from " + Text(minimum) + " to " + Text(maximum);
            return new PolicyValue<int>(
                allowed,
                node => node.AsNumber is decimal number && number == decimal.Truncate(number) && number >= minimum && number <= maximum
                    ? (int)number
                    : throw Refusal(node, allowed),
                Text);
        }

        public static PolicyValue<bool> Boolean { get; } = new PolicyValue<bool>(
            "true or false",
            node => node.AsBoolean ?? throw Refusal(node, "true or false"),
            value => value ? "true" : "false");

        /// <summary>Every enum-like setting is one of these, so all parse by the same rules and refuse in the same words.</summary>
        public static PolicyChoice<TEnum> Choice<TEnum>(string what)
            where TEnum : struct, Enum =>
            new PolicyChoice<TEnum>(what, Enum.GetValues(typeof(TEnum)).Cast<TEnum>(), value => value.ToString());

        /// <summary>An array of values, each read alike; a value written twice counts once.</summary>
        public static PolicyValue<T[]> ArrayOf<T>(PolicyValue<T> item)
        {
            var allowed = "an array, each " + item.Allowed;
            return new PolicyValue<T[]>(
                allowed,
                node =>
                {
                    RequireKind(node, JsonKind.Array, allowed);
                    return node.Items.Select(item.Read).Distinct().ToArray();
                },
                values => "[" + string.Join(", ", values.Select(item.Render)) + "]");
        }

        /// <summary>An object keyed by a choice: the keys it names are set, the others keep their value.</summary>
        public static PolicyValue<IReadOnlyDictionary<TKey, TValue>> MapOf<TKey, TValue>(PolicyChoice<TKey> keys, PolicyValue<TValue> value)
            where TKey : notnull
        {
            var allowed = "an object keyed by " + keys.Allowed + "; each value " + value.Allowed;
            return new PolicyValue<IReadOnlyDictionary<TKey, TValue>>(
                allowed,
                node =>
                {
                    RequireKind(node, JsonKind.Object, allowed);
                    var map = new Dictionary<TKey, TValue>();
                    foreach (var member in node.Members)
                    {
                        map[keys.ParseKey(member)] = value.Read(member.Value);
                    }

                    return map;
                },
                map => map.Count == 0 ? "none" : string.Join(", ", map.Select(pair => keys.NameOf(pair.Key) + " " + value.Render(pair.Value))));
        }

        /// <summary>A team, user (or queue) by id, written as an object with one key; null for none.</summary>
        public static PolicyValue<EntityReference?> Owner(params string[] kinds)
        {
            var shapes = string.Join(" or ", kinds.Select(kind => "{ \"" + kind + "\": \"GUID\" }"));
            var allowed = shapes + ", or null";
            return new PolicyValue<EntityReference?>(
                allowed,
                node =>
                {
                    if (node.Kind == JsonKind.Null)
                    {
                        return null;
                    }

                    RequireKind(node, JsonKind.Object, allowed);
                    RejectUnknownKeys(node, kinds);
                    if (node.Members.Count != 1)
                    {
                        throw new PolicyException($"'{node.Path}' must name exactly one owner: {shapes}.");
                    }

                    var member = node.Members[0];
                    return new EntityReference(OwnerTable(member.Key), ReadRecordId(member.Value));
                },
                owner => owner == null ? "none" : "{ \"" + kinds.Single(kind => OwnerTable(kind) == owner.LogicalName) + "\": \"" + owner.Id + "\" }");
        }

        /// <summary>
        /// Open lead status reasons only: the scan looks for open leads in these statuses, so a closed one (3 Qualified,
        /// 4-7 the Disqualified reasons of the out-of-the-box lead) would never match, and an empty list would stop
        /// recycling idle leads without a word.
        /// </summary>
        public static PolicyValue<int[]> OpenLeadStatuses()
        {
            const string Statuses = "open lead status reasons (1 New, 2 Contacted, or a custom open status)";
            const string Allowed = "a non-empty array of " + Statuses;
            var status = WholeNumber(1, int.MaxValue);
            return new PolicyValue<int[]>(
                Allowed,
                node =>
                {
                    RequireKind(node, JsonKind.Array, Allowed);
                    if (node.Items.Count == 0)
                    {
                        throw new PolicyException($"'{node.Path}' must name at least one of the {Statuses}: an empty list would never recycle an idle lead.");
                    }

                    var values = new List<int>();
                    foreach (var item in node.Items)
                    {
                        var value = status.Read(item);
                        if (value >= 3 && value <= 7)
                        {
                            throw new PolicyException($"'{item.Path}' is {value}, a closed lead status (3 Qualified, 4 to 7 Disqualified); name {Statuses}.");
                        }

                        values.Add(value);
                    }

                    return values.Distinct().ToArray();
                },
                values => "[" + string.Join(", ", values.Select(Text)) + "]");
        }

        /// <summary>
        /// The logical name of a column, or null for none. Dataverse logical names are lower case letters, digits and
        /// underscores, starting with a letter (Microsoft Learn, "Table and column names": a publisher prefix, an
        /// underscore, then the name); whether the table has the column is checked when the policy is saved
        /// (PolicySaveCheck), where the organization can be asked.
        /// </summary>
        public static PolicyValue<string?> ColumnName()
        {
            const string Allowed = "the logical name of an opportunity column (lower case letters, digits and underscores, e.g. \"owningbusinessunit\"), or null";
            return new PolicyValue<string?>(
                Allowed,
                node =>
                {
                    if (node.Kind == JsonKind.Null)
                    {
                        return null;
                    }

                    var name = node.AsString;
                    return name != null && IsLogicalName(name) ? name : throw Refusal(node, Allowed);
                },
                name => name ?? "none");
        }

        /// <summary>Band bounds: numbers, each above the one before (a band [b1, b2) must not be empty); null or [] for none.</summary>
        public static PolicyValue<decimal[]> AscendingNumbers()
        {
            const string Allowed = "an array of numbers in ascending order, or null";
            return new PolicyValue<decimal[]>(
                Allowed,
                node =>
                {
                    if (node.Kind == JsonKind.Null)
                    {
                        return new decimal[0];
                    }

                    RequireKind(node, JsonKind.Array, Allowed);
                    var values = new List<decimal>();
                    foreach (var item in node.Items)
                    {
                        var value = item.AsNumber ?? throw Refusal(item, "a number");
                        if (values.Count > 0 && value <= values[values.Count - 1])
                        {
                            throw new PolicyException($"'{node.Path}' must be in ascending order, each bound above the one before; {Text(value)} follows {Text(values[values.Count - 1])}.");
                        }

                        values.Add(value);
                    }

                    return values.ToArray();
                },
                values => values.Length == 0 ? "none" : "[" + string.Join(", ", values.Select(Text)) + "]");
        }

        private static bool IsLogicalName(string name) =>
            name.Length > 0 && name.Length <= 50 && name[0] >= 'a' && name[0] <= 'z'
            && name.All(c => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');

        public static PolicyException Refusal(JsonNode node, string allowed) => Refusal(node.Path, allowed, node.ToString());

        public static PolicyException Refusal(string path, string allowed, string written) =>
            new PolicyException($"'{path}' must be {allowed}; got {written}.");

        public static void RequireKind(JsonNode node, JsonKind kind, string allowed)
        {
            if (node.Kind != kind)
            {
                var where = node.Path == "$" ? "The policy" : $"'{node.Path}'";
                throw new PolicyException($"{where} must be {allowed}; got {node}.");
            }
        }

        /// <summary>Names the unknown key and every known one, and the known one it most likely meant.</summary>
        public static void RejectUnknownKeys(JsonNode node, IReadOnlyList<string> known)
        {
            foreach (var member in node.Members)
            {
                if (!known.Contains(member.Key, StringComparer.Ordinal))
                {
                    var closest = ClosestKey(member.Key, known);
                    throw new PolicyException(
                        $"'{member.Value.Path}' is not a setting LeadRecycle knows. Expected {string.Join(", ", known.Select(k => "'" + k + "'"))}."
                        + (closest == null ? string.Empty : $" Did you mean '{closest}'?"));
                }
            }
        }

        /// <summary>The known key written another case, or within two typing slips of it; none when two are equally close.</summary>
        private static string? ClosestKey(string unknown, IReadOnlyList<string> known)
        {
            var sameButCase = known.Where(k => string.Equals(k, unknown, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (sameButCase.Length == 1)
            {
                return sameButCase[0];
            }

            var near = known.Select(k => new KeyValuePair<string, int>(k, EditDistance(unknown.ToLowerInvariant(), k.ToLowerInvariant())))
                .Where(pair => pair.Value <= 2 && pair.Value < pair.Key.Length / 2)
                .OrderBy(pair => pair.Value)
                .ToArray();
            return near.Length == 1 || (near.Length > 1 && near[0].Value < near[1].Value) ? near[0].Key : null;
        }

        /// <summary>Levenshtein distance: the fewest single-character insertions, deletions or substitutions.</summary>
        private static int EditDistance(string from, string to)
        {
            var previous = Enumerable.Range(0, to.Length + 1).ToArray();
            for (var i = 1; i <= from.Length; i++)
            {
                var current = new int[to.Length + 1];
                current[0] = i;
                for (var j = 1; j <= to.Length; j++)
                {
                    var substitution = previous[j - 1] + (from[i - 1] == to[j - 1] ? 0 : 1);
                    current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
                }

                previous = current;
            }

            return previous[to.Length];
        }

        private static string OwnerTable(string kind) =>
            kind == "team" ? Team.EntityName : kind == "queue" ? Queue.EntityName : SystemUser.EntityName;

        private static Guid ReadRecordId(JsonNode node) =>
            node.AsString != null && Guid.TryParse(node.AsString, out var id) && id != Guid.Empty
                ? id
                : throw Refusal(node, "a record id (GUID)");

        private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
