using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.InMemoryDataverse.Security
{
    /// <summary>
    /// Minimal models of the platform roles LeadRecycle's roles are added to: only the tables the in-memory catalog
    /// holds. Levels come from Microsoft Learn's default privilege tables for the predefined roles (Dynamics CRM 2015
    /// developer guide, "Opportunity entity privileges", "Lead entity privileges", "Account entity privileges",
    /// "Contact entity privileges", "ActivityPointer (activity) entity privileges"; where those pages cut a row, the
    /// older "Opportunity Privileges" / "Lead Privileges" / "Activity Privileges" tables of the CRM SDK appendix "Security
    /// Roles and Privileges"). Rows marked "assumed" are not in those pages: they are what a seller plainly needs (see
    /// users, read queues) and are stated so a test never rests on them silently. Today's roles carry many more
    /// privileges (apps, settings, Sales tables) that nothing here touches.
    /// </summary>
    public static class PlatformRoles
    {
        public const string SystemAdministratorName = "System Administrator";
        public const string SalespersonName = "Salesperson";
        public const string SalesManagerName = "Sales Manager";
        public const string MarketingProfessionalName = "Marketing Professional";

        private const AccessLevel B = AccessLevel.Basic;
        private const AccessLevel L = AccessLevel.Local;
        private const AccessLevel G = AccessLevel.Global;

        /// <summary>Every privilege at organization level, and no check at all (Microsoft Learn, "Verifying access in code").</summary>
        public static SecurityRole SystemAdministrator { get; } = new SecurityRole(SystemAdministratorName, new Dictionary<string, AccessLevel>(), bypassesChecks: true);

        /// <summary>
        /// The Salesperson column of the tables above: opportunity, lead: Read, Write, Append, AppendTo, Share Global;
        /// Create, Delete, Assign Basic. Account, contact: Read, Write Global; Create, Delete Basic (Append, AppendTo,
        /// Share Global and Assign Basic assumed from the lead and opportunity rows). Activities: Create, Delete, Assign
        /// Basic; Read, Share Global; Write, Append Local (CRM SDK "Activity Privileges"); AppendTo Local assumed.
        /// </summary>
        public static SecurityRole Salesperson { get; } = new SecurityRole(SalespersonName, Privileges(
            Table("Opportunity", create: B, read: G, write: G, delete: B, append: G, appendTo: G, assign: B, share: G),
            Table("Lead", create: B, read: G, write: G, delete: B, append: G, appendTo: G, assign: B, share: G),
            Table("Account", create: B, read: G, write: G, delete: B, append: G, appendTo: G, assign: B, share: G),
            Table("Contact", create: B, read: G, write: G, delete: B, append: G, appendTo: G, assign: B, share: G),
            Table("Activity", create: B, read: G, write: L, delete: B, append: L, appendTo: L, assign: B, share: G),
            SellerDirectory()));

        /// <summary>
        /// The Sales Manager column: as the Salesperson, but Create, Delete and Assign of opportunities, leads,
        /// accounts and contacts at business-unit level; activities Create, Write, Delete, Append, Assign Local.
        /// </summary>
        public static SecurityRole SalesManager { get; } = new SecurityRole(SalesManagerName, Privileges(
            Table("Opportunity", create: L, read: G, write: G, delete: L, append: G, appendTo: G, assign: L, share: G),
            Table("Lead", create: L, read: G, write: G, delete: L, append: G, appendTo: G, assign: L, share: G),
            Table("Account", create: L, read: G, write: G, delete: L, append: G, appendTo: G, assign: L, share: G),
            Table("Contact", create: L, read: G, write: G, delete: L, append: G, appendTo: G, assign: L, share: G),
            Table("Activity", create: L, read: G, write: L, delete: L, append: L, appendTo: L, assign: L, share: G),
            SellerDirectory()));

        /// <summary>
        /// The Marketing Professional column: opportunity and lead Read, Write, Append, AppendTo, Share Global, Create,
        /// Delete, Assign Basic; account and contact Read, Write Global, Create, Delete Basic (the rest assumed as for
        /// the Salesperson); activities Create, Write, Delete, Append, Assign Basic, Read and Share Global (AppendTo
        /// Basic assumed).
        /// </summary>
        public static SecurityRole MarketingProfessional { get; } = new SecurityRole(MarketingProfessionalName, Privileges(
            Table("Opportunity", create: B, read: G, write: G, delete: B, append: G, appendTo: G, assign: B, share: G),
            Table("Lead", create: B, read: G, write: G, delete: B, append: G, appendTo: G, assign: B, share: G),
            Table("Account", create: B, read: G, write: G, delete: B, append: G, appendTo: G, assign: B, share: G),
            Table("Contact", create: B, read: G, write: G, delete: B, append: G, appendTo: G, assign: B, share: G),
            Table("Activity", create: B, read: G, write: B, delete: B, append: B, appendTo: B, assign: B, share: G),
            SellerDirectory()));

        public static IReadOnlyList<SecurityRole> All { get; } = new[] { SystemAdministrator, Salesperson, SalesManager, MarketingProfessional };

        /// <summary>
        /// Assumed for every business role: read users, teams, business units and queues, put records in queues and
        /// point records at users, teams and queues. Microsoft's pages list these under "Business Management", which
        /// this model does not copy row by row.
        /// </summary>
        private static IEnumerable<KeyValuePair<string, AccessLevel>> SellerDirectory() => new Dictionary<string, AccessLevel>
        {
            ["prvReadUser"] = G,
            ["prvAppendToUser"] = G,
            ["prvReadTeam"] = G,
            ["prvAppendToTeam"] = G,
            ["prvReadBusinessUnit"] = G,
            ["prvReadQueue"] = G,
            ["prvAppendToQueue"] = G,
            ["prvCreateQueueItem"] = G,
            ["prvReadQueueItem"] = G,
            ["prvWriteQueueItem"] = G,
            ["prvAppendQueueItem"] = G,
        };

        private static IEnumerable<KeyValuePair<string, AccessLevel>> Table(string name, AccessLevel create, AccessLevel read, AccessLevel write,
            AccessLevel delete, AccessLevel append, AccessLevel appendTo, AccessLevel assign, AccessLevel share) => new Dictionary<string, AccessLevel>
        {
            ["prvCreate" + name] = create,
            ["prvRead" + name] = read,
            ["prvWrite" + name] = write,
            ["prvDelete" + name] = delete,
            ["prvAppend" + name] = append,
            ["prvAppendTo" + name] = appendTo,
            ["prvAssign" + name] = assign,
            ["prvShare" + name] = share,
        };

        private static IEnumerable<KeyValuePair<string, AccessLevel>> Privileges(params IEnumerable<KeyValuePair<string, AccessLevel>>[] groups) =>
            groups.SelectMany(g => g).ToArray();
    }
}
