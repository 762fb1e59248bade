using System;
using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services;
using LeadRecycle.Services.Configuration;
using LeadRecycle.Services.Engagement;
using LeadRecycle.Services.Recycling;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// Refuses an engagement without its recycled lead or a known type before anything is written: PreValidation is
    /// where Microsoft places validation ("Event execution pipeline": the stage for checks that cancel the
    /// operation, outside the database transaction), so the journey's connector gets the refusal without a rollback.
    /// </summary>
    public sealed class ValidateEngagement : PluginBase
    {
        public ValidateEngagement(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<ValidateEngagement>(SdkMessageNames.Create, Engagement.EntityName, PipelineStage.PreValidation)
                .Describe("Requires the engagement's recycled lead and a known engagement type."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var engagement = context.GetTargetEntity();
            if (engagement?.GetAttributeValue<EntityReference>(Engagement.RecycledLead) == null)
            {
                throw new InvalidPluginExecutionException("An engagement must name the recycled lead it belongs to (Recycled lead).");
            }

            var type = engagement.GetAttributeValue<OptionSetValue>(Engagement.Type);
            if (type == null || !Enum.IsDefined(typeof(EngagementType), type.Value))
            {
                throw new InvalidPluginExecutionException(
                    "An engagement needs its type: one of " + string.Join(", ", Labels.EngagementTypes.Values) + ".");
            }
        }
    }

    /// <summary>
    /// An engagement (email click, form, webinar, reply, meeting, the 1-4 answer) adds its decayed points to its
    /// recycled lead's score: one read, one update. Routing happens in that update (RouteReengagedLead).
    /// </summary>
    public sealed class RecordEngagement : PluginBase
    {
        public RecordEngagement(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<RecordEngagement>(SdkMessageNames.Create, Engagement.EntityName, PipelineStage.PostOperation)
                .Describe("Adds the engagement's decayed points to its recycled lead's score."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            // ValidateEngagement refused the engagement in PreValidation if either is missing.
            var engagement = context.GetTargetEntity();
            var recycledLeadReference = engagement?.GetAttributeValue<EntityReference>(Engagement.RecycledLead);
            var type = engagement?.GetAttributeValue<OptionSetValue>(Engagement.Type);
            if (engagement == null || recycledLeadReference == null || type == null || !Enum.IsDefined(typeof(EngagementType), type.Value))
            {
                return;
            }

            var policy = RecycleContext.Policy(context).Engagement;
            var now = RecycleContext.UtcNow(context);
            var recycledLead = context.SystemService.Retrieve(RecycledLead.EntityName, recycledLeadReference.Id, new ColumnSet(
                CommonColumns.StatusCode, RecycledLead.EngagementScore, RecycledLead.ScoredOn, RecycledLead.OriginalOwner));
            if (recycledLead.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode)?.Value != RecycledLead.Status.Nurturing)
            {
                context.Trace("Recycled lead {0} is no longer nurtured; the engagement is kept but scores nothing.", recycledLeadReference.Id);
                return;
            }

            // The rep who handed the prospect over cannot score it back to themselves (it would count as a return and
            // falsify the return rate): what they log is kept as history and scores nothing. To take the deal back, the
            // rep reopens it.
            var originalOwner = recycledLead.GetAttributeValue<EntityReference>(RecycledLead.OriginalOwner);
            if (originalOwner != null && (originalOwner.Id == context.ExecutionContext.InitiatingUserId || originalOwner.Id == context.ExecutionContext.UserId))
            {
                context.Trace("The engagement on recycled lead {0} was logged by the rep who handed it over; kept, scores nothing.", recycledLeadReference.Id);
                return;
            }

            var points = engagement.GetAttributeValue<decimal?>(Engagement.Points) ?? policy.PointsFor((EngagementType)type.Value);
            var occurredOn = engagement.GetAttributeValue<DateTime?>(Engagement.OccurredOn) ?? now;
            var score = EngagementScore.Add(
                recycledLead.GetAttributeValue<decimal?>(RecycledLead.EngagementScore) ?? 0m,
                recycledLead.GetAttributeValue<DateTime?>(RecycledLead.ScoredOn) ?? occurredOn,
                points,
                occurredOn,
                now,
                policy.HalfLifeDays);

            var update = new Entity(RecycledLead.EntityName, recycledLeadReference.Id)
            {
                [RecycledLead.EngagementScore] = score,
                [RecycledLead.ScoredOn] = now,
            };
            var answer = engagement.GetAttributeValue<OptionSetValue>(Engagement.Likelihood);
            if (type.Value == (int)EngagementType.LikelihoodAnswer && answer != null)
            {
                update[RecycledLead.Likelihood] = answer;
            }

            context.SystemService.Update(update);
        }
    }

    /// <summary>
    /// Returns a nurtured prospect to sales when its score reaches its stream's threshold or it answers 3 or 4,
    /// whether the score came from an engagement or was written directly by an integration. PreOperation on the
    /// recycled lead's own update, so the status change rides on that update. Exactly once: only a Nurturing
    /// record routes, and the returned lead's alternate key (recycled lead + recycle number) makes a concurrent
    /// second routing fail and roll back instead of creating a second lead.
    /// </summary>
    public sealed class RouteReengagedLead : PluginBase
    {
        public const string PreImageAlias = "recycled";

        private static readonly string[] ImageColumns =
        {
            CommonColumns.StatusCode, RecycledLead.Topic, RecycledLead.EngagementScore, RecycledLead.EngagementThreshold,
            RecycledLead.Likelihood, RecycledLead.NurtureStream, RecycledLead.OriginalOwner, RecycledLead.OriginalTeam, RecycledLead.Opportunity,
            RecycledLead.Contact, RecycledLead.Account, RecycledLead.Reason, RecycledLead.RecycleCount, RecycledLead.RecycledOn,
            RecycledLead.Background, RecycledLead.DecisionCriteria, RecycledLead.Impediments, RecycledLead.WhoIsInvolved,
        };

        public RouteReengagedLead(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<RouteReengagedLead>(SdkMessageNames.Update, RecycledLead.EntityName, PipelineStage.PreOperation)
                .WhenChanged(RecycledLead.EngagementScore, RecycledLead.Likelihood)
                .WithPreImage(PreImageAlias, "Target", ImageColumns)
                .Describe("Returns the recycled lead to its rep when engagement crosses the threshold or the prospect answers 3 or 4."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var target = context.GetTargetEntity();
            var preImage = context.GetPreImage(PreImageAlias);
            if (target == null || preImage == null
                || preImage.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode)?.Value != RecycledLead.Status.Nurturing)
            {
                return;
            }

            var policy = RecycleContext.Policy(context).Engagement;
            var recycledLead = context.MergeTargetOverPreImage(PreImageAlias);
            var stream = recycledLead.GetAttributeValue<OptionSetValue>(RecycledLead.NurtureStream);
            var threshold = recycledLead.GetAttributeValue<decimal?>(RecycledLead.EngagementThreshold)
                ?? policy.ThresholdFor(stream == null ? (NurtureStream?)null : (NurtureStream)stream.Value);
            var score = recycledLead.GetAttributeValue<decimal?>(RecycledLead.EngagementScore) ?? 0m;
            var answer = target.GetAttributeValue<OptionSetValue>(RecycledLead.Likelihood);
            var answeredYes = answer != null && Enum.IsDefined(typeof(Likelihood), answer.Value) && policy.RoutesAtOnce((Likelihood)answer.Value);
            if (score < threshold && !answeredYes)
            {
                return;
            }

            var now = RecycleContext.UtcNow(context);
            var topic = recycledLead.GetAttributeValue<string>(RecycledLead.Topic) ?? "Recycled lead";
            var owner = ReturnToRepRouter.ChooseOwner(context.SystemService, recycledLead, policy, topic, out var problem);
            if (owner == null)
            {
                // Never refuse the journey's data for a routing problem: the prospect stays in nurture with the score
                // it earned, the record says why (for the admin's view), and the next engagement tries again.
                target[RecycledLead.ReturnBlocked] = Text.Truncate(problem!, 500);
                context.Trace(problem!);
                return;
            }


            EntityReference regarding;
            var opportunity = recycledLead.GetAttributeValue<EntityReference>(RecycledLead.Opportunity);
            if (policy.ReturnAction == ReturnAction.ReopenOpportunity && opportunity != null)
            {
                context.ExecutionContext.SharedVariables[SharedFlags.ReturningToRep] = true;

                // Reopened with Update, not SetStateRequest: Microsoft deprecates the specialized message and its solution
                // checker flags it inside plug-ins (rule il-avoid-specialized-update-ops; "Behavior of specialized update
                // operations"). The state goes alone, so the update is not split in two.
                context.SystemService.Update(new Entity(Opportunity.EntityName, opportunity.Id)
                {
                    [CommonColumns.StateCode] = new OptionSetValue(Opportunity.State.Open),
                    [CommonColumns.StatusCode] = new OptionSetValue(Opportunity.Status.InProgress),
                });
                // One update assigns the deal and carries its recycle count, so a later loss recycles it as the next one.
                context.SystemService.Update(new Entity(Opportunity.EntityName, opportunity.Id)
                {
                    [CommonColumns.OwnerId] = owner.Owner,
                    [Opportunity.RecycleCount] = recycledLead.GetAttributeValue<int?>(RecycledLead.RecycleCount) ?? 1,
                });
                regarding = opportunity;
            }
            else
            {
                var lead = ReturnedLeadBuilder.Build(recycledLead, owner, score, now);
                var leadId = context.SystemService.Create(lead);
                regarding = new EntityReference(Lead.EntityName, leadId);
                target[RecycledLead.ReturnedLead] = regarding;
            }

            if (owner.Queue != null)
            {
                context.SystemService.Create(new Entity(QueueItem.EntityName)
                {
                    [QueueItem.Queue] = owner.Queue,
                    [QueueItem.Object] = regarding,
                    [QueueItem.Title] = Text.Truncate("Re-engaged: " + topic, 300),
                });
            }

            context.SystemService.Create(new Entity(TaskActivity.EntityName)
            {
                [TaskActivity.Subject] = Text.Truncate("Re-engaged prospect back from nurture: " + topic, 200),
                [TaskActivity.Description] = ReturnedLeadBuilder.History(recycledLead, owner, score, now),
                [TaskActivity.Regarding] = regarding,
                [TaskActivity.ScheduledEnd] = now.AddDays(2),
                [CommonColumns.OwnerId] = owner.Owner,
            });

            target[CommonColumns.StateCode] = new OptionSetValue(RecycledLead.State.Inactive);
            target[CommonColumns.StatusCode] = new OptionSetValue(RecycledLead.Status.ReturnedToSales);
            target[RecycledLead.ReturnBlocked] = null;
            target[RecycledLead.ReturnedOn] = now;
            if (owner.Owner.LogicalName == SystemUser.EntityName)
            {
                target[RecycledLead.ReturnedTo] = owner.Owner;
            }

            context.Trace("Recycled lead {0} returned to the {1} ({2}) at score {3}.", recycledLead.Id, owner.Route, owner.Owner.Id, score);
        }
    }
}
