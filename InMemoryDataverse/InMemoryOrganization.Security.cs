using System;
using System.Collections.Generic;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.InMemoryDataverse.Security;
using LeadRecycle.InMemoryDataverse.Storage;
using LeadRecycle.Metadata;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse
{
    // Security: business units, users, owner teams, security roles and the checks every non-SYSTEM call goes through,
    // after PreValidation: Microsoft Learn, "Demonstrate the use of the different event execution pipeline stages":
    // "PreValidation runs first, before the main system operation and before Dataverse even checks whether the calling
    // user has permission to perform the action."
    public sealed partial class InMemoryOrganization : ISecurityData
    {
        private readonly SecurityAssignments _security = new SecurityAssignments();
        private AccessChecker? _accessChecker;

        internal AccessChecker Access => _accessChecker ??= new AccessChecker(_security, this);

        /// <summary>Adds a role (a solution's role file, <see cref="SecurityRole.LoadFolder"/>), as importing a solution does.</summary>
        public void AddSecurityRole(SecurityRole role) => _security.AddRole(role ?? throw new ArgumentNullException(nameof(role)));

        public void AddSecurityRoles(IEnumerable<SecurityRole> roles)
        {
            foreach (var role in roles ?? throw new ArgumentNullException(nameof(roles)))
            {
                AddSecurityRole(role);
            }
        }

        /// <summary>Gives a user or an owner team one of the organization's roles, by name.</summary>
        public void AssignRole(Guid principalId, string roleName)
        {
            if (!RecordExists("systemuser", principalId) && !RecordExists("team", principalId))
            {
                throw new ArgumentException($"No user or team {principalId}.", nameof(principalId));
            }

            _security.Assign(principalId, _security.Role(roleName));
        }

        /// <summary>The roles a user or team holds itself (not through teams).</summary>
        public IReadOnlyList<SecurityRole> RolesOf(Guid principalId) => _security.RolesOf(principalId);

        /// <summary>The owner teams a user is a member of.</summary>
        public IReadOnlyCollection<Guid> TeamsOf(Guid userId) => _security.TeamsOf(userId);

        /// <summary>Adds a business unit under <paramref name="parentId"/> (the root business unit when null).</summary>
        public Guid CreateBusinessUnit(string name, Guid? parentId = null) =>
            Seed(new Entity("businessunit")
            {
                ["name"] = name,
                ["parentbusinessunitid"] = new EntityReference("businessunit", parentId ?? RootBusinessUnitId),
            });

        /// <summary>
        /// Adds an owner team in a business unit (the root when null) with members and roles. Members act with the
        /// team's roles on what the team owns and, at business-unit level and deeper, from the team's business unit.
        /// </summary>
        public Guid CreateTeam(string name, Guid? businessUnitId = null, IEnumerable<Guid>? members = null, IEnumerable<string>? roles = null)
        {
            var teamId = Seed(new Entity("team")
            {
                ["name"] = name,
                ["teamtype"] = new OptionSetValue(0),
                ["businessunitid"] = new EntityReference("businessunit", businessUnitId ?? RootBusinessUnitId),
            });
            foreach (var member in members ?? Array.Empty<Guid>())
            {
                AddTeamMember(teamId, member);
            }

            foreach (var role in roles ?? Array.Empty<string>())
            {
                AssignRole(teamId, role);
            }

            return teamId;
        }

        public void AddTeamMember(Guid teamId, Guid userId)
        {
            if (!RecordExists("team", teamId) || !RecordExists("systemuser", userId))
            {
                throw new ArgumentException($"No team {teamId} or no user {userId}.");
            }

            _security.AddMember(teamId, userId);
        }

        Guid ISecurityData.BusinessUnitOf(EntityReference principal) => BusinessUnitOfPrincipal(principal);

        Guid? ISecurityData.ParentBusinessUnitOf(Guid businessUnitId) =>
            _schemas.TryGetValue("businessunit", out var units) && _store.Table(units).TryGetValue(businessUnitId, "parentbusinessunitid", out var parent)
                ? (parent as EntityReference)?.Id
                : null;

        AccessRights ISecurityData.SharedRights(string table, Guid recordId, EntityReference principal) =>
            SharedAccess(new EntityReference(table, recordId), principal);

        internal Guid BusinessUnitOfPrincipal(EntityReference principal)
        {
            if (principal.LogicalName == "team")
            {
                return _schemas.TryGetValue("team", out var teams) && _store.Table(teams).TryGetValue(principal.Id, "businessunitid", out var teamUnit)
                    && teamUnit is EntityReference unit
                    ? unit.Id
                    : RootBusinessUnitId;
            }

            return BusinessUnitOf(principal.Id);
        }

        private void GrantAdministrator()
        {
            foreach (var role in PlatformRoles.All)
            {
                _security.AddRole(role);
            }

            if (_schemas.ContainsKey("systemuser"))
            {
                _security.Assign(AdminUserId, PlatformRoles.SystemAdministrator);
            }
        }

        /// <summary>Whether calls as this user skip the checks: SYSTEM, System Administrators, or security switched off.</summary>
        internal bool IsUnchecked(Guid userId) => !Options.EnforceSecurity || userId == SystemUserId || Access.Bypasses(userId);

        /// <summary>The right on the operation's primary record, at a level that reaches it.</summary>
        internal void DemandOnPrimary(OperationState op, AccessRights right)
        {
            var schema = SchemaOf(op.PrimaryEntityName);
            Access.DemandAccess(op.UserId, schema.Metadata, _store.Table(schema).Get(op.PrimaryEntityId), right);
        }

        /// <summary>
        /// Setting a lookup on record A to record B needs Append on A and Append To on B (Microsoft Learn, "How access to
        /// a record is determined": Append "Required to associate the current record with another record", Append To
        /// "Required to associate a record with the current record"). Only lookups the call sets or changes count.
        /// </summary>
        internal void DemandLookups(Guid user, TableSchema schema, Entity changes, Entity? existing)
        {
            var appendChecked = false;
            foreach (var attribute in changes.Attributes)
            {
                if (!(attribute.Value is EntityReference reference) || reference.Id == Guid.Empty
                    || schema.Metadata.FindColumn(attribute.Key) is not { } column
                    || (column.Type != ColumnType.Lookup && column.Type != ColumnType.Customer))
                {
                    continue;
                }

                if (existing?.GetAttributeValue<EntityReference>(attribute.Key) is { } before && before.Id == reference.Id)
                {
                    continue;
                }

                if (!appendChecked)
                {
                    if (existing == null)
                    {
                        Access.DemandPrivilege(user, schema.Metadata, AccessRights.AppendAccess);
                    }
                    else
                    {
                        Access.DemandAccess(user, schema.Metadata, existing, AccessRights.AppendAccess);
                    }

                    appendChecked = true;
                }

                if (reference.LogicalName != null && _schemas.TryGetValue(reference.LogicalName, out var targetSchema)
                    && _store.Table(targetSchema).TryGet(reference.Id, out var target))
                {
                    Access.DemandAccess(user, targetSchema.Metadata, target, AccessRights.AppendToAccess);
                }
            }
        }
    }
}
