using System;
using LeadRecycle.Schema;
using LeadRecycle.Services;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Recycling
{
    /// <summary>What a rep hands over with a still-open deal (seed 000): the reason and the checklist.</summary>
    public sealed class ReturnToNurtureRequest
    {
        public ReturnToNurtureRequest(EntityReference opportunity, OptionSetValue? reason)
        {
            Opportunity = opportunity;
            Reason = reason;
        }

        public EntityReference Opportunity { get; }

        public OptionSetValue? Reason { get; }

        public string? Background { get; set; }

        public OptionSetValue? EffortType { get; set; }

        public OptionSetValue? TargetStage { get; set; }

        public OptionSetValue? Likelihood { get; set; }

        public string? DecisionCriteria { get; set; }

        public string? Impediments { get; set; }

        public string? WhoIsInvolved { get; set; }

        /// <summary>The lost status to close with; Canceled (4) unless the rep chose another.</summary>
        public int LostStatus { get; set; } = Schema.Opportunity.Status.Canceled;
    }

    /// <summary>
    /// "Return to Nurture" for an open deal: closes it through the Lose message with the checklist on the
    /// opportunity close, so the same validation and the same recycling run as for any loss.
    /// </summary>
    public static class ReturnToNurtureService
    {
        public static EntityReference? Execute(IOrganizationService service, ReturnToNurtureRequest request, DateTime utcNow)
        {
            if (request.Opportunity == null || request.Opportunity.LogicalName != Opportunity.EntityName)
            {
                throw new InvalidPluginExecutionException("Return to Nurture works on an opportunity; open the opportunity and run it from there.");
            }

            var close = new Entity(OpportunityClose.EntityName)
            {
                [OpportunityClose.Opportunity] = request.Opportunity,
                [OpportunityClose.Subject] = "Returned to nurture",
                [OpportunityClose.ActualEnd] = utcNow,
            };
            Columns.SetIfPresent(close, ChecklistColumns.Reason, request.Reason);
            Columns.SetIfPresent(close, ChecklistColumns.Background, request.Background);
            Columns.SetIfPresent(close, ChecklistColumns.EffortType, request.EffortType);
            Columns.SetIfPresent(close, ChecklistColumns.TargetStage, request.TargetStage);
            Columns.SetIfPresent(close, ChecklistColumns.Likelihood, request.Likelihood);
            Columns.SetIfPresent(close, ChecklistColumns.DecisionCriteria, request.DecisionCriteria);
            Columns.SetIfPresent(close, ChecklistColumns.Impediments, request.Impediments);
            Columns.SetIfPresent(close, ChecklistColumns.WhoIsInvolved, request.WhoIsInvolved);

            service.Execute(new LoseOpportunityRequest
            {
                OpportunityClose = close,
                Status = new OptionSetValue(request.LostStatus),
            });

            return FindRecycledLead(service, request.Opportunity.Id);
        }

        /// <summary>The newest recycled lead of an opportunity (the one its close just created).</summary>
        public static EntityReference? FindRecycledLead(IOrganizationService service, Guid opportunityId)
        {
            var query = new QueryExpression(RecycledLead.EntityName)
            {
                ColumnSet = new ColumnSet(RecycledLead.Id),
                TopCount = 1,
            };
            query.Criteria.AddCondition(RecycledLead.Opportunity, ConditionOperator.Equal, opportunityId);
            query.AddOrder(RecycledLead.RecycleCount, OrderType.Descending);
            var found = service.RetrieveMultiple(query).Entities;
            return found.Count == 0 ? null : new EntityReference(RecycledLead.EntityName, found[0].Id);
        }
    }
}
