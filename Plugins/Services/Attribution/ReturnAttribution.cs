using System;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Attribution
{
    /// <summary>
    /// Closed-loop attribution: when an opportunity closes, the recycled lead that went back to sales and became this
    /// opportunity records how it ended, when, and the revenue. SiriusDecisions ("Removing Obstacles to Recycled Lead
    /// Nurturing") asks to reactivate "demand that might otherwise be considered lead waste"; this is the record that
    /// shows whether it paid. A recycled lead became this opportunity in one of two ways, one per return action:
    /// it returned as a new lead that was qualified into this opportunity (the lead is the opportunity's originating
    /// lead), or it returned by reopening its own opportunity (ReopenOpportunity), which is this one (its recycle count
    /// is then set). A deal with neither an originating lead nor a recycle count cannot have come back and costs
    /// nothing; otherwise one query finds the recycled lead either way, and the update is made only when there is one.
    /// </summary>
    public static class ReturnAttribution
    {
        /// <summary>The opportunity columns <see cref="Record"/> reads (the callers already retrieve them).</summary>
        public static readonly string[] OpportunityColumns = { Opportunity.OriginatingLead, Opportunity.EstimatedValue, Opportunity.RecycleCount };

        /// <summary>
        /// Records the outcome on the recycled lead this opportunity came back from, if any, the first time it closes
        /// after the return (a later reopen and close of the same deal does not rewrite it). Returns the recycled
        /// lead's id, or null when the opportunity did not come back from nurture.
        /// </summary>
        public static Guid? Record(IOrganizationService service, Entity opportunity, ReturnOutcome outcome, DateTime closedOn, Money? revenue)
        {
            if (service == null)
            {
                throw new ArgumentNullException(nameof(service));
            }

            if (opportunity == null)
            {
                throw new ArgumentNullException(nameof(opportunity));
            }

            if (opportunity.GetAttributeValue<EntityReference>(Opportunity.OriginatingLead) == null
                && (opportunity.GetAttributeValue<int?>(Opportunity.RecycleCount) ?? 0) == 0)
            {
                return null;
            }

            var returned = FindReturned(service, opportunity);
            if (returned == null)
            {
                return null;
            }

            service.Update(new Entity(RecycledLead.EntityName, returned.Value)
            {
                [RecycledLead.ReturnOutcome] = new OptionSetValue((int)outcome),
                [RecycledLead.ReturnOutcomeOn] = closedOn,
                [RecycledLead.ReturnRevenue] = outcome == ReturnOutcome.Won ? new Money(RevenueOf(opportunity, revenue)) : new Money(0m),
                [RecycledLead.ReturnOpportunity] = new EntityReference(Opportunity.EntityName, opportunity.Id),
            });
            return returned;
        }

        /// <summary>The close's revenue when it gives one, else the deal's estimated value (what the forecast counted).</summary>
        private static decimal RevenueOf(Entity opportunity, Money? revenue) =>
            revenue?.Value ?? opportunity.GetAttributeValue<Money>(Opportunity.EstimatedValue)?.Value ?? 0m;

        private static Guid? FindReturned(IOrganizationService service, Entity opportunity)
        {
            var query = new QueryExpression(RecycledLead.EntityName)
            {
                ColumnSet = new ColumnSet(false),
                TopCount = 1,
                Criteria =
                {
                    Conditions =
                    {
                        new ConditionExpression(CommonColumns.StatusCode, ConditionOperator.Equal, RecycledLead.Status.ReturnedToSales),
                        new ConditionExpression(RecycledLead.ReturnOutcome, ConditionOperator.Null),
                    },
                },
            };
            var paths = new FilterExpression(LogicalOperator.Or);
            var reopened = new FilterExpression(LogicalOperator.And);
            reopened.AddCondition(RecycledLead.Opportunity, ConditionOperator.Equal, opportunity.Id);
            reopened.AddCondition(RecycledLead.ReturnedLead, ConditionOperator.Null);
            paths.AddFilter(reopened);
            var originatingLead = opportunity.GetAttributeValue<EntityReference>(Opportunity.OriginatingLead);
            if (originatingLead != null)
            {
                paths.AddCondition(RecycledLead.ReturnedLead, ConditionOperator.Equal, originatingLead.Id);
            }

            query.Criteria.AddFilter(paths);
            var found = service.RetrieveMultiple(query).Entities;
            return found.Count == 0 ? (Guid?)null : found[0].Id;
        }
    }
}
