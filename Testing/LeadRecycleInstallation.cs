using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.InMemoryDataverse.Security;
using LeadRecycle.Metadata;
using LeadRecycle.Schema;
using LeadRecycle.Steps;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Testing
{
    /// <summary>An in-memory organization with LeadRecycle's tables, its security roles, its shipped steps (optionally) and Custom APIs.</summary>
    public static class LeadRecycleInstallation
    {
        public static readonly MetadataCatalog Catalog = new MetadataCatalog(SystemTables.All.Concat(LeadRecycleTables.All));

        /// <summary>The shipped role files (Solution/src/Roles, copied next to every program that references this library).</summary>
        public static string RolesFolder => Path.Combine(AppContext.BaseDirectory, "Roles");

        /// <summary>LeadRecycle's roles as the solution ships them: LeadRecycle Sales, Marketing and Administrator.</summary>
        public static IReadOnlyList<SecurityRole> Roles => ShippedRoles.Value;

        private static readonly Lazy<IReadOnlyList<SecurityRole>> ShippedRoles = new Lazy<IReadOnlyList<SecurityRole>>(() => SecurityRole.LoadFolder(RolesFolder));

        /// <summary>What a rep holds: the platform's Salesperson plus LeadRecycle Sales (README, "Importing the solution").</summary>
        public static readonly string[] RepRoles = { PlatformRoles.SalespersonName, "LeadRecycle Sales" };

        /// <summary>What a sales manager holds: Sales Manager plus LeadRecycle Sales Manager.</summary>
        public static readonly string[] ManagerRoles = { PlatformRoles.SalesManagerName, "LeadRecycle Sales Manager" };

        /// <summary>What the nightly flow's application user holds: LeadRecycle Automation alone.</summary>
        public static readonly string[] FlowRoles = { "LeadRecycle Automation" };

        /// <param name="aggregateQueryRecordLimit">Dataverse's 50,000 unless a test lowers it to reach the limit with few rows.</param>
        public static InMemoryOrganization Create(IClock clock, bool withSteps = true, string? policyJson = null, int? idSeed = null, int aggregateQueryRecordLimit = 50000)
        {
            var org = new InMemoryOrganization(Catalog, clock, new InMemoryOrganizationOptions { IdSeed = idSeed, OperationHistoryLimit = 5000, AggregateQueryRecordLimit = aggregateQueryRecordLimit });
            org.AddSecurityRoles(Roles);
            if (withSteps)
            {
                org.RegisterSteps(typeof(RecycleLostOpportunity).Assembly);
                // Each Custom API as its declaration ships it, execute privilege included.
                foreach (var api in new LeadRecycle.Framework.PluginBase[] { new LeadRecycle.CustomApis.ScanStalledOpportunitiesApi(), new LeadRecycle.CustomApis.ReturnToNurtureApi(), new LeadRecycle.CustomApis.GetReturnToNurtureRequirementsApi() })
                {
                    var declaration = api.CustomApi!;
                    org.RegisterCustomApi(declaration.UniqueName, declaration.PluginType, executePrivilegeName: declaration.ExecutePrivilegeName);
                }
            }

            if (policyJson != null)
            {
                WritePolicy(org, policyJson);
            }

            return org;
        }

        /// <summary>Creates the policy environment variable (lr_RecyclePolicy) with this JSON as its default value, as the admin.</summary>
        public static Guid WritePolicy(InMemoryOrganization org, string policyJson) =>
            org.Service.Create(new Entity(EnvironmentVariableDefinition.EntityName)
            {
                [EnvironmentVariableDefinition.SchemaName] = PolicyVariable.SchemaName,
                [EnvironmentVariableDefinition.DefaultValue] = policyJson,
                ["type"] = new OptionSetValue(100000003),
            });

        /// <summary>
        /// Runs the stall scan to the end, as the nightly cloud flow does, then the background jobs it started (the
        /// returns to nurture, one per record), as Dataverse's asynchronous service would; returns the Custom API calls made.
        /// <paramref name="afterCall"/> sees each call's response and wall time (the bench measures the scan through it).
        /// </summary>
        public static int ScanToEnd(InMemoryOrganization org, Action<OrganizationResponse, TimeSpan>? afterCall = null) => ScanToEnd(org, org.Service, afterCall);

        /// <summary>The same through this service (the flow's connection, or a persona's).</summary>
        /// <param name="drainEachCall">Run the background jobs after each call rather than once at the end (a large replay: the jobs of one call are done before the next, as the asynchronous service works through the night).</param>
        public static int ScanToEnd(InMemoryOrganization org, IOrganizationService service, Action<OrganizationResponse, TimeSpan>? afterCall = null, bool drainEachCall = false)
        {
            string? token = null;
            var calls = 0;
            do
            {
                var request = new OrganizationRequest(LeadRecycle.CustomApis.ScanStalledOpportunitiesApi.UniqueName);
                if (token != null)
                {
                    request["ContinuationToken"] = token;
                }

                var started = Stopwatch.GetTimestamp();
                var response = service.Execute(request);
                afterCall?.Invoke(response, Stopwatch.GetElapsedTime(started));
                calls++;
                token = (bool)response["Done"] ? null : (string)response["ContinuationToken"];
                if (drainEachCall)
                {
                    org.DrainAsyncQueue();
                }
            }
            while (token != null);
            org.DrainAsyncQueue();
            return calls;
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
