using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// Lapse: stalled deals whose service level passed with no stage change and no snooze are stamped for the return
    /// to nurture; a background job per deal (ReturnLapsedToNurture) closes it through Lose with the system reason in
    /// its own transaction, so one deal that cannot be closed never stops the scan or the other deals. The failed job
    /// stays in System Jobs with the platform's message; the next night asks again (Retried).
    /// </summary>
    internal sealed class LapsePhase : StallScanPhase
    {
        public LapsePhase(ScanCall call)
            : base(call)
        {
        }

        public override ScanPhase Phase => ScanPhase.Lapse;

        /// <summary>Asks for the return to nurture of one page of lapsed stalled deals; true when none are left.</summary>
        public override bool RunPage(ref int stageIndex)
        {
            var query = new QueryExpression(Opportunity.EntityName);
            query.Criteria.AddCondition(CommonColumns.StateCode, ConditionOperator.Equal, Opportunity.State.Open);
            query.Criteria.AddCondition(Opportunity.AgingStatus, ConditionOperator.Equal, (int)AgingStatus.Stalled);
            query.Criteria.AddCondition(Opportunity.ServiceLevelDue, ConditionOperator.LessEqual, Call.Now);
            Call.AddNotSnoozed(query.Criteria);
            query.AddOrder(Opportunity.ServiceLevelDue, OrderType.Ascending);
            var asked = Call.RequestReturns(query, Opportunity.NurtureRequestedOn);
            Call.Result.Recycled += asked;
            return asked < Call.ReturnPageSize;
        }
    }
}
