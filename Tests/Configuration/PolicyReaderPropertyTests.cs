using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LeadRecycle.Services.Configuration;

namespace LeadRecycle.Tests.Configuration
{
    /// <summary>
    /// Whatever an admin types, the reader returns a policy or refuses it with PolicyException: never another
    /// exception, never a crash. Random text, JSON-ish token soup built from the policy's own vocabulary (so it gets
    /// past the parser into the reader), and well-formed trees with the policy's keys and edge values.
    /// </summary>
    public sealed class PolicyReaderPropertyTests
    {
        private static readonly string[] Keys =
        {
            "marketingOwner", "reasons", "stall", "engagement", "team", "user", "queue", "NoBudget", "StalledInStage",
            "NotAPotentialBuyer", "stream", "removeFromWaterfall", "requires", "multiplier", "warningMultiplier",
            "minimumSamples", "fallbackDays", "serviceLevelDays", "stageSource", "leadServiceLevelDays",
            "salesAcceptedLeadStatuses", "points", "halfLifeDays", "threshold", "thresholds", "routeOnLikelihood",
            "fallbackOwner", "returnAction", "maxRecycles", "EmailReply", "BudgetCycle", "", "Multiplier",
        };

        private static readonly string[] Scalars =
        {
            "0", "1", "-1", "2", "3", "4", "1.5", "20", "1e400", "-0", "99999999999999999999999999999999", "true", "false", "null",
            "\"BudgetCycle\"", "\"effortType\"", "\"SalesStage\"", "\"NewLead\"", "\"6f0e2f5a-8d3c-4a51-9a3e-1c2b3d4e5f60\"",
            "\"\"", "\"NaN\"", "\"\\u0000\"", "[]", "{}",
        };

        private static readonly string[] Tokens =
            Scalars.Concat(Keys.Select(k => "\"" + k + "\"")).Concat(new[] { "{", "}", "[", "]", ":", ",", " ", "\"", "\\", "-", "e", "NaN" }).ToArray();

        [Property(MaxTest = 500)]
        public Property Should_return_a_policy_or_refuse_it_when_given_any_text() =>
            Prop.ForAll(ArbMap.Default.ArbFor<string>(), text => ReadsOrRefuses(text));

        [Property(MaxTest = 500)]
        public Property Should_return_a_policy_or_refuse_it_when_given_json_like_token_soup() =>
            Prop.ForAll(Gen.Elements(Tokens).ListOf().Select(tokens => string.Concat(tokens)).ToArbitrary(), text => ReadsOrRefuses(text));

        [Property(MaxTest = 500)]
        public Property Should_return_a_policy_or_refuse_it_when_given_well_formed_json_trees() =>
            Prop.ForAll(Gen.Sized(size => Tree(Math.Min(size / 10, 5))).SelectMany(tree => Gen.Choose(0, 40).Select(levels => Wrapped(tree, levels))).ToArbitrary(),
                text => ReadsOrRefuses(text));

        /// <summary>
        /// Issue 19: key order never matters. A policy drawn from settings that are valid, contradict each other
        /// (a stream and removeFromWaterfall, warningMultiplier above multiplier) or are out of range reads to the
        /// same policy, or is refused, whatever the order of the keys in each of its objects.
        /// </summary>
        [Property(MaxTest = 300)]
        public Property Should_read_the_same_policy_whatever_the_order_of_the_keys_when_given_any_choice_of_settings() =>
            Prop.ForAll(ArbMap.Default.ArbFor<int>(), ArbMap.Default.ArbFor<int>(), (choice, order) =>
            {
                var chosen = Choose(OrderSamples, new Random(choice));
                var first = Outcome(Render(chosen, null));
                var second = Outcome(Render(chosen, new Random(order)));
                return first == second;
            });

        /// <summary>Objects as key and value, a value being JSON text or a nested object.</summary>
        private static readonly object[] OrderSamples =
        {
            new[] { "marketingOwner", "{ \"team\": \"6f0e2f5a-8d3c-4a51-9a3e-1c2b3d4e5f60\" }" },
            new object[] { "reasons", new object[]
            {
                new object[] { "NoBudget", new object[] { new[] { "stream", "\"BudgetCycle\"" }, new[] { "removeFromWaterfall", "false" }, new[] { "requires", "[\"background\", \"likelihood\"]" } } },
                new object[] { "UnableToReach", new object[] { new[] { "removeFromWaterfall", "true" }, new[] { "requires", "[]" }, new[] { "stream", "\"ReEngagement\"" } } },
                new object[] { "NotAPotentialBuyer", new object[] { new[] { "removeFromWaterfall", "false" }, new[] { "stream", "\"LongTermTiming\"" } } },
                new object[] { "StalledInStage", new object[] { new[] { "stream", "\"ReEngagement\"" }, new[] { "removeFromWaterfall", "true" } } },
            } },
            new object[] { "stall", new object[]
            {
                new[] { "multiplier", "2.5" }, new[] { "warningMultiplier", "2.75" }, new[] { "minimumSamples", "5" }, new[] { "stageSource", "\"BusinessProcessFlow\"" },
                new[] { "salesAcceptedLeadStatuses", "[2, 1, 2]" }, new[] { "maxSnoozeDays", "20" }, new[] { "fallbackDays", "12.5" },
            } },
            new object[] { "engagement", new object[]
            {
                new object[] { "points", new object[] { new[] { "EmailReply", "5" }, new[] { "WebVisit", "2" }, new[] { "MeetingBooked", "0" } } },
                new object[] { "thresholds", new object[] { new[] { "BudgetCycle", "60" }, new[] { "ReEngagement", "70" } } },
                new[] { "threshold", "40" }, new[] { "routeOnLikelihood", "[4, 3, 4]" }, new[] { "returnAction", "\"ReopenOpportunity\"" },
                new[] { "nurtureDays", "60" }, new[] { "maxRecycles", "2" }, new[] { "fallbackOwner", "{ \"queue\": \"6f0e2f5a-8d3c-4a51-9a3e-1c2b3d4e5f60\" }" },
            } },
        };

