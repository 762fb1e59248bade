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
