using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LeadRecycle.Services.Aging;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// The order deals move through the stages. A sales stage's number is its place in the pipeline. An imported
    /// history names its stages but not their order: the names of Dynamics 365's Opportunity Sales Process (Qualify,
    /// Develop, Propose, Close) and of the Maven sample (Prospecting, Engaging) take their usual places, any other
    /// name follows in alphabetical order, and "Unknown" (a deal with no stage) comes last. The page says so.
    /// </summary>
    public static class StageOrder
    {
        private static readonly string[] KnownNames = { "Prospecting", "Qualify", "Engaging", "Develop", "Propose", "Close" };

        /// <summary>True when the order rests on the names (an imported history), not on sales-stage numbers.</summary>
        public static bool IsAssumed(IEnumerable<string> stageKeys) => stageKeys.Any(k => !k.StartsWith("salesstage:", StringComparison.Ordinal));

        public static List<string> Sort(IEnumerable<string> stageKeys) =>
            stageKeys.Distinct(StringComparer.Ordinal).OrderBy(Rank).ThenBy(k => StageKeys.DisplayName(k), StringComparer.Ordinal).ToList();

        private static int Rank(string stageKey)
        {
            if (stageKey.StartsWith("salesstage:", StringComparison.Ordinal)
                && int.TryParse(stageKey.AsSpan("salesstage:".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            var name = StageKeys.DisplayName(stageKey);
            if (name == "Unknown")
            {
                return int.MaxValue;
            }

            var known = Array.IndexOf(KnownNames, name);
            return known >= 0 ? 1000 + known : 2000;
        }
    }
}
