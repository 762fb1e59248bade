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
    /// results using QueryExpression"), so every section reads the same snapshot and only the columns it needs.
    /// </summary>
    public sealed class ReportRows
    {
        /// <summary>Dataverse's largest page for RetrieveMultiple (Microsoft Learn, "Page results using QueryExpression").</summary>
        public const int PageSize = 5000;

        public IReadOnlyList<Entity> Opportunities { get; private init; } = Array.Empty<Entity>();

        public IReadOnlyList<Entity> StageDurations { get; private init; } = Array.Empty<Entity>();

        public IReadOnlyList<Entity> StageStatistics { get; private init; } = Array.Empty<Entity>();

        public IReadOnlyList<Entity> RecycledLeads { get; private init; } = Array.Empty<Entity>();

        public IReadOnlyList<Entity> Users { get; private init; } = Array.Empty<Entity>();

        public static ReportRows Read(IOrganizationService service) => new ReportRows
        {
            Opportunities = RetrieveAll(service, Opportunity.EntityName, CommonColumns.StateCode, CommonColumns.StatusCode, CommonColumns.OwnerId,
                Opportunity.EstimatedValue, Opportunity.StageKey, Opportunity.StageEnteredOn, Opportunity.AgingStatus, Opportunity.StalledOn, Opportunity.StallSegment,
                Opportunity.SnoozeUntil, Opportunity.SnoozeReason, Opportunity.EscalatedOn),
            StageDurations = RetrieveAll(service, StageDuration.EntityName, StageDuration.StageKey, StageDuration.Days, StageDuration.Opportunity),
            StageStatistics = RetrieveAll(service, StageStatistic.EntityName, StageStatistic.StageKey, StageStatistic.SegmentKey, StageStatistic.Segment, StageStatistic.Count, StageStatistic.MeanDays, StageStatistic.M2),
            RecycledLeads = RetrieveAll(service, RecycledLead.EntityName, CommonColumns.StatusCode, RecycledLead.Reason, RecycledLead.RecycleType,
                RecycledLead.NurtureStream, RecycledLead.TargetStage, RecycledLead.StageAtRecycle, RecycledLead.EstimatedValue, RecycledLead.RecycledOn,
                RecycledLead.ReturnedOn, RecycledLead.Opportunity, RecycledLead.ReturnOutcome, RecycledLead.ReturnOutcomeOn, RecycledLead.ReturnRevenue),
            Users = RetrieveAll(service, SystemUser.EntityName, SystemUser.FullName, SystemUser.Manager),
        };

        /// <summary>Every row of a table with the named columns, page by page.</summary>
        public static List<Entity> RetrieveAll(IOrganizationService service, string table, params string[] columns)
        {
            var query = new QueryExpression(table)
            {
                ColumnSet = new ColumnSet(columns),
                PageInfo = new PagingInfo { Count = PageSize, PageNumber = 1 },
            };
            var rows = new List<Entity>();
            while (true)
            {
                var page = service.RetrieveMultiple(query);
                rows.AddRange(page.Entities);
                if (!page.MoreRecords)
                {
                    return rows;
                }

                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = page.PagingCookie;
            }
        }

        /// <summary>The users' names by id, and each user's manager (systemuser.parentsystemuserid) where one is set.</summary>
        public (Dictionary<Guid, string> Names, Dictionary<Guid, Guid> Managers) People()
        {
            var names = Users.ToDictionary(u => u.Id, u => u.GetAttributeValue<string>(SystemUser.FullName) ?? u.Id.ToString());
            var managers = Users.Where(u => u.GetAttributeValue<EntityReference>(SystemUser.Manager) != null)
                .ToDictionary(u => u.Id, u => u.GetAttributeValue<EntityReference>(SystemUser.Manager).Id);
            return (names, managers);
        }
    }
}
