using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Metadata;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Security
{
    /// <summary>
    /// Dataverse's two checks, in its order (Microsoft Learn, "How access to a record is determined"): the privilege
    /// check (a role of the user, or of an owner team the user is in, holds prv&lt;Right&gt;&lt;Table&gt; at some level), then the
    /// access check on the record: ownership (the user or one of the user's teams owns it: any level suffices),
    /// role access (the level reaches the record's business unit), shared access (GrantAccess gave that right to the
    /// user or one of the user's teams). Organization-owned tables have only the privilege check. Team roles follow
    /// the owner-team "team privileges" model: a team role's User level reaches what the team owns, its Business
    /// Unit and deeper levels are measured from the team's business unit.
    /// </summary>
    internal sealed class AccessChecker
    {
        private readonly SecurityAssignments _assignments;
        private readonly ISecurityData _data;

        public AccessChecker(SecurityAssignments assignments, ISecurityData data)
        {
            _assignments = assignments;
            _data = data;
        }

        /// <summary>True for a user one of whose roles (own or through a team) is System Administrator.</summary>
        public bool Bypasses(Guid userId) =>
            _assignments.RolesOf(userId).Any(r => r.BypassesChecks)
            || _assignments.TeamsOf(userId).Any(t => _assignments.RolesOf(t).Any(r => r.BypassesChecks));

        /// <summary>The privilege check alone: a Create, a query's table, a Custom API's execute privilege.</summary>
        public void DemandPrivilege(Guid userId, string privilegeName, string? table)
        {
            if (Grants(userId, privilegeName).Count == 0)
            {
                throw SecurityFaults.MissingPrivilege(userId, RoleCount(userId), privilegeName, table);
            }
        }

        public void DemandPrivilege(Guid userId, TableMetadata table, AccessRights right) =>
            DemandPrivilege(userId, PrivilegeNames.For(table, right), table.LogicalName);

        /// <summary>Both checks on an existing record.</summary>
        public void DemandAccess(Guid userId, TableMetadata table, Entity row, AccessRights right)
        {
            var privilege = PrivilegeNames.For(table, right);
            var grants = Grants(userId, privilege);
            if (grants.Count == 0)
            {
                throw SecurityFaults.MissingPrivilege(userId, RoleCount(userId), privilege, table.LogicalName);
            }

            if (!Reaches(userId, grants, table, row, right))
            {
                throw SecurityFaults.AccessDenied(userId, right, table.LogicalName, row.Id);
            }
        }

        /// <summary>Whether the user may read a row (RetrieveMultiple leaves out the rows this refuses, without an error).</summary>
        public Func<Entity, bool> ReadFilter(Guid userId, TableMetadata table)
        {
            var grants = Grants(userId, PrivilegeNames.For(table, AccessRights.ReadAccess));
            return row => grants.Count > 0 && Reaches(userId, grants, table, row, AccessRights.ReadAccess);
        }

        private int RoleCount(Guid userId) => _assignments.RolesOf(userId).Count;

        private List<Grant> Grants(Guid userId, string privilegeName)
        {
            var grants = new List<Grant>();
            var user = new EntityReference("systemuser", userId);
            foreach (var role in _assignments.RolesOf(userId))
            {
                if (role.LevelOf(privilegeName) is { } level)
                {
                    grants.Add(new Grant(level, user));
                }
            }

            foreach (var team in _assignments.TeamsOf(userId))
            {
                foreach (var role in _assignments.RolesOf(team))
                {
                    if (role.LevelOf(privilegeName) is { } level)
                    {
                        grants.Add(new Grant(level, new EntityReference("team", team)));
                    }
                }
            }

            return grants;
        }

        private bool Reaches(Guid userId, List<Grant> grants, TableMetadata table, Entity row, AccessRights right)
        {
            if (table.Ownership == TableOwnership.OrganizationOwned)
            {
                return true;
            }

            var owner = table.Ownership == TableOwnership.UserOwned ? row.GetAttributeValue<EntityReference>("ownerid") : null;
            if (table.Ownership == TableOwnership.UserOwned && owner == null)
            {
                // A user-owned row always has an owner in Dataverse; a row seeded without one belongs to nobody's unit.
                return grants.Any(g => g.Level == AccessLevel.Global) || IsShared(userId, table, row, right);
            }

            // Ownership: the user, or a team the user is in, owns the record; any level will do.
            if (owner != null && (owner.Id == userId || (owner.LogicalName == "team" && _assignments.TeamsOf(userId).Contains(owner.Id))))
            {
                return true;
            }

            var recordUnit = owner != null ? _data.BusinessUnitOf(owner) : BusinessUnitOfUnowned(table, row);
            foreach (var grant in grants)
            {
                switch (grant.Level)
                {
                    case AccessLevel.Global:
                        return true;
                    case AccessLevel.Deep when recordUnit is { } deepUnit && IsWithin(deepUnit, _data.BusinessUnitOf(grant.Principal)):
                        return true;
                    case AccessLevel.Local when recordUnit is { } localUnit && localUnit == _data.BusinessUnitOf(grant.Principal):
                        return true;
                    case AccessLevel.Basic when table.Ownership != TableOwnership.UserOwned && recordUnit is { } basicUnit
                                                && basicUnit == _data.BusinessUnitOf(grant.Principal):
                        // Business-owned tables (users, teams, units) have no owner: their lowest level is the unit.
                        return true;
                }
            }

            return IsShared(userId, table, row, right);
        }

        private bool IsShared(Guid userId, TableMetadata table, Entity row, AccessRights right)
        {
            if ((_data.SharedRights(table.LogicalName, row.Id, new EntityReference("systemuser", userId)) & right) == right)
            {
                return true;
            }

            return _assignments.TeamsOf(userId).Any(team => (_data.SharedRights(table.LogicalName, row.Id, new EntityReference("team", team)) & right) == right);
        }

        private static Guid? BusinessUnitOfUnowned(TableMetadata table, Entity row) =>
            table.LogicalName == "businessunit" ? row.Id : row.GetAttributeValue<EntityReference>("businessunitid")?.Id;

        private bool IsWithin(Guid unit, Guid ancestor)
        {
            var seen = new HashSet<Guid>();
            Guid? current = unit;
            while (current is { } id && seen.Add(id))
            {
                if (id == ancestor)
                {
                    return true;
                }

                current = _data.ParentBusinessUnitOf(id);
            }

            return false;
        }

        private readonly struct Grant
        {
            public Grant(AccessLevel level, EntityReference principal)
            {
                Level = level;
                Principal = principal;
            }

            public AccessLevel Level { get; }

            /// <summary>The user (own role) or the team (team role) whose business unit the level is measured from.</summary>
            public EntityReference Principal { get; }
        }
    }
}
