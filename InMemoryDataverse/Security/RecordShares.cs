using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Security
{
    /// <summary>What GrantAccess gave: per record, the principals it is shared with and their rights.</summary>
    internal sealed class RecordShares
    {
        private readonly Dictionary<(string, Guid), Dictionary<(string, Guid), AccessRights>> _shares =
            new Dictionary<(string, Guid), Dictionary<(string, Guid), AccessRights>>();

        /// <summary>Adds rights to what the principal holds on the record; undone if the running transaction rolls back.</summary>
        public void Grant(EntityReference record, EntityReference principal, AccessRights rights, EntityStore store)
        {
            var recordKey = (record.LogicalName, record.Id);
            var principalKey = (principal.LogicalName, principal.Id);
            if (!_shares.TryGetValue(recordKey, out var principals))
            {
                principals = new Dictionary<(string, Guid), AccessRights>();
                _shares.Add(recordKey, principals);
            }

            var had = principals.TryGetValue(principalKey, out var previous);
            principals[principalKey] = previous | rights;
            store.OnRollback(() =>
            {
                if (had)
                {
                    principals[principalKey] = previous;
                }
                else
                {
                    principals.Remove(principalKey);
                }
            });
        }

        public IReadOnlyList<PrincipalAccess> Of(EntityReference record)
        {
            if (!_shares.TryGetValue((record.LogicalName, record.Id), out var principals))
            {
                return Array.Empty<PrincipalAccess>();
            }

            return principals
                .Select(p => new PrincipalAccess { Principal = new EntityReference(p.Key.Item1, p.Key.Item2), AccessMask = p.Value })
                .ToArray();
        }

        public AccessRights Rights(EntityReference record, EntityReference principal) =>
            _shares.TryGetValue((record.LogicalName, record.Id), out var principals)
            && principals.TryGetValue((principal.LogicalName, principal.Id), out var rights)
                ? rights
                : AccessRights.None;
    }
}
