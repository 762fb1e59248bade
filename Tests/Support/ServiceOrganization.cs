using System;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.Schema;
using LeadRecycle.Testing;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Tests.Support
{
    /// <summary>
    /// What a service's unit test runs against: an in-memory organization with LeadRecycle's tables and none of its
    /// steps, through SYSTEM's organization service. No plug-in context: a service is constructed with the service,
    /// the policy, the moment and plain values.
    /// </summary>
    internal sealed class ServiceOrganization
    {
        public static readonly DateTime Now = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

        public ServiceOrganization()
        {
            Org = LeadRecycleInstallation.Create(new ManualClock(Now), withSteps: false);
            Rep = Org.CreateUser("Riley Rep");
        }

        public InMemoryOrganization Org { get; }

        public IOrganizationService Service => Org.Service;

        public Guid Rep { get; }

        public EntityReference RepReference => new EntityReference(SystemUser.EntityName, Rep);

        public Entity Read(string table, Guid id) => Service.Retrieve(table, id, new Microsoft.Xrm.Sdk.Query.ColumnSet(true));

        public Guid Opportunity(Action<Entity>? with = null)
        {
            var opportunity = new Entity(Schema.Opportunity.EntityName)
            {
                [Schema.Opportunity.Name] = "Fleet renewal",
                [Schema.Opportunity.SalesStage] = new OptionSetValue(1),
                [CommonColumns.OwnerId] = RepReference,
            };
            with?.Invoke(opportunity);
            return Service.Create(opportunity);
        }

        /// <summary>A recycled lead in nurture for a source (an opportunity unless a lead is given), with its original rep.</summary>
        public Guid NurturingRecycledLead(EntityReference source, Action<Entity>? with = null)
        {
            var recycledLead = new Entity(RecycledLead.EntityName)
            {
                [RecycledLead.Topic] = "Fleet renewal",
                [RecycledLead.Reason] = new OptionSetValue((int)DisqualificationReason.NoBudget),
                [RecycledLead.NurtureStream] = new OptionSetValue((int)NurtureStream.BudgetCycle),
                [RecycledLead.RecycleCount] = 1,
                [RecycledLead.RecycledOn] = Now.AddDays(-10),
                [RecycledLead.EngagementScore] = 0m,
                [RecycledLead.ScoredOn] = Now.AddDays(-10),
                [RecycledLead.OriginalOwner] = RepReference,
                [CommonColumns.StateCode] = new OptionSetValue(RecycledLead.State.Active),
                [CommonColumns.StatusCode] = new OptionSetValue(RecycledLead.Status.Nurturing),
            };
            recycledLead[source.LogicalName == Lead.EntityName ? RecycledLead.OriginatingLead : RecycledLead.Opportunity] = source;
            with?.Invoke(recycledLead);
            return Service.Create(recycledLead);
        }
    }
}
