using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// The rows the report reads, fetched once through the organization service (RetrieveMultiple with a
    /// QueryExpression, paged with the paging cookie as Dataverse requires beyond 5,000 rows: Microsoft Learn, "Page
    /// results using QueryExpression"), so every section reads the same snapshot and only the columns it needs. Each
    /// page is turned into compact typed rows and dropped: at a million deals, keeping the returned entities (an
    /// attribute dictionary each) would hold well over a gigabyte for the length of the report.
    /// </summary>
    public sealed class ReportRows
    {
        /// <summary>Dataverse's largest page for RetrieveMultiple (Microsoft Learn, "Page results using QueryExpression").</summary>
        public const int PageSize = 5000;

        public IReadOnlyList<OpportunityRow> Opportunities { get; private init; } = Array.Empty<OpportunityRow>();

        public IReadOnlyList<StageDurationRow> StageDurations { get; private init; } = Array.Empty<StageDurationRow>();

        public IReadOnlyList<StageStatisticRow> StageStatistics { get; private init; } = Array.Empty<StageStatisticRow>();

        public IReadOnlyList<RecycledLeadRow> RecycledLeads { get; private init; } = Array.Empty<RecycledLeadRow>();

        public IReadOnlyList<UserRow> Users { get; private init; } = Array.Empty<UserRow>();

        public static ReportRows Read(IOrganizationService service) => new ReportRows
        {
            Opportunities = RetrieveAll(service, Opportunity.EntityName, OpportunityRow.Columns, OpportunityRow.From),
            StageDurations = RetrieveAll(service, StageDuration.EntityName, StageDurationRow.Columns, StageDurationRow.From),
            StageStatistics = RetrieveAll(service, StageStatistic.EntityName, StageStatisticRow.Columns, StageStatisticRow.From),
            RecycledLeads = RetrieveAll(service, RecycledLead.EntityName, RecycledLeadRow.Columns, RecycledLeadRow.From),
            Users = RetrieveAll(service, SystemUser.EntityName, UserRow.Columns, UserRow.From),
        };

        /// <summary>Every row of a table with the named columns, page by page, each read into its typed row as its page arrives.</summary>
        public static List<TRow> RetrieveAll<TRow>(IOrganizationService service, string table, IReadOnlyList<string> columns, Func<Entity, TRow> read)
        {
            var query = new QueryExpression(table)
            {
                ColumnSet = new ColumnSet(columns.ToArray()),
                PageInfo = new PagingInfo { Count = PageSize, PageNumber = 1 },
            };
            var rows = new List<TRow>();
            while (true)
            {
                var page = service.RetrieveMultiple(query);
                rows.AddRange(page.Entities.Select(read));
                if (!page.MoreRecords)
                {
                    return rows;
                }

                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = page.PagingCookie;
            }
        }

        /// <summary>The users' names by id, and each user's manager where one is set.</summary>
        public (Dictionary<Guid, string> Names, Dictionary<Guid, Guid> Managers) People()
        {
            var names = Users.ToDictionary(u => u.Id, u => u.FullName ?? u.Id.ToString());
            var managers = Users.Where(u => u.ManagerId != null).ToDictionary(u => u.Id, u => u.ManagerId!.Value);
            return (names, managers);
        }
    }
}
