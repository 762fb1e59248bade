using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace LeadRecycle.InMemoryDataverse.Security
{
    /// <summary>
    /// A security role: privilege names (<c>prvReadlr_recycledlead</c>) with the level each reaches. Read from a
    /// solution's role XML (<c>Roles/&lt;name&gt;.xml</c>, as <c>pac solution unpack</c> writes it) or declared in code
    /// for the platform's own roles (<see cref="PlatformRoles"/>).
    /// </summary>
    public sealed class SecurityRole
    {
        private readonly Dictionary<string, AccessLevel> _privileges;

        public SecurityRole(string name, IEnumerable<KeyValuePair<string, AccessLevel>> privileges, bool bypassesChecks = false, Guid? id = null)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("A role needs a name.", nameof(name));
            }

            Name = name;
            Id = id ?? Guid.Empty;
            BypassesChecks = bypassesChecks;
            _privileges = new Dictionary<string, AccessLevel>(StringComparer.OrdinalIgnoreCase);
            foreach (var privilege in privileges ?? throw new ArgumentNullException(nameof(privileges)))
            {
                // The same privilege twice keeps the wider level, as two roles held together would.
                _privileges[privilege.Key] = _privileges.TryGetValue(privilege.Key, out var level) && level > privilege.Value ? level : privilege.Value;
            }
        }

        public string Name { get; }

        public Guid Id { get; }

        /// <summary>
        /// System Administrator: Microsoft Learn, "Verifying access in code": "Because this role is all powerful and
        /// can't be edited, you can be assured that the user can do anything."
        /// </summary>
        public bool BypassesChecks { get; }

        public IReadOnlyDictionary<string, AccessLevel> Privileges => _privileges;

        /// <summary>The level the role grants for a privilege, or null when it does not hold it.</summary>
        public AccessLevel? LevelOf(string privilegeName) =>
            BypassesChecks ? AccessLevel.Global : _privileges.TryGetValue(privilegeName, out var level) ? level : null;

        /// <summary>Reads a role from its solution XML: <c>&lt;Role name=".."&gt;&lt;RolePrivileges&gt;&lt;RolePrivilege name="prv.." level="Basic" /&gt;</c>.</summary>
        public static SecurityRole FromXml(XDocument document)
        {
            var role = document?.Root ?? throw new ArgumentNullException(nameof(document));
            if (role.Name.LocalName != "Role")
            {
                throw new FormatException("A role file's root element is <Role>, not <" + role.Name.LocalName + ">.");
            }

            var name = (string?)role.Attribute("name") ?? throw new FormatException("The <Role> element has no name.");
            var id = Guid.TryParse(((string?)role.Attribute("id"))?.Trim('{', '}'), out var parsed) ? parsed : (Guid?)null;
            var privileges = role.Elements().Where(e => e.Name.LocalName == "RolePrivileges").Elements()
                .Where(e => e.Name.LocalName == "RolePrivilege")
                .Select(e => new KeyValuePair<string, AccessLevel>(
                    (string?)e.Attribute("name") ?? throw new FormatException($"Role '{name}': a <RolePrivilege> has no name."),
                    ParseLevel(name, (string?)e.Attribute("level"))));
            return new SecurityRole(name, privileges, id: id);
        }

        /// <summary>Every <c>*.xml</c> role file of a folder (a solution's <c>Roles/</c>), by name.</summary>
        public static IReadOnlyList<SecurityRole> LoadFolder(string folder)
        {
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException("No role folder at " + folder + ".");
            }

            return Directory.GetFiles(folder, "*.xml").OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => FromXml(XDocument.Load(f))).ToArray();
        }

        public override string ToString() => Name;

        private static AccessLevel ParseLevel(string role, string? level) =>
            Enum.TryParse<AccessLevel>(level, ignoreCase: false, out var parsed) && Enum.IsDefined(typeof(AccessLevel), parsed)
                ? parsed
                : throw new FormatException(string.Format(CultureInfo.InvariantCulture,
                    "Role '{0}': level '{1}' is not Basic, Local, Deep or Global.", role, level));
    }
}
