using System;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Attribution
{
    /// <summary>
    /// A deal won: its last stay joins its stage's history, and if it had come back from nurture, the recycled lead
    /// it came back from records the win and its revenue.
    /// </summary>
    public sealed class WonDealService
    {
        private static readonly string[] OpportunityColumns =
            new[] { Opportunity.StageKey, Opportunity.StageEnteredOn }.Concat(ReturnAttribution.OpportunityColumns).ToArray();

        private readonly IOrganizationService _service;
        private readonly DateTime _now;

        /// <param name="service">The organization service as SYSTEM (the stays and the recycled lead are LeadRecycle's).</param>
        /// <param name="utcNow">The moment of the win.</param>
        public WonDealService(IOrganizationService service, DateTime utcNow)
        {
            _service = service;
            _now = utcNow;
        }

        /// <summary>Win offers no entity images: the deal is read once, for the stage and the attribution columns.</summary>
        /// <param name="opportunityId">The deal won.</param>
        /// <param name="revenue">The revenue the opportunity close records, if it gives one.</param>
        public void DealWon(Guid opportunityId, Money? revenue)
        {
            var opportunity = _service.Retrieve(Opportunity.EntityName, opportunityId, new ColumnSet(OpportunityColumns));
            new StageTrackingService(_service, _now).DealClosed(opportunity);
            ReturnAttribution.Record(_service, opportunity, ReturnOutcome.Won, _now, revenue);
        }
    }
}
