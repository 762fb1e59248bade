using System;
using System.Linq;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// Adopt: open deals from before the install (no stage-entered date) get one, and a stage key, so that from then
    /// on they age like any deal.
    /// </summary>
    internal sealed class AdoptPhase : StallScanPhase
    {
        public AdoptPhase(ScanCall call)
            : base(call)
        {
        }

        public override ScanPhase Phase => ScanPhase.Adopt;

        /// <summary>
        /// Gives one page of open deals from before the install their stage-entered date and stage key; true when
        /// none are left. The date is the start of the active stage of the deal's sales process when it has one (the
        /// platform stamps it), else the deal's created date; an admin who prefers another date sets the column
        /// before the first scan, and the scan leaves it alone. One query (the flow instance joined) per page.
        /// </summary>
        public override bool RunPage(ref int stageIndex)
        {
            var query = new QueryExpression(Opportunity.EntityName)
            {
                ColumnSet = new ColumnSet(Opportunity.SalesStage, Opportunity.StageKey, CommonColumns.CreatedOn),
                TopCount = PageSize,
            };
            query.Criteria.AddCondition(CommonColumns.StateCode, ConditionOperator.Equal, Opportunity.State.Open);
            query.Criteria.AddCondition(Opportunity.StageEnteredOn, ConditionOperator.Null);
            var flow = query.AddLink(OpportunitySalesProcess.EntityName, Opportunity.Id, OpportunitySalesProcess.Opportunity, JoinOperator.LeftOuter);
            flow.EntityAlias = "flow";
            flow.Columns = new ColumnSet(OpportunitySalesProcess.ActiveStage, OpportunitySalesProcess.ActiveStageStartedTime);
            query.AddOrder(CommonColumns.CreatedOn, OrderType.Ascending);
            var deals = Call.RetrieveMultiple(query);
            var fromProcess = Call.Policy.Stall.StageSource == StageSource.BusinessProcessFlow;
            foreach (var deal in deals.GroupBy(d => d.Id).Select(g => g.First()))
            {
                var flowStarted = (deal.GetAttributeValue<AliasedValue>("flow." + OpportunitySalesProcess.ActiveStageStartedTime)?.Value as DateTime?);
                var flowStage = deal.GetAttributeValue<AliasedValue>("flow." + OpportunitySalesProcess.ActiveStage)?.Value as EntityReference;
                var enteredOn = flowStarted ?? deal.GetAttributeValue<DateTime?>(CommonColumns.CreatedOn) ?? Call.Now;
                var adopt = new Entity(Opportunity.EntityName, deal.Id)
                {
                    [Opportunity.StageEnteredOn] = enteredOn > Call.Now ? Call.Now : enteredOn,
                };
                var key = fromProcess && flowStage != null ? StageKeys.ForProcessStage(flowStage.Id) : StageKeys.OfSalesStage(deal);
                if (deal.GetAttributeValue<string>(Opportunity.StageKey) == null && key != null)
                {
                    adopt[Opportunity.StageKey] = key;
                }

                Call.Update(adopt);
                Call.Result.Adopted++;
            }

            return deals.Count < PageSize;
        }
    }
}
