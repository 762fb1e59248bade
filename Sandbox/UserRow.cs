using System;
using System.Collections.Generic;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Sandbox
{
    /// <summary>A user as the report reads it: the name and the manager (systemuser.parentsystemuserid) when one is set.</summary>
    public sealed record UserRow(Guid Id, string? FullName, Guid? ManagerId)
    {
        public static readonly IReadOnlyList<string> Columns = new[] { SystemUser.FullName, SystemUser.Manager };

        public static UserRow From(Entity user) => new UserRow(
            user.Id,
            user.GetAttributeValue<string>(SystemUser.FullName),
            user.GetAttributeValue<EntityReference>(SystemUser.Manager)?.Id);
    }
}
