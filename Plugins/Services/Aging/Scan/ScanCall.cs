using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using LeadRecycle.Services.Ownership;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// One bounded call of the stall scan, shared by its phases: the policy and the moment it runs as of, the page
    /// size, the result so far, and the organization service with each request counted against the call's budget
    /// (the scan's own requests and the owner rule's alike).
    /// </summary>
    internal sealed class ScanCall
    {
        /// <summary>Hours after which a return to nurture asked for and still open counts as failed and is asked for again.</summary>
        public const int RequestAgainAfterHours = 12;

        private readonly Dictionary<Guid, EntityReference?> _taskOwners = new Dictionary<Guid, EntityReference?>();

        private readonly Dictionary<Guid, EntityReference?> _escalationRecipients = new Dictionary<Guid, EntityReference?>();

        public ScanCall(IOrganizationService service, RecyclePolicy policy, DateTime utcNow, int pageSize)
        {
            Policy = policy;
            Now = utcNow;
            PageSize = pageSize;
            Service = new CountedService(service, this);
        }

        public RecyclePolicy Policy { get; }

        public DateTime Now { get; }

        public int PageSize { get; }

        public ScanResult Result { get; } = new ScanResult();

        /// <summary>The organization service; every request through it counts in <see cref="ScanResult.Requests"/>.</summary>
        public IOrganizationService Service { get; }

        public List<Entity> RetrieveMultiple(QueryExpression query) => Service.RetrieveMultiple(query).Entities.ToList();

        public void Create(Entity entity) => Service.Create(entity);

        public void Update(Entity entity) => Service.Update(entity);

        /// <summary>The one rule for who acts, resolved once per owner per call (a page's deals share few owners).</summary>
        public EntityReference? TaskOwnerFor(EntityReference? dealOwner)
        {
            if (dealOwner == null)
            {
                return null;
            }

            if (!_taskOwners.TryGetValue(dealOwner.Id, out var owner))
            {
                owner = ActingOwnerRule.Resolve(Service, dealOwner, Policy.Engagement.FallbackOwner)?.Owner;
                _taskOwners[dealOwner.Id] = owner;
            }

            return owner;
        }

        /// <summary>
        /// Who hears of a deal its owner has not moved: the owner's manager by the one rule for who acts
        /// (<see cref="ActingOwnerRule.ResolveManagerOf"/>). Null when there is no one. Resolved once per owner per call.
        /// </summary>
        public EntityReference? EscalationRecipientFor(EntityReference? dealOwner)
        {
            if (dealOwner == null)
            {
                return null;
            }

            if (!_escalationRecipients.TryGetValue(dealOwner.Id, out var recipient))
            {
                recipient = ActingOwnerRule.ResolveManagerOf(Service, dealOwner, Policy.Engagement.FallbackOwner)?.Owner;
                _escalationRecipients[dealOwner.Id] = recipient;
            }

            return recipient;
        }

        /// <summary>
        /// Creates a task about a deal, due when its service level ends, for <paramref name="owner"/> (the caller, when
        /// the one rule for who acts found no one): the follow-up of a flag, a reminder and an escalation alike.
        /// </summary>
        public void CreateDealTask(Guid dealId, EntityReference? owner, string subject, string description, DateTime due)
        {
            var task = new Entity(TaskActivity.EntityName)
            {
                [TaskActivity.Subject] = Text.Truncate(subject, 200),
                [TaskActivity.Description] = description,
                [TaskActivity.Regarding] = new EntityReference(Opportunity.EntityName, dealId),
                [TaskActivity.ScheduledEnd] = due,
            };
            if (owner != null)
            {
                task[CommonColumns.OwnerId] = owner;
            }

            Create(task);
        }

        /// <summary>
        /// A page of open stalled deals, not snoozed, whose date in <paramref name="dueColumn"/> has come (a reminder
        /// or escalation date), the earliest first.
        /// </summary>
        public List<Entity> StalledDealsDue(string dueColumn, ColumnSet columns, int top)
        {
            var query = new QueryExpression(Opportunity.EntityName) { ColumnSet = columns, TopCount = top };
            query.Criteria.AddCondition(CommonColumns.StateCode, ConditionOperator.Equal, Opportunity.State.Open);
            query.Criteria.AddCondition(Opportunity.AgingStatus, ConditionOperator.Equal, (int)AgingStatus.Stalled);
            query.Criteria.AddCondition(dueColumn, ConditionOperator.LessEqual, Now);
            AddNotSnoozed(query.Criteria);
            query.AddOrder(dueColumn, OrderType.Ascending);
            return RetrieveMultiple(query);
        }

        /// <summary>Deals not snoozed past now.</summary>
        public void AddNotSnoozed(FilterExpression criteria)
        {
            var snooze = criteria.AddFilter(LogicalOperator.Or);
            snooze.AddCondition(Opportunity.SnoozeUntil, ConditionOperator.Null);
            snooze.AddCondition(Opportunity.SnoozeUntil, ConditionOperator.LessEqual, Now);
        }

        /// <summary>How many returns a page asks for: a quarter page, each a single update.</summary>
        public int ReturnPageSize => PageSize / 4;

        /// <summary>
        /// Asks for the return to nurture of a page of the records a query finds, leaving out those asked for within the
        /// last <see cref="RequestAgainAfterHours"/> hours (their background job is waiting); one asked for earlier and
        /// still open had its job fail, and is asked for again. Returns how many were asked for.
        /// </summary>
        public int RequestReturns(QueryExpression query, string requestedOnColumn)
        {
            query.ColumnSet = new ColumnSet(requestedOnColumn);
            query.TopCount = ReturnPageSize;
            AddNotJustRequested(query.Criteria, requestedOnColumn);
            var records = RetrieveMultiple(query);
            foreach (var record in records)
            {
                RequestReturn(record, requestedOnColumn);
            }

            return records.Count;
        }

        /// <summary>Records whose return was not asked for, or asked for long enough ago that its job must have failed.</summary>
        private void AddNotJustRequested(FilterExpression criteria, string requestedOnColumn)
        {
            var notJust = criteria.AddFilter(LogicalOperator.Or);
            notJust.AddCondition(requestedOnColumn, ConditionOperator.Null);
            notJust.AddCondition(requestedOnColumn, ConditionOperator.LessThan, Now.AddHours(-RequestAgainAfterHours));
        }

        /// <summary>
        /// Asks for a record's return to nurture: the stamp starts its background job (ReturnLapsedToNurture). A record
        /// asked for before and still open had its job fail: it counts as retried.
        /// </summary>
        private void RequestReturn(Entity record, string requestedOnColumn)
        {
            if (record.GetAttributeValue<DateTime?>(requestedOnColumn) != null)
            {
                Result.Retried++;
            }

            Update(new Entity(record.LogicalName, record.Id) { [requestedOnColumn] = Now });
        }

        /// <summary>The organization service with each request counted against this call's budget.</summary>
        private sealed class CountedService : IOrganizationService
        {
            private readonly IOrganizationService _service;
            private readonly ScanCall _call;

            public CountedService(IOrganizationService service, ScanCall call)
            {
                _service = service;
                _call = call;
            }

            private IOrganizationService Inner
            {
                get
                {
                    _call.Result.Requests++;
                    return _service;
                }
            }

            public Guid Create(Entity entity) => Inner.Create(entity);

            public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) => Inner.Retrieve(entityName, id, columnSet);

            public void Update(Entity entity) => Inner.Update(entity);

            public void Delete(string entityName, Guid id) => Inner.Delete(entityName, id);

            public OrganizationResponse Execute(OrganizationRequest request) => Inner.Execute(request);

            public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
                Inner.Associate(entityName, entityId, relationship, relatedEntities);

            public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
                Inner.Disassociate(entityName, entityId, relationship, relatedEntities);

            public EntityCollection RetrieveMultiple(QueryBase query) => Inner.RetrieveMultiple(query);
        }
    }
}
