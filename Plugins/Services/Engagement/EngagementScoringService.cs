using System;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Engagement
{
    /// <summary>
    /// An engagement (email click, form, webinar, reply, meeting, the 1-4 answer) adds its decayed points to its
    /// recycled lead's score: one read, one update. The routing back to the rep happens in that update
    /// (<see cref="ReturnToRepService"/>).
    /// </summary>
    public sealed class EngagementScoringService
    {
        private readonly IOrganizationService _service;
        private readonly EngagementPolicy _policy;
        private readonly DateTime _now;
        private readonly ITracingService? _trace;

        /// <param name="service">The organization service as SYSTEM: whoever records the engagement, the score is LeadRecycle's.</param>
        /// <param name="policy">The policy's engagement settings (points, half-life).</param>
        /// <param name="utcNow">The moment the engagement is recorded.</param>
        /// <param name="trace">Where to say why an engagement scored nothing, if anywhere.</param>
        public EngagementScoringService(IOrganizationService service, EngagementPolicy policy, DateTime utcNow, ITracingService? trace = null)
        {
            _service = service;
            _policy = policy;
            _now = utcNow;
            _trace = trace;
        }

        /// <summary>
        /// Refuses an engagement without its recycled lead or a known type, with a message for the journey's author
        /// (the type list is the choice's labels).
        /// </summary>
        public static void Validate(Entity? engagement)
        {
            if (engagement?.GetAttributeValue<EntityReference>(Schema.Engagement.RecycledLead) == null)
            {
                throw new InvalidPluginExecutionException("An engagement must name the recycled lead it belongs to (Recycled lead).");
            }

            if (TypeOf(engagement) == null)
            {
                throw new InvalidPluginExecutionException(
                    "An engagement needs its type: one of " + string.Join(", ", Labels.EngagementTypes.Values) + ".");
            }
        }

        /// <summary>The engagement's type, or null when it has none LeadRecycle knows.</summary>
        public static EngagementType? TypeOf(Entity engagement)
        {
            var type = engagement.GetAttributeValue<OptionSetValue>(Schema.Engagement.Type);
            return type != null && Enum.IsDefined(typeof(EngagementType), type.Value) ? (EngagementType)type.Value : (EngagementType?)null;
        }

        /// <summary>
        /// Scores a valid engagement (<see cref="Validate"/>) on its recycled lead. An engagement on a recycled lead no
        /// longer nurtured, or logged by the rep who handed the prospect over, is kept and scores nothing.
        /// </summary>
        /// <param name="engagement">The engagement as created.</param>
        /// <param name="loggedBy">The users behind the engagement: the initiating user and the user the step runs as.</param>
        public void Score(Entity engagement, params Guid[] loggedBy)
        {
            var recycledLeadReference = engagement.GetAttributeValue<EntityReference>(Schema.Engagement.RecycledLead);
            var type = TypeOf(engagement);
            if (recycledLeadReference == null || type == null)
            {
                return;
            }

            var recycledLead = _service.Retrieve(RecycledLead.EntityName, recycledLeadReference.Id, new ColumnSet(
                CommonColumns.StatusCode, RecycledLead.EngagementScore, RecycledLead.ScoredOn, RecycledLead.OriginalOwner));
            if (recycledLead.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode)?.Value != RecycledLead.Status.Nurturing)
            {
                _trace?.Trace("Recycled lead {0} is no longer nurtured; the engagement is kept but scores nothing.", recycledLeadReference.Id);
                return;
            }

            // The rep who handed the prospect over cannot score it back to themselves (it would count as a return and
            // falsify the return rate): what they log is kept as history and scores nothing. To take the deal back, the
            // rep reopens it.
            var originalOwner = recycledLead.GetAttributeValue<EntityReference>(RecycledLead.OriginalOwner);
            if (originalOwner != null && Array.IndexOf(loggedBy, originalOwner.Id) >= 0)
            {
                _trace?.Trace("The engagement on recycled lead {0} was logged by the rep who handed it over; kept, scores nothing.", recycledLeadReference.Id);
                return;
            }

            var points = engagement.GetAttributeValue<decimal?>(Schema.Engagement.Points) ?? _policy.PointsFor(type.Value);
            var occurredOn = engagement.GetAttributeValue<DateTime?>(Schema.Engagement.OccurredOn) ?? _now;
            var score = EngagementScore.Add(
                recycledLead.GetAttributeValue<decimal?>(RecycledLead.EngagementScore) ?? 0m,
                recycledLead.GetAttributeValue<DateTime?>(RecycledLead.ScoredOn) ?? occurredOn,
                points,
                occurredOn,
                _now,
                _policy.HalfLifeDays);

            var update = new Entity(RecycledLead.EntityName, recycledLeadReference.Id)
            {
                [RecycledLead.EngagementScore] = score,
                [RecycledLead.ScoredOn] = _now,
            };
            var answer = engagement.GetAttributeValue<OptionSetValue>(Schema.Engagement.Likelihood);
            if (type == EngagementType.LikelihoodAnswer && answer != null)
            {
                update[RecycledLead.Likelihood] = answer;
            }

            _service.Update(update);
        }
    }
}
