using System.Linq;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// Lead lapse: the same as Lapse for open, sales-accepted leads with no activity for the lead service level.
    /// </summary>
    internal sealed class LeadLapsePhase : StallScanPhase
    {
        public LeadLapsePhase(ScanCall call)
            : base(call)
        {
        }

        public override ScanPhase Phase => ScanPhase.LeadLapse;

        /// <summary>Asks for the return to nurture of one page of inactive sales-accepted leads; true when none are left.</summary>
        public override bool RunPage(ref int stageIndex)
        {
            var stall = Call.Policy.Stall;
            var query = new QueryExpression(Lead.EntityName);
            query.Criteria.AddCondition(CommonColumns.StateCode, ConditionOperator.Equal, Lead.State.Open);
            query.Criteria.AddCondition(CommonColumns.StatusCode, ConditionOperator.In, stall.SalesAcceptedLeadStatuses.Cast<object>().ToArray());
            LeadInactivity.AddInactiveSince(query.Criteria, Call.Now.AddDays(-stall.LeadServiceLevelDays));
            query.AddOrder(CommonColumns.CreatedOn, OrderType.Ascending);
            var asked = Call.RequestReturns(query, Lead.NurtureRequestedOn);
            Call.Result.LeadsRecycled += asked;
            return asked < Call.ReturnPageSize;
        }
    }
}
