using System;
using System.Collections.Generic;
using LeadRecycle.Metadata;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// Schema names (the cased names solution files use) for logical names. LeadRecycle's own tables and columns use
    /// their logical name as schema name; system tables and the platform's standard columns use the platform's casing.
    /// </summary>
    public static class SchemaNaming
    {
        private static readonly IReadOnlyDictionary<string, string> SystemTables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["account"] = "Account",
            ["activitypointer"] = "ActivityPointer",
            ["appointment"] = "Appointment",
            ["businessunit"] = "BusinessUnit",
            ["contact"] = "Contact",
            ["email"] = "Email",
            ["environmentvariabledefinition"] = "EnvironmentVariableDefinition",
            ["environmentvariablevalue"] = "EnvironmentVariableValue",
            ["lead"] = "Lead",
            ["opportunity"] = "Opportunity",
            ["opportunityclose"] = "OpportunityClose",
            ["owner"] = "Owner",
            ["phonecall"] = "PhoneCall",
            ["queue"] = "Queue",
            ["systemuser"] = "SystemUser",
            ["task"] = "Task",
            ["team"] = "Team",
            ["transactioncurrency"] = "TransactionCurrency",
        };

        private static readonly IReadOnlyDictionary<string, string> StandardColumns = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["createdby"] = "CreatedBy",
            ["createdon"] = "CreatedOn",
            ["createdonbehalfby"] = "CreatedOnBehalfBy",
            ["importsequencenumber"] = "ImportSequenceNumber",
            ["modifiedby"] = "ModifiedBy",
            ["modifiedon"] = "ModifiedOn",
            ["modifiedonbehalfby"] = "ModifiedOnBehalfBy",
            ["overriddencreatedon"] = "OverriddenCreatedOn",
            ["ownerid"] = "OwnerId",
            ["owningbusinessunit"] = "OwningBusinessUnit",
            ["owningteam"] = "OwningTeam",
            ["owninguser"] = "OwningUser",
            ["statecode"] = "statecode",
            ["statuscode"] = "statuscode",
            ["timezoneruleversionnumber"] = "TimeZoneRuleVersionNumber",
            ["utcconversiontimezonecode"] = "UTCConversionTimeZoneCode",
            ["versionnumber"] = "VersionNumber",
        };

        public static string Table(string logicalName) =>
            SystemTables.TryGetValue(logicalName, out var schemaName) ? schemaName : logicalName;

        public static string Table(TableMetadata table) => Table(table.LogicalName);

        public static string Column(TableMetadata table, ColumnMetadata column)
        {
            if (column.LogicalName == table.PrimaryIdColumn && table.IsCustom)
            {
                return Table(table) + "Id";
            }

            if (column.IsCustom)
            {
                return column.LogicalName;
            }

            return StandardColumn(column.LogicalName);
        }

        /// <summary>The platform's casing of a standard column (createdby: CreatedBy); other names are returned as they are.</summary>
        public static string StandardColumn(string logicalName) =>
            StandardColumns.TryGetValue(logicalName, out var schemaName) ? schemaName : logicalName;

        /// <summary>The Web API entity set name of a custom table: its logical name in the plural.</summary>
        public static string EntitySetName(string logicalName)
        {
            if (logicalName.EndsWith("y", StringComparison.Ordinal) && logicalName.Length > 1 && !"aeiou".Contains(logicalName[^2], StringComparison.Ordinal))
            {
                return logicalName[..^1] + "ies";
            }

            return logicalName.EndsWith("s", StringComparison.Ordinal) || logicalName.EndsWith("x", StringComparison.Ordinal)
                || logicalName.EndsWith("ch", StringComparison.Ordinal) || logicalName.EndsWith("sh", StringComparison.Ordinal)
                ? logicalName + "es"
                : logicalName + "s";
        }
    }
}
