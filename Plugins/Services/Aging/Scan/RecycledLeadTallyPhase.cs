using System.Globalization;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// Tally recycled leads: per month of creation, nurture stream and reason, how many were recycled and where they
    /// stand (nurturing, returned, removed, cancelled, expired), how many were won after their return and for how
    /// much, and the value recycled and returned.
    /// </summary>
    internal sealed class RecycledLeadTallyPhase : TallyPhase
    {
        private static readonly string[] Counts =
        {
            RecyclingTally.Recycled, RecyclingTally.Nurturing, RecyclingTally.Returned, RecyclingTally.Removed, RecyclingTally.Cancelled,
            RecyclingTally.Expired, RecyclingTally.WonAfterReturn,
        };

        private static readonly string[] Amounts = { RecyclingTally.RevenueWonAfterReturn, RecyclingTally.RecycledValue, RecyclingTally.ReturnedValue };

        public RecycledLeadTallyPhase(ScanCall call)
            : base(call)
        {
        }

        public override ScanPhase Phase => ScanPhase.TallyRecycledLeads;

        protected override TallySubject Subject => TallySubject.RecycledLeads;

        protected override string EntityName => RecycledLead.EntityName;

        protected override ColumnSet CountedColumns => new ColumnSet(
            RecycledLead.NurtureStream, RecycledLead.Reason, CommonColumns.StatusCode, RecycledLead.ReturnOutcome, RecycledLead.ReturnRevenue, RecycledLead.EstimatedValue);

        protected override string[] CountColumns => Counts;

        protected override string[] AmountColumns => Amounts;

        protected override TallyGroup GroupOf(Entity record)
        {
            var stream = record.GetAttributeValue<OptionSetValue>(RecycledLead.NurtureStream);
            var reason = record.GetAttributeValue<OptionSetValue>(RecycledLead.Reason);
            var streamName = stream != null && Labels.Streams.TryGetValue((NurtureStream)stream.Value, out var s) ? s : "No stream";
            var reasonName = reason != null && Labels.Reasons.TryGetValue((DisqualificationReason)reason.Value, out var r) ? r : "No reason";
            return new TallyGroup(
                Part(stream) + "|" + Part(reason),
                streamName + " · " + reasonName,
                tally =>
                {
                    tally[RecyclingTally.NurtureStream] = stream == null ? null : new OptionSetValue(stream.Value);
                    tally[RecyclingTally.Reason] = reason == null ? null : new OptionSetValue(reason.Value);
                });
        }

        protected override void Add(Entity tally, Entity record)
        {
            Increment(tally, RecyclingTally.Recycled);
            var value = record.GetAttributeValue<Money>(RecycledLead.EstimatedValue);
            AddAmount(tally, RecyclingTally.RecycledValue, value);
            switch (record.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode)?.Value)
            {
                case RecycledLead.Status.Nurturing:
                    Increment(tally, RecyclingTally.Nurturing);
                    break;
                case RecycledLead.Status.ReturnedToSales:
                    Increment(tally, RecyclingTally.Returned);
                    AddAmount(tally, RecyclingTally.ReturnedValue, value);
                    break;
                case RecycledLead.Status.RemovedFromWaterfall:
                    Increment(tally, RecyclingTally.Removed);
                    break;
                case RecycledLead.Status.Cancelled:
                    Increment(tally, RecyclingTally.Cancelled);
                    break;
                case RecycledLead.Status.Expired:
                    Increment(tally, RecyclingTally.Expired);
                    break;
            }

            if (record.GetAttributeValue<OptionSetValue>(RecycledLead.ReturnOutcome)?.Value == (int)ReturnOutcome.Won)
            {
                Increment(tally, RecyclingTally.WonAfterReturn);
                AddAmount(tally, RecyclingTally.RevenueWonAfterReturn, record.GetAttributeValue<Money>(RecycledLead.ReturnRevenue));
            }
        }

        private static string Part(OptionSetValue? value) => value == null ? "-" : value.Value.ToString(CultureInfo.InvariantCulture);
    }
}
