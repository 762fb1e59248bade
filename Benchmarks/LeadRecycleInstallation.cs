extern alias workflows;

using System;
using System.Linq;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.Metadata;
using LeadRecycle.Schema;
using LeadRecycle.Steps;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Benchmarks
{
    /// <summary>An in-memory organization with LeadRecycle's tables, its shipped steps (optionally) and Custom APIs.</summary>
    internal static class LeadRecycleInstallation
    {
        public static readonly MetadataCatalog Catalog = new MetadataCatalog(SystemTables.All.Concat(LeadRecycleTables.All));

        public static InMemoryOrganization Create(IClock clock, bool withSteps = true)
        {
            var org = new InMemoryOrganization(Catalog, clock, new InMemoryOrganizationOptions { IdSeed = 7, OperationHistoryLimit = 5000 });
            if (withSteps)
            {
                org.RegisterSteps(typeof(RecycleLostOpportunity).Assembly);
                org.RegisterCustomApi(workflows::LeadRecycle.CustomApis.ScanStalledOpportunitiesApi.UniqueName, typeof(workflows::LeadRecycle.CustomApis.ScanStalledOpportunitiesApi));
            }

            return org;
        }

        public static Guid OpenOpportunity(InMemoryOrganization org, Guid owner) =>
            org.Service.Create(new Entity(Opportunity.EntityName)
            {
                [Opportunity.Name] = "Benchmark deal",
                [Opportunity.SalesStage] = new OptionSetValue(1),
                [Opportunity.EstimatedValue] = new Money(10000m),
                [CommonColumns.OwnerId] = new EntityReference(SystemUser.EntityName, owner),
            });

        public static LoseOpportunityRequest Lose(Guid opportunity) => new LoseOpportunityRequest
        {
            OpportunityClose = new Entity(OpportunityClose.EntityName)
            {
                [OpportunityClose.Opportunity] = new EntityReference(Opportunity.EntityName, opportunity),
                [OpportunityClose.Subject] = "Lost",
                [ChecklistColumns.Reason] = new OptionSetValue((int)DisqualificationReason.FundingDelayedOrCancelled),
                [ChecklistColumns.Background] = "Budget moved to next year.",
                [ChecklistColumns.EffortType] = new OptionSetValue((int)EffortType.MarketingNurture),
                [ChecklistColumns.TargetStage] = new OptionSetValue((int)LeadDevelopmentStage.MarketingQualified),
            },
            Status = new OptionSetValue(Opportunity.Status.Canceled),
        };
    }
}
