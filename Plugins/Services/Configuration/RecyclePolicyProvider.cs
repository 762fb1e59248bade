using System;
using System.Collections.Concurrent;
using System.Globalization;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Configuration
{
    /// <summary>
    /// Loads the policy from its environment variable (the current value over the definition's default) with
    /// one query, and caches the parsed, immutable policy per organization for a short time. Plug-in instances
    /// are shared across threads, so the cache is a concurrent map of immutable entries swapped atomically.
    /// A stored policy the reader refuses never blocks anyone: the admin's save is validated by
    /// ValidateRecyclePolicy, and one that got in some other way (a solution import, a step turned off, an upgrade
    /// whose reader is stricter) is set aside. The organization keeps its last valid policy (or the defaults), and
    /// the refusal is kept as the entry's Problem, which PluginBase writes to the plug-in trace log of every
    /// LeadRecycle execution until an admin corrects it. A rep never sees it.
    /// </summary>
    public static class RecyclePolicyProvider
    {
        public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

        private static readonly ConcurrentDictionary<Guid, CacheEntry> Cache = new ConcurrentDictionary<Guid, CacheEntry>();

        /// <summary>The policy for the organization, loading it through the service when the cached one is stale.</summary>
        public static RecyclePolicy Get(IOrganizationService service, Guid organizationId, DateTime utcNow)
        {
            Cache.TryGetValue(organizationId, out var entry);
            if (entry != null && entry.ExpiresOn > utcNow)
            {
                return entry.Policy;
            }

            var json = ReadVariable(service);
            CacheEntry fresh;
            try
            {
                var policy = RecyclePolicyReader.Read(json);
                fresh = new CacheEntry(policy, utcNow + CacheLifetime, policy, utcNow, null);
            }
            catch (PolicyException exception)
            {
                fresh = Fallback(entry, utcNow, exception);
            }

            Cache[organizationId] = fresh;
            return fresh.Policy;
        }

        /// <summary>
        /// Why the organization's stored policy is not in use, for the trace; null when it is (or was not read yet).
        /// Addressed to the admin: it names the environment variable, the setting and what LeadRecycle uses instead.
        /// </summary>
        public static string? ProblemFor(Guid organizationId) =>
            Cache.TryGetValue(organizationId, out var entry) ? entry.Problem : null;

        private static CacheEntry Fallback(CacheEntry? previous, DateTime utcNow, PolicyException exception)
        {
            var lastGood = previous?.LastGood;
            var instead = lastGood != null
                ? string.Format(CultureInfo.InvariantCulture, "the last valid policy, read at {0:yyyy-MM-dd HH:mm} UTC", previous!.LastGoodReadOn)
                : "the compiled defaults";
            var problem = string.Format(CultureInfo.InvariantCulture,
                "{0} Until then LeadRecycle uses {1}; reps are not blocked.", exception.Message, instead);
            return new CacheEntry(lastGood ?? RecyclePolicy.Default, utcNow + CacheLifetime, lastGood, previous?.LastGoodReadOn ?? default, problem);
        }

        /// <summary>
        /// The stored policy read afresh (no cache), or the compiled defaults when none is stored or it is invalid: for a
        /// report that must state the thresholds the scan applied.
        /// </summary>
        public static RecyclePolicy ReadStored(IOrganizationService service)
        {
            try
            {
                return RecyclePolicyReader.Read(ReadVariable(service));
            }
            catch (PolicyException)
            {
                return RecyclePolicy.Default;
            }
        }

        /// <summary>Forgets cached policies (for an organization, or all).</summary>
        public static void Invalidate(Guid? organizationId = null)
        {
            if (organizationId == null)
            {
                Cache.Clear();
            }
            else
            {
                Cache.TryRemove(organizationId.Value, out _);
            }
        }

        private static string? ReadVariable(IOrganizationService service)
        {
            var query = new QueryExpression(EnvironmentVariableDefinition.EntityName)
            {
                ColumnSet = new ColumnSet(EnvironmentVariableDefinition.DefaultValue),
                TopCount = 1,
            };
            query.Criteria.AddCondition(EnvironmentVariableDefinition.SchemaName, ConditionOperator.Equal, PolicyVariable.SchemaName);
            var value = query.AddLink(EnvironmentVariableValue.EntityName, EnvironmentVariableDefinition.Id, EnvironmentVariableValue.Definition, JoinOperator.LeftOuter);
            value.EntityAlias = "current";
            value.Columns = new ColumnSet(EnvironmentVariableValue.Value);

            var definitions = service.RetrieveMultiple(query).Entities;
            if (definitions.Count == 0)
            {
                return null;
            }

            var definition = definitions[0];
            var current = definition.GetAttributeValue<AliasedValue>("current." + EnvironmentVariableValue.Value)?.Value as string;
            return !string.IsNullOrWhiteSpace(current) ? current : definition.GetAttributeValue<string>(EnvironmentVariableDefinition.DefaultValue);
        }

        private sealed class CacheEntry
        {
            public CacheEntry(RecyclePolicy policy, DateTime expiresOn, RecyclePolicy? lastGood, DateTime lastGoodReadOn, string? problem)
            {
                Policy = policy;
                ExpiresOn = expiresOn;
                LastGood = lastGood;
                LastGoodReadOn = lastGoodReadOn;
                Problem = problem;
            }

            /// <summary>The policy in use.</summary>
            public RecyclePolicy Policy { get; }

            public DateTime ExpiresOn { get; }

            /// <summary>The last policy the reader accepted for this organization, kept across reloads.</summary>
            public RecyclePolicy? LastGood { get; }

            public DateTime LastGoodReadOn { get; }

            /// <summary>Why the stored policy was set aside; null when it is the one in use.</summary>
            public string? Problem { get; }
        }
    }
}
