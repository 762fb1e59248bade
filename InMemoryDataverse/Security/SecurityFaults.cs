using System;
using System.Globalization;
using Microsoft.Crm.Sdk.Messages;

namespace LeadRecycle.InMemoryDataverse.Security
{
    /// <summary>
    /// The platform's two refusals, as Microsoft Learn, "Troubleshoot Dataverse client errors" lists them:
    /// "Principal user is missing privilege on OTC for entity" (-2147220960, 0x80040220: the privilege check failed,
    /// no role of the user or of the user's teams holds the privilege at any level) and "Principal with ID &lt;guid&gt;
    /// does not have CreateAccess right(s) for record with ID &lt;guid&gt; of entity" (-2147187962, 0x80048306: the privilege
    /// check passed but the access check failed: the level does not reach the record and no share grants it). The
    /// first message's full text follows what Dataverse returns (also quoted by Microsoft Learn, "Troubleshoot
    /// synchronization errors": "Principal user (Id=&lt;user id&gt;, type=8) is missing &lt;privilegeName&gt; privilege").
    /// </summary>
    internal static class SecurityFaults
    {
        public static DataverseFaultException MissingPrivilege(Guid userId, int roleCount, string privilegeName, string? table) =>
            new DataverseFaultException(DataverseErrorCodes.MissingPrivilege, table == null
                ? string.Format(CultureInfo.InvariantCulture,
                    "Principal user (Id={0}, type=8, roleCount={1}, accessMode=0), is missing {2} privilege (Id={3}). context.Caller={0}",
                    userId, roleCount, privilegeName, PrivilegeNames.IdOf(privilegeName))
                : string.Format(CultureInfo.InvariantCulture,
                    "Principal user (Id={0}, type=8, roleCount={1}, accessMode=0), is missing {2} privilege (Id={3}) on OTC={4} for entity '{5}'. context.Caller={0}",
                    userId, roleCount, privilegeName, PrivilegeNames.IdOf(privilegeName), PrivilegeNames.TypeCodeOf(table), table));

        public static DataverseFaultException AccessDenied(Guid userId, AccessRights right, string table, Guid recordId) =>
            new DataverseFaultException(DataverseErrorCodes.AccessDenied, string.Format(CultureInfo.InvariantCulture,
                "Principal with ID {0} does not have {1} right(s) for record with ID {2} of entity {3}.",
                userId, right, recordId, table));
    }
}
