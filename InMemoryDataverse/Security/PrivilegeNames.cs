using System;
using System.Collections.Generic;
using LeadRecycle.Metadata;
using Microsoft.Crm.Sdk.Messages;

namespace LeadRecycle.InMemoryDataverse.Security
{
    /// <summary>
    /// The privilege a table's access right needs (<c>prv</c> + right + the table's privilege name) and the table's
    /// object type code for the refusal message.
    /// </summary>
    public static class PrivilegeNames
    {
        /// <summary>
        /// The platform's privilege names for the system tables LeadRecycle touches. Every activity table (task, email,
        /// phone call, appointment, opportunity close) uses the activity privileges: Microsoft Learn, "OpportunityClose
        /// entity privileges": "The OpportunityClose entity uses the privileges for the ActivityPointer entity"; the
        /// user table's are prvReadUser, ... ("Security role UI to privilege mapping"). A custom table's privileges use
        /// its schema name, which for LeadRecycle's tables is the logical name (prvReadlr_recycledlead).
        /// </summary>
        private static readonly IReadOnlyDictionary<string, string> SystemTableNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["account"] = "Account",
            ["businessunit"] = "BusinessUnit",
            ["contact"] = "Contact",
            ["environmentvariabledefinition"] = "EnvironmentVariableDefinition",
            ["environmentvariablevalue"] = "EnvironmentVariableValue",
            ["lead"] = "Lead",
            ["opportunity"] = "Opportunity",
            ["opportunitysalesprocess"] = "OpportunitySalesProcess",
            ["queue"] = "Queue",
            ["queueitem"] = "QueueItem",
            ["systemuser"] = "User",
            ["team"] = "Team",
        };

        /// <summary>Object type codes of the system tables (Microsoft Learn, "Privileges by entity" tables: account 1, contact 2, opportunity 3, lead 4, ...).</summary>
        private static readonly IReadOnlyDictionary<string, int> SystemTypeCodes = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["account"] = 1,
            ["contact"] = 2,
            ["opportunity"] = 3,
            ["lead"] = 4,
            ["systemuser"] = 8,
            ["team"] = 9,
            ["businessunit"] = 10,
            ["queue"] = 2020,
            ["queueitem"] = 2029,
            ["appointment"] = 4201,
            ["email"] = 4202,
            ["opportunityclose"] = 4208,
            ["phonecall"] = 4210,
            ["task"] = 4212,
        };

        /// <summary>The right's word in a privilege name: Create, Read, Write, Delete, Append, AppendTo, Assign, Share.</summary>
        public static string Verb(AccessRights right) => right switch
        {
            AccessRights.CreateAccess => "Create",
            AccessRights.ReadAccess => "Read",
            AccessRights.WriteAccess => "Write",
            AccessRights.DeleteAccess => "Delete",
            AccessRights.AppendAccess => "Append",
            AccessRights.AppendToAccess => "AppendTo",
            AccessRights.AssignAccess => "Assign",
            AccessRights.ShareAccess => "Share",
            _ => throw new ArgumentOutOfRangeException(nameof(right), right, "One access right at a time."),
        };

        /// <summary>The table's part of its privilege names: Activity for every activity, the platform's name for a system table, else the logical name.</summary>
        public static string TableName(TableMetadata table)
        {
            if (table == null)
            {
                throw new ArgumentNullException(nameof(table));
            }

            if (table.IsActivity)
            {
                return "Activity";
            }

            return SystemTableNames.TryGetValue(table.LogicalName, out var name) ? name : table.LogicalName;
        }

        public static string For(TableMetadata table, AccessRights right) => "prv" + Verb(right) + TableName(table);

        /// <summary>The table's object type code: the platform's for system tables; for custom tables a stable number from 10000 (the range Dataverse gives custom tables).</summary>
        public static int TypeCodeOf(string logicalName) =>
            SystemTypeCodes.TryGetValue(logicalName, out var code) ? code : 10000 + (int)(StableHash(logicalName) % 90000);

        /// <summary>A privilege's id: derived from its name, so the same name gives the same id in every organization.</summary>
        public static Guid IdOf(string privilegeName)
        {
            var bytes = new byte[16];
            var hash = StableHash(privilegeName);
            var second = StableHash(privilegeName + "#");
            BitConverter.GetBytes(hash).CopyTo(bytes, 0);
            BitConverter.GetBytes(second).CopyTo(bytes, 8);
            return new Guid(bytes);
        }

        private static ulong StableHash(string text)
        {
            // FNV-1a: string.GetHashCode is randomized per process.
            var hash = 14695981039346656037UL;
            foreach (var c in text)
            {
                hash ^= c;
                hash *= 1099511628211UL;
            }

            return hash;
        }
    }
}
