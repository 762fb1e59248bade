using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// Snooze ended: a stalled deal whose snooze ran out without progress is flagged afresh (a new task and service
    /// level), never recycled the night its snooze ends.
    /// </summary>
    internal sealed class SnoozeEndedPhase : StallScanPhase
    {
        private readonly FlagPhase _flag;

        public SnoozeEndedPhase(ScanCall call, FlagPhase flag)
            : base(call)
        {
            _flag = flag;
        }

        public override ScanPhase Phase => ScanPhase.SnoozeEnded;

        /// <summary>Flags afresh one page of stalled deals whose snooze ran out; true when none are left.</summary>
        public override bool RunPage(ref int stageIndex)
        {
            var query = new QueryExpression(Opportunity.EntityName)
            {
                ColumnSet = new ColumnSet(Opportunity.Name, Opportunity.StageKey, Opportunity.StageEnteredOn, CommonColumns.OwnerId),
                TopCount = PageSize / 4,
            };
            query.Criteria.AddCondition(CommonColumns.StateCode, ConditionOperator.Equal, Opportunity.State.Open);
            query.Criteria.AddCondition(Opportunity.AgingStatus, ConditionOperator.Equal, (int)AgingStatus.Stalled);
            query.Criteria.AddCondition(Opportunity.SnoozeUntil, ConditionOperator.NotNull);
            query.Criteria.AddCondition(Opportunity.SnoozeUntil, ConditionOperator.LessEqual, Call.Now);
            query.AddOrder(Opportunity.SnoozeUntil, OrderType.Ascending);
            var segments = Call.Policy.Stall.Segments;
            if (segments != null)
            {
                query.ColumnSet.AddColumn(segments.Column);
            }

            var ended = Call.RetrieveMultiple(query);
            foreach (var deal in ended)
            {
                var threshold = _flag.ThresholdOf(deal.GetAttributeValue<string>(Opportunity.StageKey), segments?.Of(deal)?.Key);
                _flag.MarkStalled(deal, threshold.StallDays, snoozeEnded: true, segment: threshold.Label);
            }

            return ended.Count < PageSize / 4;
        }
    }
}
