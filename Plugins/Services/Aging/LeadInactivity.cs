using System;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// When a sales-accepted lead counts as inactive: its last activity is older than the cutoff, or it never had
    /// one and was created before the cutoff (so leads from before the install age from their created date).
    /// One definition for the scan's query, the background job's re-check and the activity that restarts the clock.
    /// </summary>
    public static class LeadInactivity
    {
        public static void AddInactiveSince(FilterExpression criteria, DateTime cutoff)
        {
            var inactive = criteria.AddFilter(LogicalOperator.Or);
            inactive.AddCondition(Lead.LastActivityOn, ConditionOperator.LessThan, cutoff);
            var neverActive = inactive.AddFilter(LogicalOperator.And);
            neverActive.AddCondition(Lead.LastActivityOn, ConditionOperator.Null);
            neverActive.AddCondition(CommonColumns.CreatedOn, ConditionOperator.LessThan, cutoff);
        }

        /// <summary>Restarts a lead's inactivity clock: a task, call, email or appointment regarding it was created.</summary>
        public static void RecordActivity(IOrganizationService service, Guid leadId, DateTime utcNow) =>
            service.Update(new Entity(Lead.EntityName, leadId) { [Lead.LastActivityOn] = utcNow });

        public static bool IsInactiveSince(Entity lead, DateTime cutoff)
        {
            var lastActivity = lead.GetAttributeValue<DateTime?>(Lead.LastActivityOn);
            return lastActivity != null
                ? lastActivity.Value < cutoff
                : (lead.GetAttributeValue<DateTime?>(CommonColumns.CreatedOn) ?? DateTime.MaxValue) < cutoff;
        }
    }
}
