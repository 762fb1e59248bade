using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Metadata;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// Which installed solution provides each system table LeadRecycle carries as a shell. A real export lists, under
    /// SolutionManifest/MissingDependencies, every component the solution needs but does not contain, with the solution
    /// that provides it, so that an import into an organization without Dynamics 365 Sales stops before it starts with
    /// a message naming what to install (Microsoft Learn, "There was an error calculating dependencies for this
    /// component": <c>&lt;MissingDependency&gt;&lt;Required type=… displayName=… solution=… /&gt;&lt;Dependent … /&gt;</c>).
    /// Tables of the Dataverse platform itself (account, contact, user, team …) exist in every organization and are
    /// never missing.
    /// </summary>
    public static class RequiredSolutions
    {
        /// <summary>
        /// The Dynamics 365 Sales solution, by unique name. Exports write <c>solution="&lt;unique name&gt; (&lt;version&gt;)"</c>
        /// with the version installed where they were made (e.g. "msdynce_ServiceLevelAgreementExtension (9.0.22072.1003)"
        /// in a public export); LeadRecycle needs no particular version, so none is written. The unique name is the
        /// msdynce_ family's; no public export naming the provider of opportunity or lead was found: confirm it with
        /// RetrieveMissingDependencies on a Sales organization before relying on the exact text.
        /// </summary>
        public const string Sales = "msdynce_Sales";

        /// <summary>The platform's own tables: present in every Dataverse organization.</summary>
        public const string Platform = "System";

        private static readonly IReadOnlyDictionary<string, string> ProvidedBy = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SystemTables.Opportunity.LogicalName] = Sales,
            [SystemTables.OpportunityClose.LogicalName] = Sales,
            [SystemTables.Lead.LogicalName] = Sales,
            [SystemTables.OpportunitySalesProcess.LogicalName] = Sales,
            [SystemTables.Account.LogicalName] = Platform,
            [SystemTables.Contact.LogicalName] = Platform,
            [SystemTables.SystemUser.LogicalName] = Platform,
            [SystemTables.Team.LogicalName] = Platform,
            [SystemTables.BusinessUnit.LogicalName] = Platform,
            [SystemTables.Task.LogicalName] = Platform,
            [SystemTables.Queue.LogicalName] = Platform,
            [SystemTables.QueueItem.LogicalName] = Platform,
            [SystemTables.EnvironmentVariableDefinition.LogicalName] = Platform,
            [SystemTables.EnvironmentVariableValue.LogicalName] = Platform,
            [SystemTables.PhoneCall.LogicalName] = Platform,
            [SystemTables.Email.LogicalName] = Platform,
            [SystemTables.Appointment.LogicalName] = Platform,
        };

        /// <summary>The solution that provides <paramref name="table"/>; a system table nobody classified stops the pack.</summary>
        public static string Of(TableMetadata table)
        {
            ArgumentNullException.ThrowIfNull(table);
            if (table.IsCustom)
            {
                throw new ArgumentException($"{table.LogicalName} is LeadRecycle's own table, not a required one.", nameof(table));
            }

            return ProvidedBy.TryGetValue(table.LogicalName, out var solution)
                ? solution
                : throw new InvalidOperationException($"System table '{table.LogicalName}' is carried in the solution but RequiredSolutions does not say which solution provides it (Sales or the platform); add it there so the manifest's MissingDependencies stay complete.");
        }

        /// <summary>The shells of <paramref name="tables"/> that an organization has only with Dynamics 365 Sales, in logical-name order.</summary>
        public static IReadOnlyList<TableMetadata> SalesShells(IEnumerable<TableMetadata> tables) =>
            tables.Where(t => !t.IsCustom && Of(t) == Sales).OrderBy(t => t.LogicalName, StringComparer.Ordinal).ToArray();
    }
}
