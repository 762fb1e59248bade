using System;
using System.Globalization;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using LeadRecycle.Services.Ownership;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Engagement
{
    /// <summary>
    /// Returns a nurtured prospect to sales when its score reaches its stream's threshold or it answers 3 or 4
    /// ("Removing Obstacles to Recycled Lead Nurturing": the recycled lead goes back to the rep who owned it, so reps stop hoarding stale deals). Who takes it
    /// follows the one rule for who acts (<see cref="ActingOwnerRule"/>): the rep if enabled, the owner team as itself,
    /// the rep's manager, the policy's fallback; else the recycled lead says, for the admin, which setting is missing.
    /// The status change is written on the recycled lead's own update (its Target), so it rides on that update.
    /// </summary>
    public sealed class ReturnToRepService
    {
        private readonly IOrganizationService _service;
        private readonly EngagementPolicy _policy;
        private readonly DateTime _now;
        private readonly ITracingService? _trace;

        /// <param name="service">The organization service as SYSTEM: the lead, task and queue item are LeadRecycle's writes.</param>
        /// <param name="policy">The policy's engagement settings (thresholds, answers that route, fallback owner, return action).</param>
        /// <param name="utcNow">The moment of the return.</param>
        /// <param name="trace">Where to say what was done or why not, if anywhere.</param>
        public ReturnToRepService(IOrganizationService service, EngagementPolicy policy, DateTime utcNow, ITracingService? trace = null)
        {
            _service = service;
            _policy = policy;
            _now = utcNow;
            _trace = trace;
        }

        /// <summary>
        /// Routes a nurtured recycled lead whose change crosses the threshold or carries a routing answer; true when it
        /// was returned.
        /// </summary>
        /// <param name="change">The recycled lead's update (its Target): the return's columns are written on it.</param>
        /// <param name="recycledLead">The recycled lead as it will be (the change over its pre-image).</param>
        /// <param name="reopening">Called just before the deal is reopened (the ReopenOpportunity return action), so that
        /// the reopen is known as this lead's own return and does not cancel it.</param>
        public bool Route(Entity change, Entity recycledLead, Action reopening)
        {
            var stream = recycledLead.GetAttributeValue<OptionSetValue>(RecycledLead.NurtureStream);
            var threshold = recycledLead.GetAttributeValue<decimal?>(RecycledLead.EngagementThreshold)
                ?? _policy.ThresholdFor(stream == null ? (NurtureStream?)null : (NurtureStream)stream.Value);
            var score = recycledLead.GetAttributeValue<decimal?>(RecycledLead.EngagementScore) ?? 0m;
            var answer = change.GetAttributeValue<OptionSetValue>(RecycledLead.Likelihood);
            var answeredYes = answer != null && Enum.IsDefined(typeof(Likelihood), answer.Value) && _policy.RoutesAtOnce((Likelihood)answer.Value);
            if (score < threshold && !answeredYes)
            {
                return false;
            }

            var topic = recycledLead.GetAttributeValue<string>(RecycledLead.Topic) ?? "Recycled lead";
            var owner = ChooseOwner(recycledLead, topic, out var problem);
            if (owner == null)
            {
                // Never refuse the journey's data for a routing problem: the prospect stays in nurture with the score
                // it earned, the record says why (for the admin's view), and the next engagement tries again.
                change[RecycledLead.ReturnBlocked] = Text.Truncate(problem!, 500);
                _trace?.Trace("{0}", problem!);
                return false;
            }

            EntityReference regarding;
            var opportunity = recycledLead.GetAttributeValue<EntityReference>(RecycledLead.Opportunity);
            if (_policy.ReturnAction == ReturnAction.ReopenOpportunity && opportunity != null)
            {
                reopening();

                // Reopened with Update, not SetStateRequest: Microsoft deprecates the specialized message and its solution
                // checker flags it inside plug-ins (rule il-avoid-specialized-update-ops; "Behavior of specialized update
                // operations"). The state goes alone, so the update is not split in two.
                _service.Update(new Entity(Opportunity.EntityName, opportunity.Id)
                {
                    [CommonColumns.StateCode] = new OptionSetValue(Opportunity.State.Open),
                    [CommonColumns.StatusCode] = new OptionSetValue(Opportunity.Status.InProgress),
                });
                // One update assigns the deal and carries its recycle count, so a later loss recycles it as the next one.
                _service.Update(new Entity(Opportunity.EntityName, opportunity.Id)
                {
                    [CommonColumns.OwnerId] = owner.Owner,
                    [Opportunity.RecycleCount] = recycledLead.GetAttributeValue<int?>(RecycledLead.RecycleCount) ?? 1,
                });
                regarding = opportunity;
            }
            else
            {
                var lead = ReturnedLeadBuilder.Build(recycledLead, owner, score, _now);
                var leadId = _service.Create(lead);
                regarding = new EntityReference(Lead.EntityName, leadId);
                change[RecycledLead.ReturnedLead] = regarding;
            }

            if (owner.Queue != null)
            {
                _service.Create(new Entity(QueueItem.EntityName)
                {
                    [QueueItem.Queue] = owner.Queue,
                    [QueueItem.Object] = regarding,
                    [QueueItem.Title] = Text.Truncate("Re-engaged: " + topic, 300),
                });
            }

            _service.Create(new Entity(TaskActivity.EntityName)
            {
                [TaskActivity.Subject] = Text.Truncate("Re-engaged prospect back from nurture: " + topic, 200),
                [TaskActivity.Description] = ReturnedLeadBuilder.History(recycledLead, owner, score, _now),
                [TaskActivity.Regarding] = regarding,
                [TaskActivity.ScheduledEnd] = _now.AddDays(2),
                [CommonColumns.OwnerId] = owner.Owner,
            });

            change[CommonColumns.StateCode] = new OptionSetValue(RecycledLead.State.Inactive);
            change[CommonColumns.StatusCode] = new OptionSetValue(RecycledLead.Status.ReturnedToSales);
            change[RecycledLead.ReturnBlocked] = null;
            change[RecycledLead.ReturnedOn] = _now;
            if (owner.Owner.LogicalName == SystemUser.EntityName)
            {
                change[RecycledLead.ReturnedTo] = owner.Owner;
            }

            _trace?.Trace("Recycled lead {0} returned to the {1} ({2}) at score {3}.", recycledLead.Id, owner.Route, owner.Owner.Id, score);
            return true;
        }

        /// <summary>Who takes the prospect, or null with <paramref name="problem"/> saying, for the admin, why no one can.</summary>
        private ActingOwner? ChooseOwner(Entity recycledLead, string topic, out string? problem)
        {
            var originalOwner = recycledLead.GetAttributeValue<EntityReference>(RecycledLead.OriginalOwner)
                ?? recycledLead.GetAttributeValue<EntityReference>(RecycledLead.OriginalTeam);
            var owner = ActingOwnerRule.Resolve(_service, originalOwner, _policy.FallbackOwner);
            if (owner != null)
            {
                problem = null;
                return owner;
            }

            var who = originalOwner == null ? "its original rep is missing" : "its original rep is disabled and has no enabled manager";
            problem = string.Format(
                CultureInfo.InvariantCulture,
                "LeadRecycle cannot return the recycled lead '{0}' to sales: {1}, and no fallback owner is configured. An administrator must set 'engagement.fallbackOwner' in the environment variable {2}.",
                topic, who, PolicyVariable.SchemaName);
            return null;
        }
    }
}
