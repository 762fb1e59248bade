using System;
using System.Collections.Concurrent;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Configuration
{
    /// <summary>
    /// Loads the policy from its environment variable (the current value over the definition's default) with
    /// one query, and caches the parsed, immutable policy per organization for a short time. Plug-in instances
    /// are shared across threads, so the cache is a concurrent map of immutable entries swapped atomically.
    /// </summary>
    public static class RecyclePolicyProvider
    {
        public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

        private static readonly ConcurrentDictionary<Guid, CacheEntry> Cache = new ConcurrentDictionary<Guid, CacheEntry>();

        /// <summary>The policy for the organization, loading it through the service when the cached one is stale.</summary>
        public static RecyclePolicy Get(IOrganizationService service, Guid organizationId, DateTime utcNow)
        {
            if (Cache.TryGetValue(organizationId, out var entry) && entry.ExpiresOn > utcNow)
            {
                return entry.Policy;
            }

            var json = ReadVariable(service);
            RecyclePolicy policy;
            try
            {
                policy = RecyclePolicyReader.Read(json);
            }
            catch (PolicyException exception)
            {
                // A refused configuration is not cached: the admin's fix takes effect on the next event.
                throw new InvalidPluginExecutionException(exception.Message, exception);
            }

            Cache[organizationId] = new CacheEntry(policy, utcNow + CacheLifetime);
            return policy;
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
            public CacheEntry(RecyclePolicy policy, DateTime expiresOn)
            {
                Policy = policy;
                ExpiresOn = expiresOn;
            }

            public RecyclePolicy Policy { get; }

            public DateTime ExpiresOn { get; }
        }
    }
}
