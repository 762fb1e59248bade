using System.Globalization;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// Expire: a recycled lead nurtured longer than engagement.nurtureDays without re-engaging leaves nurture (status
    /// Expired, with a note), so it leaves marketing's audience.
    /// </summary>
    internal sealed class ExpirePhase : StallScanPhase
    {
        public ExpirePhase(ScanCall call)
            : base(call)
        {
        }

        public override ScanPhase Phase => ScanPhase.Expire;

        /// <summary>
        /// Ends the nurture of one page of recycled leads that never re-engaged within engagement.nurtureDays of being
        /// recycled; true when none are left. Only LeadRecycle's own table is written: status Expired with a note.
        /// </summary>
        public override bool RunPage(ref int stageIndex)
        {
            var days = Call.Policy.Engagement.NurtureDays;
            var query = new QueryExpression(RecycledLead.EntityName)
            {
                ColumnSet = new ColumnSet(RecycledLead.RecycledOn),
                TopCount = PageSize,
            };
            query.Criteria.AddCondition(CommonColumns.StatusCode, ConditionOperator.Equal, RecycledLead.Status.Nurturing);
            query.Criteria.AddCondition(RecycledLead.RecycledOn, ConditionOperator.LessThan, Call.Now.AddDays(-days));
            query.AddOrder(RecycledLead.RecycledOn, OrderType.Ascending);
            var stale = Call.RetrieveMultiple(query);
            foreach (var recycledLead in stale)
            {
                Call.Update(new Entity(RecycledLead.EntityName, recycledLead.Id)
                {
                    [CommonColumns.StateCode] = new OptionSetValue(RecycledLead.State.Inactive),
                    [CommonColumns.StatusCode] = new OptionSetValue(RecycledLead.Status.Expired),
                    [RecycledLead.RemovalNote] = string.Format(CultureInfo.InvariantCulture,
                        "Nurtured for {0} days without re-engaging (engagement.nurtureDays): the nurture ended.", days),
                });
                Call.Result.Expired++;
            }

            return stale.Count < PageSize;
        }
    }
}
