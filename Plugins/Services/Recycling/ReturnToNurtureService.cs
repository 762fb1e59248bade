using System;
using LeadRecycle.Schema;
using LeadRecycle.Services;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Recycling
{
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
            foreach (var item in ReturnToNurtureChecklist.All)
            {
                Columns.SetIfPresent(close, item.Column, request[item]);
            }

            service.Execute(new LoseOpportunityRequest
            {
                OpportunityClose = close,
                Status = new OptionSetValue(request.LostStatus),
            });

            return FindRecycledLead(service, request.Opportunity.Id);
        }

        /// <summary>The newest recycled lead of an opportunity (the one its close just created).</summary>
        private static EntityReference? FindRecycledLead(IOrganizationService service, Guid opportunityId)
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
