using System;
using System.Linq;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.Schema;
using LeadRecycle.Steps;
using LeadRecycle.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Tests.Support
{
    /// <summary>
    /// An in-memory organization with LeadRecycle installed as the solution installs it (the sandbox's
    /// installation: its tables, the very step declarations the solution ships, its Custom APIs, and optionally the
    /// policy environment variable), with a data builder.
    /// A data builder fills valid defaults so a test states only what matters to it.
    /// </summary>
    internal sealed class LeadRecycleOrganization
    {
        public static readonly DateTime Start = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

        public LeadRecycleOrganization(string? policyJson = null, int aggregateQueryRecordLimit = 50000)
        {
            Clock = new ManualClock(Start);
            Org = LeadRecycleInstallation.Create(Clock, policyJson: policyJson, aggregateQueryRecordLimit: aggregateQueryRecordLimit);
            Rep = Org.CreateUser("Riley Rep", roles: LeadRecycleInstallation.RepRoles);
        }

        public InMemoryOrganization Org { get; }

        public ManualClock Clock { get; }

        public IOrganizationService Service => Org.Service;

        /// <summary>The rep who owns the deals a test creates unless it says otherwise (Salesperson + LeadRecycle Sales).</summary>
        public Guid Rep { get; }

        public IOrganizationService As(Guid userId) => Org.CreateOrganizationService(userId);

        public Guid Account(string name = "Contoso") => Service.Create(new Entity("account") { ["name"] = name });

        public Guid Contact(string last = "Diaz") => Service.Create(new Entity("contact") { ["lastname"] = last });

        public Guid OpenOpportunity(Guid? owner = null, string name = "Fleet renewal", int salesStage = 1, decimal value = 25000m, Guid? account = null, Guid? contact = null)
        {
            var opportunity = new Entity(Opportunity.EntityName)
            {
                [Opportunity.Name] = name,
                [Opportunity.SalesStage] = new OptionSetValue(salesStage),
                [Opportunity.EstimatedValue] = new Money(value),
                [CommonColumns.OwnerId] = new EntityReference(SystemUser.EntityName, owner ?? Rep),
            };
            if (account != null)
            {
                opportunity[Opportunity.ParentAccount] = new EntityReference("account", account.Value);
            }

            if (contact != null)
            {
                opportunity[Opportunity.ParentContact] = new EntityReference("contact", contact.Value);
            }

            return Service.Create(opportunity);
        }

        public Guid OpenLead(Guid? owner = null, string subject = "Interested in fleet telematics")
        {
            return Service.Create(new Entity(Lead.EntityName)
            {
                [Lead.Subject] = subject,
                ["lastname"] = "Nguyen",
                [CommonColumns.OwnerId] = new EntityReference(SystemUser.EntityName, owner ?? Rep),
            });
        }

        /// <summary>An opportunity close with a complete checklist for the reason.</summary>
        public static Entity LossClose(Guid opportunityId, DisqualificationReason? reason = DisqualificationReason.FundingDelayedOrCancelled, bool complete = true)
        {
            var close = new Entity(OpportunityClose.EntityName)
            {
                [OpportunityClose.Opportunity] = new EntityReference(Opportunity.EntityName, opportunityId),
                [OpportunityClose.Subject] = "Lost",
            };
            if (reason != null)
            {
                close[ChecklistColumns.Reason] = new OptionSetValue((int)reason.Value);
            }

            if (complete)
            {
                close[ChecklistColumns.Background] = "Budget moved to next fiscal year; the champion is still keen.";
                close[ChecklistColumns.EffortType] = new OptionSetValue((int)EffortType.MarketingNurture);
                close[ChecklistColumns.TargetStage] = new OptionSetValue((int)LeadDevelopmentStage.MarketingQualified);
                close[ChecklistColumns.Likelihood] = new OptionSetValue((int)Likelihood.Two);
                close[ChecklistColumns.DecisionCriteria] = "Three-year cost.";
                close[ChecklistColumns.Impediments] = "Procurement freeze.";
                close[ChecklistColumns.WhoIsInvolved] = "CFO and IT director.";
            }

            return close;
        }

        public void Lose(Guid opportunityId, DisqualificationReason? reason = DisqualificationReason.FundingDelayedOrCancelled, bool complete = true, IOrganizationService? as_ = null) =>
            (as_ ?? Service).Execute(new LoseOpportunityRequest
            {
                OpportunityClose = LossClose(opportunityId, reason, complete),
                Status = new OptionSetValue(Opportunity.Status.Canceled),
            });

        public Entity Get(string table, Guid id) => Org.Find(table, id) ?? throw new InvalidOperationException($"No {table} {id}.");

        public Entity[] RecycledLeads() => Org.All(RecycledLead.EntityName).ToArray();

        public Entity SingleRecycledLead() => Org.All(RecycledLead.EntityName).Single();

        public int StateOf(string table, Guid id) => Get(table, id).GetAttributeValue<OptionSetValue>(CommonColumns.StateCode).Value;
    }
}
