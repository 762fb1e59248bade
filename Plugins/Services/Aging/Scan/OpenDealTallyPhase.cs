using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// Tally open deals: per month of creation and stage, how many are open and their value, and of those how many are
    /// warned or stalled and their value (the "stalled value by stage" the sales leader reads). Runs after the Flag
    /// phase, so it counts the statuses this scan set.
    /// </summary>
    internal sealed class OpenDealTallyPhase : TallyPhase
    {
        private static readonly string[] Counts = { RecyclingTally.OpenDeals, RecyclingTally.WarnedDeals, RecyclingTally.StalledDeals };

        private static readonly string[] Amounts = { RecyclingTally.OpenValue, RecyclingTally.WarnedValue, RecyclingTally.StalledValue };

        public OpenDealTallyPhase(ScanCall call)
            : base(call)
        {
        }

        public override ScanPhase Phase => ScanPhase.TallyOpenDeals;

        protected override TallySubject Subject => TallySubject.OpenDeals;

        protected override string EntityName => Opportunity.EntityName;

        protected override ColumnSet CountedColumns => new ColumnSet(Opportunity.StageKey, Opportunity.AgingStatus, Opportunity.EstimatedValue);

        protected override string[] CountColumns => Counts;

        protected override string[] AmountColumns => Amounts;

        protected override void AddCountedFilter(FilterExpression criteria) =>
            criteria.AddCondition(CommonColumns.StateCode, ConditionOperator.Equal, Opportunity.State.Open);

        protected override TallyGroup GroupOf(Entity record)
        {
            var stageKey = record.GetAttributeValue<string>(Opportunity.StageKey);
            var stage = stageKey == null ? "No stage" : StageKeys.DisplayName(stageKey);
            return new TallyGroup(
                stageKey ?? "-",
                stage,
                tally =>
                {
                    tally[RecyclingTally.StageKey] = stageKey;
                    tally[RecyclingTally.Stage] = Text.Truncate(stage, 100);
                });
        }

        protected override void Add(Entity tally, Entity record)
        {
            var value = record.GetAttributeValue<Money>(Opportunity.EstimatedValue);
            Increment(tally, RecyclingTally.OpenDeals);
            AddAmount(tally, RecyclingTally.OpenValue, value);
            switch (record.GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus)?.Value)
            {
                case (int)AgingStatus.Warning:
                    Increment(tally, RecyclingTally.WarnedDeals);
                    AddAmount(tally, RecyclingTally.WarnedValue, value);
                    break;
                case (int)AgingStatus.Stalled:
                    Increment(tally, RecyclingTally.StalledDeals);
                    AddAmount(tally, RecyclingTally.StalledValue, value);
                    break;
            }
        }
    }
}
