using System;
using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.InMemoryDataverse.Security
{
    /// <summary>
    /// The organization's security roles (by name), which users and teams hold which roles, and who is in which team.
    /// Rows of systemuser, team and businessunit live in the organization's tables; role assignments and team
    /// membership (systemuserroles, teamroles, teammembership in Dataverse) live here, outside the metadata catalog.
    /// </summary>
    internal sealed class SecurityAssignments
    {
        private readonly Dictionary<string, SecurityRole> _roles = new Dictionary<string, SecurityRole>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<Guid, List<SecurityRole>> _principalRoles = new Dictionary<Guid, List<SecurityRole>>();
        private readonly Dictionary<Guid, HashSet<Guid>> _userTeams = new Dictionary<Guid, HashSet<Guid>>();

        public void AddRole(SecurityRole role)
        {
            if (_roles.TryGetValue(role.Name, out var existing) && !ReferenceEquals(existing, role))
            {
                throw new InvalidOperationException($"The organization already has a role named '{role.Name}'.");
            }

            _roles[role.Name] = role;
        }

        public SecurityRole Role(string name) =>
            _roles.TryGetValue(name, out var role)
                ? role
                : throw new ArgumentException($"The organization has no security role '{name}' (it has: {string.Join(", ", _roles.Keys.OrderBy(k => k, StringComparer.Ordinal))}).", nameof(name));

        /// <summary>Gives a user or a team a role (a role held twice is held once).</summary>
        public void Assign(Guid principalId, SecurityRole role)
        {
            if (!_principalRoles.TryGetValue(principalId, out var roles))
            {
                roles = new List<SecurityRole>();
                _principalRoles.Add(principalId, roles);
            }

            if (!roles.Contains(role))
            {
                roles.Add(role);
            }
        }

        public IReadOnlyList<SecurityRole> RolesOf(Guid principalId) =>
            _principalRoles.TryGetValue(principalId, out var roles) ? roles : (IReadOnlyList<SecurityRole>)Array.Empty<SecurityRole>();

        public void AddMember(Guid teamId, Guid userId)
        {
            if (!_userTeams.TryGetValue(userId, out var teams))
            {
                teams = new HashSet<Guid>();
                _userTeams.Add(userId, teams);
            }

            teams.Add(teamId);
        }

        public IReadOnlyCollection<Guid> TeamsOf(Guid userId) =>
            _userTeams.TryGetValue(userId, out var teams) ? teams : (IReadOnlyCollection<Guid>)Array.Empty<Guid>();
    }
}
