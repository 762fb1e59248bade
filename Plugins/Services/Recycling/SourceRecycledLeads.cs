using System;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Recycling
{
    /// <summary>
    /// The recycled leads of one source (an opportunity, or a lead recycled as itself): what a new recycle, a reopened
    /// deal and a reactivated lead all need, in one query.
    /// </summary>
    public static class SourceRecycledLeads
    {
        /// <summary>
        /// Cancels the source's recycled lead that is still in nurture (the source is back with sales, or a new recycle
        /// supersedes it) and returns the highest recycle number among all its recycled leads (0 when none), whatever
        /// their status: the source's count, from which the next recycle numbers on.
        /// </summary>
        public static int CancelLiveAndCount(IOrganizationService service, EntityReference source)
        {
            var query = new QueryExpression(RecycledLead.EntityName)
            {
                ColumnSet = new ColumnSet(RecycledLead.RecycleCount, CommonColumns.StatusCode),
            };
            if (source.LogicalName == Opportunity.EntityName)
            {
                query.Criteria.AddCondition(RecycledLead.Opportunity, ConditionOperator.Equal, source.Id);
            }
            else
            {
                // An opportunity's recycled lead names its originating lead too; the lead's own have no opportunity.
                query.Criteria.AddCondition(RecycledLead.OriginatingLead, ConditionOperator.Equal, source.Id);
                query.Criteria.AddCondition(RecycledLead.Opportunity, ConditionOperator.Null);
            }

            var highest = 0;
            foreach (var recycledLead in service.RetrieveMultiple(query).Entities)
            {
                highest = Math.Max(highest, recycledLead.GetAttributeValue<int?>(RecycledLead.RecycleCount) ?? 0);
                if (recycledLead.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode)?.Value == RecycledLead.Status.Nurturing)
                {
                    service.Update(new Entity(RecycledLead.EntityName, recycledLead.Id)
                    {
                        [CommonColumns.StateCode] = new OptionSetValue(RecycledLead.State.Inactive),
                        [CommonColumns.StatusCode] = new OptionSetValue(RecycledLead.Status.Cancelled),
                    });
                }
            }

            return highest;
        }
    }
}
