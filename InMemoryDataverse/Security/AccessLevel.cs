namespace LeadRecycle.InMemoryDataverse.Security
{
    /// <summary>
    /// How far a role's privilege reaches, as a role's XML writes it (<c>level="Basic|Local|Deep|Global"</c>).
    /// Microsoft Learn, "Security roles and privileges": User (Basic) reaches what the user owns, what a team the user
    /// is in owns, and what is shared with them; Business Unit (Local) every record of the user's business unit;
    /// Parent: Child Business Units (Deep) that unit and the units below it; Organization (Global) every record.
    /// Named AccessLevel rather than PrivilegeDepth so it never collides with Microsoft.Crm.Sdk.Messages.PrivilegeDepth
    /// when the build uses Microsoft's packages.
    /// </summary>
    public enum AccessLevel
    {
        Basic = 0,
        Local = 1,
        Deep = 2,
        Global = 3,
    }
}
