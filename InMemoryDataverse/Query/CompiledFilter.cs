using System.Collections.Generic;
using System.Text.RegularExpressions;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.InMemoryDataverse.Query
{
    /// <summary>A filter with its slots resolved and its values normalized once per query, not once per row.</summary>
    internal sealed class CompiledFilter
    {
        private CompiledFilter(bool isOr, CompiledCondition[] conditions, CompiledFilter[] filters)
        {
            IsOr = isOr;
            Conditions = conditions;
            Filters = filters;
        }

        public bool IsOr { get; }

        public CompiledCondition[] Conditions { get; }

        public CompiledFilter[] Filters { get; }

        /// <summary>Null when the filter has nothing to test.</summary>
        public static CompiledFilter? Compile(FilterExpression? filter, int defaultSlot, QueryPlan plan, Dictionary<string, Regex> likePatterns)
        {
            if (filter == null)
            {
                return null;
            }

            var conditions = new List<CompiledCondition>();
            foreach (var condition in filter.Conditions)
            {
                var slot = condition.EntityName == null ? defaultSlot : plan.SlotOf(condition.EntityName);
                conditions.Add(new CompiledCondition(condition, slot, likePatterns));
            }

            var filters = new List<CompiledFilter>();
            foreach (var child in filter.Filters)
            {
                var compiled = Compile(child, defaultSlot, plan, likePatterns);
                if (compiled != null)
                {
                    filters.Add(compiled);
                }
            }

            return conditions.Count == 0 && filters.Count == 0
                ? null
                : new CompiledFilter(filter.FilterOperator == LogicalOperator.Or, conditions.ToArray(), filters.ToArray());
        }
    }
}