        /// <summary>Each member kept or not, nested objects chosen from alike, in the samples' order.</summary>
        private static object[] Choose(object[] members, Random random) =>
            members.Where(_ => random.Next(3) > 0)
                .Select(member => member is object[] nested && nested[1] is object[] children ? new object[] { nested[0], Choose(children, random) } : member)
                .ToArray();

        /// <summary>The members as a JSON object, shuffled at every level when <paramref name="shuffle"/> is given.</summary>
        private static string Render(object[] members, Random? shuffle)
        {
            var ordered = shuffle == null ? members : members.OrderBy(_ => shuffle.Next()).ToArray();
            return "{ " + string.Join(", ", ordered.Select(member =>
            {
                var pair = (object[])member;
                return "\"" + pair[0] + "\": " + (pair[1] is object[] children ? Render(children, shuffle) : (string)pair[1]);
            })) + " }";
        }

        /// <summary>The policy read, as text to compare, or that it was refused.</summary>
        private static string Outcome(string json)
        {
            RecyclePolicy policy;
            try
            {
                policy = RecyclePolicyReader.Read(json);
            }
            catch (PolicyException)
            {
                return "refused";
            }

            var stall = policy.Stall;
            var engagement = policy.Engagement;
            return string.Join(
                "; ",
                policy.MarketingOwner?.LogicalName + policy.MarketingOwner?.Id,
                string.Join(" ", policy.Reasons.OrderBy(pair => pair.Key).Select(pair => pair.Key + ":" + pair.Value.Stream + ":" + string.Join(",", pair.Value.RequiredFields))),
                string.Join(" ", stall.Multiplier, stall.WarningMultiplier, stall.MinimumSamples, stall.FallbackDays, stall.ServiceLevelDays, stall.StageSource,
                    stall.LeadServiceLevelDays, string.Join(",", stall.SalesAcceptedLeadStatuses), stall.MaxSnoozeDays),
                string.Join(" ", engagement.Points.OrderBy(pair => pair.Key).Select(pair => pair.Key + "=" + pair.Value)),
                string.Join(" ", engagement.Thresholds.OrderBy(pair => pair.Key).Select(pair => pair.Key + "=" + pair.Value)),
                string.Join(" ", engagement.HalfLifeDays, engagement.DefaultThreshold, string.Join(",", engagement.RouteOnLikelihood), engagement.FallbackOwner?.LogicalName,
                    engagement.FallbackOwner?.Id, engagement.ReturnAction, engagement.MaxRecycles, engagement.NurtureDays));
        }

        /// <summary>The tree inside that many levels of objects and arrays, to cross the parser's depth limit.</summary>
        private static string Wrapped(string tree, int levels) =>
            levels % 2 == 0
                ? string.Concat(Enumerable.Repeat("{\"stall\": ", levels)) + tree + new string('}', levels)
                : new string('[', levels) + tree + new string(']', levels);

        private static Gen<string> Tree(int depth)
        {
            var scalar = Gen.Elements(Scalars);
            if (depth <= 0)
            {
                return scalar;
            }

            var child = Tree(depth - 1);
            var member = Gen.Elements(Keys).SelectMany(key => child.Select(value => "\"" + key + "\": " + value));
            var obj = Gen.Choose(0, 3).SelectMany(count => member.ListOf(count)).Select(members => "{" + string.Join(", ", members) + "}");
            var array = Gen.Choose(0, 3).SelectMany(count => child.ListOf(count)).Select(items => "[" + string.Join(", ", items) + "]");
            return Gen.Frequency((1, scalar), (3, obj), (1, array));
        }

        private static bool ReadsOrRefuses(string text)
        {
            try
            {
                return RecyclePolicyReader.Read(text) != null;
            }
            catch (PolicyException exception)
            {
                return exception.Message.StartsWith("LeadRecycle's configuration (environment variable lr_RecyclePolicy) is invalid: ", StringComparison.Ordinal);
            }
        }
    }
}
