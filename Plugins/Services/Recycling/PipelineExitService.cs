using System;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using LeadRecycle.Services.Attribution;
using LeadRecycle.Services.Configuration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Recycling
{
    /// <summary>
    /// Hands a deal lost or a lead disqualified to marketing: the checklist is checked again (the PreValidation step
    /// may be turned off), and the Recycled Lead is created in the same transaction as the close.
    /// </summary>
    public sealed class PipelineExitService
    {
        private static readonly string[] OpportunityColumns =
        {
            Opportunity.Name, Opportunity.Customer, Opportunity.ParentAccount, Opportunity.ParentContact,
            Opportunity.OriginatingLead, Opportunity.EstimatedValue, Opportunity.SalesStage, Opportunity.StepName,
            Opportunity.StageEnteredOn, Opportunity.StageKey, Opportunity.RecycleCount, CommonColumns.OwnerId, CommonColumns.StateCode,
        };

        private readonly IOrganizationService _service;
        private readonly RecyclePolicy _policy;
        private readonly DateTime _now;
        private readonly ITracingService? _trace;

        /// <param name="service">The organization service as SYSTEM: the recycled lead belongs to marketing, not to the rep.</param>
        /// <param name="policy">The organization's policy.</param>
        /// <param name="utcNow">The moment of the close.</param>
        /// <param name="trace">Where to say what was done, if anywhere.</param>
        public PipelineExitService(IOrganizationService service, RecyclePolicy policy, DateTime utcNow, ITracingService? trace = null)
        {
            _service = service;
            _policy = policy;
            _now = utcNow;
            _trace = trace;
        }

        /// <summary>
        /// Recycles the opportunity an opportunity close lost; returns the recycled lead's id, or null when the
        /// opportunity is not lost after the close. A rep's loss ends the stay in the stage like any exit; a stall-scan
        /// close does not count: those stays are the outliers being measured, and counting them would raise the very
        /// threshold they broke.
        /// </summary>
        /// <param name="close">The opportunity close, carrying the reason and the checklist.</param>
        /// <param name="systemReasonAllowed">Whether LeadRecycle's own job is closing (the system reason is then allowed).</param>
        /// <param name="actingUserId">The user closing now: known to be enabled, so the owner rule need not read them.</param>
        public Guid? OpportunityLost(Entity close, bool systemReasonAllowed, Guid actingUserId)
        {
            var opportunityReference = close.GetAttributeValue<EntityReference>(OpportunityClose.Opportunity);
            if (opportunityReference == null)
            {
                return null;
            }

            var checklist = Checklist.From(close);
            var reasonPolicy = ChecklistValidator.Validate(checklist, _policy, CloseKind.OpportunityLoss, systemReasonAllowed);

            // Lose offers no entity images, so the opportunity is read once, after the close.
            var opportunity = _service.Retrieve(Opportunity.EntityName, opportunityReference.Id, new ColumnSet(OpportunityColumns));
            if (opportunity.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode)?.Value != Opportunity.State.Lost)
            {
                _trace?.Trace("Opportunity {0} is not lost after this close; nothing to recycle.", opportunityReference.Id);
                return null;
            }

            var source = RecycleSources.FromOpportunity(opportunity);
            var id = RecycleService.Recycle(_service, source, checklist, reasonPolicy, _policy, RecycleService.TypeFor(reasonPolicy), _now, actingUserId);
            _trace?.Trace("Recycled opportunity {0} as recycled lead {1} ({2}).", opportunityReference.Id, id, reasonPolicy.Reason);

            if (reasonPolicy.Reason != DisqualificationReason.StalledInStage)
            {
                new StageTrackingService(_service, _now).DealClosed(opportunity);
            }

            // A deal that had come back from nurture and is lost again closes the loop on that recycled lead.
            ReturnAttribution.Record(_service, opportunity, ReturnOutcome.Lost, _now, null);
            return id;
        }

        /// <summary>Recycles a disqualified lead; returns the recycled lead's id.</summary>
        /// <param name="lead">The lead as the whole request makes it (the reason and the checklist included).</param>
        /// <param name="systemReasonAllowed">Whether LeadRecycle's own job is disqualifying (the system reason is then allowed).</param>
        /// <param name="actingUserId">The user disqualifying now.</param>
        public Guid LeadDisqualified(Entity lead, bool systemReasonAllowed, Guid actingUserId)
        {
            var checklist = Checklist.From(lead);
            var reasonPolicy = ChecklistValidator.Validate(checklist, _policy, CloseKind.LeadDisqualification, systemReasonAllowed);
            var id = RecycleService.Recycle(
                _service, RecycleSources.FromLead(lead), checklist, reasonPolicy, _policy, RecycleService.TypeFor(reasonPolicy), _now, actingUserId);
            _trace?.Trace("Recycled lead {0} as recycled lead {1} ({2}).", lead.Id, id, reasonPolicy.Reason);
            return id;
        }
    }
}
