using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Configuration
{
    /// <summary>
    /// Reads the policy JSON of the environment variable over the compiled defaults. Strict: an unknown key, a
    /// wrong type or an unknown name is refused with a message that names the key and what is expected.
    /// <code>
    /// {
    ///   "marketingOwner": { "team": "GUID" },                  // or { "user": "GUID" }
    ///   "reasons": {
    ///     "NoBudget": { "stream": "ValueAndRoi", "requires": ["background", "effortType"] },
    ///     "NotAPotentialBuyer": { "removeFromWaterfall": true }
    ///   },
    ///   "stall": { "multiplier": 3, "warningMultiplier": 2, "minimumSamples": 10, "fallbackDays": 30,
    ///              "serviceLevelDays": 14, "stageSource": "SalesStage" },
    ///   "engagement": { "points": { "EmailReply": 20 }, "halfLifeDays": 30, "threshold": 50,
    ///                   "thresholds": { "BudgetCycle": 60 }, "routeOnLikelihood": [3, 4],
    ///                   "fallbackOwner": { "team": "GUID" }, "returnAction": "NewLead", "maxRecycles": 3 }
    /// }
    /// </code>
    /// </summary>
    public static class RecyclePolicyReader
    {
        /// <summary>A deal held 20 times its stage's mean is long past any useful follow-up.</summary>
        private const decimal MaximumMultiplier = 20m;

        private static readonly string[] TopLevelKeys = { "marketingOwner", "reasons", "stall", "engagement" };

        private static readonly string[] EngagementKeys = { "points", "halfLifeDays", "threshold", "thresholds", "routeOnLikelihood", "fallbackOwner", "returnAction", "maxRecycles", "nurtureDays" };

        private static readonly string[] StallKeys = { "multiplier", "warningMultiplier", "minimumSamples", "fallbackDays", "serviceLevelDays", "stageSource", "leadServiceLevelDays", "salesAcceptedLeadStatuses", "maxSnoozeDays" };

        public static RecyclePolicy Read(string? json)
        {
            if (string.IsNullOrWhiteSpace(json))
            {
                return RecyclePolicy.Default;
            }

            JsonNode root;
            try
            {
                root = JsonDocumentReader.Parse(json!);
            }
            catch (JsonFormatException exception)
            {
                throw new PolicyException($"it is not valid JSON: {exception.Message}.");
            }

            RequireKind(root, JsonKind.Object, "an object");
            RejectUnknownKeys(root, TopLevelKeys);

            var defaults = RecyclePolicy.Default;
            var marketingOwner = defaults.MarketingOwner;
            var reasons = defaults.Reasons.ToDictionary(pair => pair.Key, pair => pair.Value);
            var stall = defaults.Stall;
            var engagement = defaults.Engagement;
            foreach (var member in root.Members)
            {
                switch (member.Key)
                {
                    case "marketingOwner":
                        marketingOwner = ReadOwner(member.Value);
                        break;
                    case "reasons":
                        ReadReasons(member.Value, reasons);
                        break;
                    case "stall":
                        stall = ReadStall(member.Value, stall);
                        break;
                    case "engagement":
                        engagement = ReadEngagement(member.Value, engagement);
                        break;
                }
            }

            return new RecyclePolicy(marketingOwner, reasons, stall, engagement);
        }

        private static EntityReference? ReadOwner(JsonNode node, bool allowQueue = false)
        {
            if (node.Kind == JsonKind.Null)
            {
                return null;
            }

            var kinds = allowQueue ? new[] { "team", "user", "queue" } : new[] { "team", "user" };
            var shapes = string.Join(" or ", kinds.Select(k => "{ \"" + k + "\": \"GUID\" }"));
            RequireKind(node, JsonKind.Object, "an object with one key (" + string.Join(", ", kinds) + ") holding a GUID");
            RejectUnknownKeys(node, kinds);
            if (node.Members.Count != 1)
            {
                throw new PolicyException($"'{node.Path}' must name exactly one owner: {shapes}.");
            }

            var member = node.Members[0];
            var id = ReadGuid(member.Value);
            var table = member.Key == "team" ? Team.EntityName : member.Key == "queue" ? Queue.EntityName : SystemUser.EntityName;
            return new EntityReference(table, id);
        }

        private static void ReadReasons(JsonNode node, IDictionary<DisqualificationReason, ReasonPolicy> reasons)
        {
            RequireKind(node, JsonKind.Object, "an object keyed by reason name");
            foreach (var member in node.Members)
            {
                if (!TryExactName<DisqualificationReason>(member.Key, out var reason))
                {
                    throw new PolicyException(
                        $"'{member.Value.Path}' is not a reason. Expected one of: {string.Join(", ", Enum.GetNames(typeof(DisqualificationReason)))}.");
                }

                reasons[reason] = ReadReason(reason, member.Value, reasons[reason]);
            }
        }

        private static ReasonPolicy ReadReason(DisqualificationReason reason, JsonNode node, ReasonPolicy current)
        {
            RequireKind(node, JsonKind.Object, "an object with \"stream\" or \"removeFromWaterfall\", and optionally \"requires\"");
            RejectUnknownKeys(node, new[] { "stream", "removeFromWaterfall", "requires" });

            var stream = current.Stream;
            var required = current.RequiredFields;
            JsonNode? streamNode = null;
            JsonNode? removeNode = null;
            foreach (var member in node.Members)
            {
                switch (member.Key)
                {
                    case "stream":
                        streamNode = member.Value;
                        var streamName = member.Value.AsString;
                        if (!TryExactName<NurtureStream>(streamName, out var parsed))
                        {
                            throw new PolicyException(
                                $"'{member.Value.Path}' must be a nurture stream name, one of: {string.Join(", ", Enum.GetNames(typeof(NurtureStream)))}; got {member.Value}.");
                        }

                        stream = parsed;
                        break;
                    case "removeFromWaterfall":
                        removeNode = member.Value;
                        var remove = member.Value.AsBoolean
                            ?? throw new PolicyException($"'{member.Value.Path}' must be true or false; got {member.Value}.");
                        break;
                    case "requires":
                        if (reason == DisqualificationReason.StalledInStage)
                        {
                            // Only the stall scan closes with this reason, and no one is there to fill in a checklist:
                            // a requirement would make every nightly scan refuse its own closes.
                            throw new PolicyException($"'{member.Value.Path}' cannot be set: only LeadRecycle's stall scan closes with {reason}, and nobody fills in a checklist for it. Remove '{member.Value.Path}'.");
                        }

                        required = ReadRequired(member.Value);
                        break;
                }
            }

            // Decided after reading every key, so the order of the keys never changes the result.
            if (removeNode?.AsBoolean == true)
            {
                if (streamNode != null)
                {
                    throw new PolicyException($"'{node.Path}' cannot both name a stream and remove from the waterfall.");
                }

                stream = null;
            }
            else if (removeNode != null && stream == null)
            {
                throw new PolicyException($"'{removeNode.Path}' is false, so '{node.Path}.stream' must name the nurture stream.");
            }

            if (reason == DisqualificationReason.StalledInStage && stream == null)
            {
                throw new PolicyException($"'{node.Path}' must keep a nurture stream: stalled deals are always nurtured (passive recycling).");
            }

            return new ReasonPolicy(reason, stream, required);
        }

        private static StallPolicy ReadStall(JsonNode node, StallPolicy current)
        {
            RequireKind(node, JsonKind.Object, "an object with " + string.Join(", ", StallKeys.Select(k => "'" + k + "'")));
            RejectUnknownKeys(node, StallKeys);
            var multiplier = current.Multiplier;
            var warning = current.WarningMultiplier;
            var minimumSamples = current.MinimumSamples;
            var fallbackDays = current.FallbackDays;
            var serviceLevelDays = current.ServiceLevelDays;
            var stageSource = current.StageSource;
            var leadServiceLevelDays = current.LeadServiceLevelDays;
            var leadStatuses = current.SalesAcceptedLeadStatuses;
            var maxSnoozeDays = current.MaxSnoozeDays;
            foreach (var member in node.Members)
            {
                switch (member.Key)
                {
                    case "multiplier":
                        multiplier = (double)ReadNumberAbove(member.Value, 1m, MaximumMultiplier);
                        break;
                    case "warningMultiplier":
                        warning = (double)ReadNumberAbove(member.Value, 1m, MaximumMultiplier);
                        break;
                    case "minimumSamples":
                        minimumSamples = (int)ReadWholeNumber(member.Value, 1, 100000);
                        break;
                    case "fallbackDays":
                        fallbackDays = (double)ReadNumber(member.Value, 1m, 3650m);
                        break;
                    case "serviceLevelDays":
                        serviceLevelDays = (int)ReadWholeNumber(member.Value, 1, 365);
                        break;
                    case "stageSource":
                        var name = member.Value.AsString;
                        if (!TryExactName(name, out stageSource))
                        {
                            throw new PolicyException($"'{member.Value.Path}' must be one of: {string.Join(", ", Enum.GetNames(typeof(StageSource)))}; got {member.Value}.");
                        }

                        break;
                    case "leadServiceLevelDays":
                        leadServiceLevelDays = (int)ReadWholeNumber(member.Value, 1, 365);
                        break;
                    case "salesAcceptedLeadStatuses":
                        leadStatuses = ReadOpenLeadStatuses(member.Value);
                        break;
                    case "maxSnoozeDays":
                        maxSnoozeDays = (int)ReadWholeNumber(member.Value, 1, 365);
                        break;
                }
            }

            if (warning > multiplier)
            {
                throw new PolicyException($"'{node.Path}.warningMultiplier' ({warning.ToString(CultureInfo.InvariantCulture)}) must not be above '{node.Path}.multiplier' ({multiplier.ToString(CultureInfo.InvariantCulture)}).");
            }

            return new StallPolicy(multiplier, warning, minimumSamples, fallbackDays, serviceLevelDays, stageSource, leadServiceLevelDays, leadStatuses, maxSnoozeDays);
        }

        /// <summary>
        /// Open lead status reasons only: the scan looks for open leads in these statuses, so a closed one (3 Qualified,
        /// 4-7 the Disqualified reasons of the out-of-the-box lead) would never match, and an empty list would stop
        /// recycling idle leads without a word.
        /// </summary>
        private static int[] ReadOpenLeadStatuses(JsonNode node)
        {
            const string Expected = "open lead status reasons (1 New, 2 Contacted, or a custom open status)";
            RequireKind(node, JsonKind.Array, "an array of " + Expected);
            if (node.Items.Count == 0)
            {
                throw new PolicyException($"'{node.Path}' must name at least one of the {Expected}: an empty list would never recycle an idle lead.");
            }

            var statuses = new List<int>();
            foreach (var item in node.Items)
            {
                var status = (int)ReadWholeNumber(item, 1, int.MaxValue);
                if (status >= 3 && status <= 7)
                {
                    throw new PolicyException($"'{item.Path}' is {status}, a closed lead status (3 Qualified, 4 to 7 Disqualified); name {Expected}.");
                }

                if (!statuses.Contains(status))
                {
                    statuses.Add(status);
                }
            }

            return statuses.ToArray();
        }

        private static EngagementPolicy ReadEngagement(JsonNode node, EngagementPolicy current)
        {
            RequireKind(node, JsonKind.Object, "an object with " + string.Join(", ", EngagementKeys.Select(k => "'" + k + "'")));
            RejectUnknownKeys(node, EngagementKeys);
            var points = current.Points.ToDictionary(pair => pair.Key, pair => pair.Value);
            var halfLife = current.HalfLifeDays;
            var threshold = current.DefaultThreshold;
            var thresholds = current.Thresholds.ToDictionary(pair => pair.Key, pair => pair.Value);
            var routeOn = current.RouteOnLikelihood;
            var fallback = current.FallbackOwner;
            var action = current.ReturnAction;
            var maxRecycles = current.MaxRecycles;
            var nurtureDays = current.NurtureDays;
            foreach (var member in node.Members)
            {
                switch (member.Key)
                {
                    case "points":
                        RequireKind(member.Value, JsonKind.Object, "an object keyed by engagement type");
                        foreach (var entry in member.Value.Members)
                        {
                            points[ParseName<EngagementType>(entry.Key, entry.Value.Path, "an engagement type")] = ReadNumber(entry.Value, 0m, 1000m);
                        }

                        break;
                    case "halfLifeDays":
                        halfLife = (double)ReadNumber(member.Value, 1m, 3650m);
                        break;
                    case "threshold":
                        threshold = ReadNumber(member.Value, 1m, 1000000m);
                        break;
                    case "thresholds":
                        RequireKind(member.Value, JsonKind.Object, "an object keyed by nurture stream");
                        foreach (var entry in member.Value.Members)
                        {
                            thresholds[ParseName<NurtureStream>(entry.Key, entry.Value.Path, "a nurture stream")] = ReadNumber(entry.Value, 1m, 1000000m);
                        }

                        break;
                    case "routeOnLikelihood":
                        RequireKind(member.Value, JsonKind.Array, "an array of answers from 1 to 4");
                        routeOn = member.Value.Items.Select(item => (int)ReadWholeNumber(item, 1, 4)).Distinct().ToArray();
                        break;
                    case "fallbackOwner":
                        fallback = ReadOwner(member.Value, allowQueue: true);
                        break;
                    case "returnAction":
                        action = ParseName<ReturnAction>(member.Value.AsString ?? member.Value.ToString(), member.Value.Path, "a return action", quoted: member.Value.AsString != null);
                        break;
                    case "nurtureDays":
                        nurtureDays = (int)ReadWholeNumber(member.Value, 30, 3650);
                        break;
                    case "maxRecycles":
                        maxRecycles = (int)ReadWholeNumber(member.Value, 1, 100);
                        break;
                }
            }

            return new EngagementPolicy(points, halfLife, threshold, thresholds, routeOn, fallback, action, maxRecycles, nurtureDays);
        }

        private static TEnum ParseName<TEnum>(string name, string path, string what, bool quoted = true)
            where TEnum : struct
        {
            if (!TryExactName<TEnum>(quoted ? name : null, out var value))
            {
                var got = quoted ? "\"" + name + "\"" : name;
                throw new PolicyException($"'{path}' must be {what}, one of: {string.Join(", ", Enum.GetNames(typeof(TEnum)))}; got {got}.");
            }

            return value;
        }

        /// <summary>
        /// Exactly one of the enum's names, case and all. Enum.TryParse alone would also take "3", " NoBudget" and
        /// "NoBudget, UnableToReach" (a combination of values), none of which an admin means.
        /// </summary>
        private static bool TryExactName<TEnum>(string? name, out TEnum value)
            where TEnum : struct
        {
            value = default;
            return name != null
                && Array.IndexOf(Enum.GetNames(typeof(TEnum)), name) >= 0
                && Enum.TryParse(name, ignoreCase: false, out value);
        }

        private static decimal ReadNumber(JsonNode node, decimal minimum, decimal maximum)
        {
            var number = node.AsNumber;
            if (number == null || number < minimum || number > maximum)
            {
                throw new PolicyException($"'{node.Path}' must be a number from {minimum.ToString(CultureInfo.InvariantCulture)} to {maximum.ToString(CultureInfo.InvariantCulture)}; got {node}.");
            }

            return number.Value;
        }

        private static decimal ReadNumberAbove(JsonNode node, decimal exclusiveMinimum, decimal maximum)
        {
            var number = node.AsNumber;
            if (number == null || number <= exclusiveMinimum || number > maximum)
            {
                throw new PolicyException($"'{node.Path}' must be a number above {exclusiveMinimum.ToString(CultureInfo.InvariantCulture)} and at most {maximum.ToString(CultureInfo.InvariantCulture)}; got {node}.");
            }

            return number.Value;
        }

        private static long ReadWholeNumber(JsonNode node, long minimum, long maximum)
        {
            var number = node.AsNumber;
            if (number == null || number != decimal.Truncate(number.Value) || number < minimum || number > maximum)
            {
                throw new PolicyException($"'{node.Path}' must be a whole number from {minimum.ToString(CultureInfo.InvariantCulture)} to {maximum.ToString(CultureInfo.InvariantCulture)}; got {node}.");
            }

            return (long)number.Value;
        }

        private static IReadOnlyList<ChecklistField> ReadRequired(JsonNode node)
        {
            var valid = Enum.GetValues(typeof(ChecklistField)).Cast<ChecklistField>().ToDictionary(ChecklistFields.JsonName, f => f);
            RequireKind(node, JsonKind.Array, "an array of checklist field names (" + string.Join(", ", valid.Keys) + ")");
            var fields = new List<ChecklistField>();
            foreach (var item in node.Items)
            {
                var name = item.AsString;
                if (name == null || !valid.TryGetValue(name, out var field))
                {
                    throw new PolicyException($"'{item.Path}' must be one of: {string.Join(", ", valid.Keys)}; got {item}.");
                }

                if (!fields.Contains(field))
                {
                    fields.Add(field);
                }
            }

            return fields;
        }

        private static Guid ReadGuid(JsonNode node)
        {
            if (node.AsString == null || !Guid.TryParse(node.AsString, out var id) || id == Guid.Empty)
            {
                throw new PolicyException($"'{node.Path}' must be a record id (GUID); got {node}.");
            }

            return id;
        }

        private static void RequireKind(JsonNode node, JsonKind kind, string expectation)
        {
            if (node.Kind != kind)
            {
                var where = node.Path == "$" ? "The policy" : $"'{node.Path}'";
                throw new PolicyException($"{where} must be {expectation}; got {node}.");
            }
        }

        private static void RejectUnknownKeys(JsonNode node, IReadOnlyCollection<string> known)
        {
            foreach (var member in node.Members)
            {
                if (!known.Contains(member.Key))
                {
                    throw new PolicyException(
                        $"'{member.Value.Path}' is not a setting LeadRecycle knows. Expected {string.Join(", ", known.Select(k => "'" + k + "'"))}.");
                }
            }
        }
    }

    /// <summary>An admin's configuration is wrong; the message names the key and what was expected.</summary>
    public sealed class PolicyException : Exception
    {
        public PolicyException(string detail)
            : base(string.Format(CultureInfo.InvariantCulture,
                "LeadRecycle's configuration (environment variable {0}) is invalid: {1} An administrator must correct it.",
                PolicyVariable.SchemaName, detail))
        {
        }
    }
}
