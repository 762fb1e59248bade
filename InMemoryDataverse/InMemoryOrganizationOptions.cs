using System;

namespace LeadRecycle.InMemoryDataverse
{
    /// <summary>Settings of an <see cref="InMemoryOrganization"/>.</summary>
    public sealed class InMemoryOrganizationOptions
    {
        public string OrganizationName { get; init; } = "leadrecycle-inmemory";

        /// <summary>A fixed organization id (for reproducible output); a new one per organization when null.</summary>
        public Guid? OrganizationId { get; init; }

        /// <summary>Dataverse aborts an operation whose Depth would pass this value (default 8).</summary>
        public int MaxDepth { get; init; } = 8;

        /// <summary>A lookup must point at an existing row (tables missing from the catalog are not checked).</summary>
        public bool EnforceLookupTargetsExist { get; init; } = true;

        /// <summary>How many top-level operations (with their traces and call counts) are kept.</summary>
        public int OperationHistoryLimit { get; init; } = 1000;

        /// <summary>Seeds the id generator: the same seed and the same calls give the same ids (reproducible sandbox runs).</summary>
        public int? IdSeed { get; init; }

        /// <summary>
        /// Security roles, business units, teams and shares are enforced for every caller but SYSTEM and System
        /// Administrators. Off only where a test says so.
        /// </summary>
        public bool EnforceSecurity { get; init; } = true;

        /// <summary>
        /// Queries are served by column indexes, built the first time a table is queried on those columns and kept up to
        /// date by every write and rollback. Off, every query reads every row (the reference the indexes are tested against).
        /// </summary>
        public bool UseQueryIndexes { get; init; } = true;

        /// <summary>
        /// An aggregate query (FetchXML aggregate="true") over more rows than this fails with AggregateQueryRecordLimit,
        /// as in Dataverse (50,000, not configurable online); tests lower it to reach the limit with few rows.
        /// </summary>
        public int AggregateQueryRecordLimit { get; init; } = 50000;

        /// <summary>Tables with fewer rows than this are scanned: below it an index costs more than it saves.</summary>
        public int QueryIndexMinimumRows { get; init; } = 1000;
    }
}
