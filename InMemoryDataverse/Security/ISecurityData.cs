using System;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Security
{
    /// <summary>What the access checker reads from the organization: business units, principals and shares.</summary>
    internal interface ISecurityData
    {
        /// <summary>The business unit of a user or a team.</summary>
        Guid BusinessUnitOf(EntityReference principal);

        /// <summary>The parent of a business unit; null for the root.</summary>
        Guid? ParentBusinessUnitOf(Guid businessUnitId);

        /// <summary>The rights GrantAccess gave a principal on a record.</summary>
        AccessRights SharedRights(string table, Guid recordId, EntityReference principal);
    }
}
