using System;
using System.Globalization;
using System.Text;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Engagement
{
    /// <summary>Who takes a re-engaged prospect, and why.</summary>
    public sealed class ReturnOwner
    {
        public ReturnOwner(EntityReference owner, string route, EntityReference? queue = null)
        {
            Owner = owner;
            Route = route;
            Queue = queue;
        }

        public EntityReference Owner { get; }

        /// <summary>The queue the returned record is put in, when the fallback is a queue (its owner owns the record).</summary>
        public EntityReference? Queue { get; }

        /// <summary>"original rep", "rep's manager" or "fallback owner".</summary>
        public string Route { get; }
    }

    /// <summary>
    /// Seed 002: route the recycled lead back to the rep who owned it, so reps stop hoarding stale deals.
    /// The rep if enabled; else the rep's manager if enabled; else the policy's fallback owner; else the admin
    /// is told which setting is missing.
    /// </summary>
    public static class ReturnToRepRouter
    {
        public static ReturnOwner ChooseOwner(IOrganizationService service, EntityReference? originalRep, EngagementPolicy policy, string topic)
        {
            var rep = originalRep == null ? null : FindUser(service, originalRep.Id);
            if (rep != null && !rep.GetAttributeValue<bool>(SystemUser.IsDisabled))
            {
                return new ReturnOwner(new EntityReference(SystemUser.EntityName, rep.Id), "original rep");
            }

            var managerReference = rep?.GetAttributeValue<EntityReference>(SystemUser.Manager);
            var manager = managerReference == null ? null : FindUser(service, managerReference.Id);
            if (manager != null && !manager.GetAttributeValue<bool>(SystemUser.IsDisabled))
            {
                return new ReturnOwner(new EntityReference(SystemUser.EntityName, manager.Id), "rep's manager");
            }

            if (policy.FallbackOwner != null && policy.FallbackOwner.LogicalName == Queue.EntityName)
            {
                // A queue owns nothing: the record goes to the queue's owner and is put in the queue.
                var queue = service.Retrieve(Queue.EntityName, policy.FallbackOwner.Id, new ColumnSet(CommonColumns.OwnerId));
                var queueOwner = queue.GetAttributeValue<EntityReference>(CommonColumns.OwnerId)
                    ?? throw new InvalidPluginExecutionException($"The fallback queue of 'engagement.fallbackOwner' in {PolicyVariable.SchemaName} has no owner.");
                return new ReturnOwner(queueOwner, "fallback queue", policy.FallbackOwner);
            }

            if (policy.FallbackOwner != null)
            {
                return new ReturnOwner(policy.FallbackOwner, "fallback owner");
            }

            var who = rep == null ? "its original rep is missing" : manager == null ? "its original rep is disabled and has no enabled manager" : "its original rep and the rep's manager are disabled";
            throw new InvalidPluginExecutionException(string.Format(
                CultureInfo.InvariantCulture,
                "LeadRecycle cannot return the recycled lead '{0}' to sales: {1}, and no fallback owner is configured. An administrator must set 'engagement.fallbackOwner' in the environment variable {2}.",
                topic, who, PolicyVariable.SchemaName));
        }

        /// <summary>A user by id, or null when there is none (a query, so a deleted user is not an error).</summary>
        private static Entity? FindUser(IOrganizationService service, Guid id)
        {
            var query = new QueryExpression(SystemUser.EntityName)
            {
                ColumnSet = new ColumnSet(SystemUser.IsDisabled, SystemUser.Manager),
                TopCount = 1,
            };
            query.Criteria.AddCondition(SystemUser.Id, ConditionOperator.Equal, id);
            var users = service.RetrieveMultiple(query).Entities;
            return users.Count == 0 ? null : users[0];
        }
    }

    /// <summary>Builds what the rep gets back: a lead carrying the nurture history and the RTN background.</summary>
    public static class ReturnedLeadBuilder
    {
        public static Entity Build(Entity recycledLead, ReturnOwner owner, decimal score, DateTime utcNow)
        {
            var topic = recycledLead.GetAttributeValue<string>(RecycledLead.Topic) ?? "Recycled lead";
            var count = recycledLead.GetAttributeValue<int?>(RecycledLead.RecycleCount) ?? 1;
            var lead = new Entity(Lead.EntityName)
            {
                [Lead.Subject] = Text.Truncate("Re-engaged: " + topic, 300),
                [CommonColumns.OwnerId] = owner.Owner,
                [Lead.RecycledLead] = new EntityReference(RecycledLead.EntityName, recycledLead.Id),
                [Lead.ReturnKey] = string.Format(CultureInfo.InvariantCulture, "{0:N}:{1}", recycledLead.Id, count),
                [Lead.RecycleCount] = count,
                [Lead.Description] = History(recycledLead, owner, score, utcNow),
            };
            Copy(recycledLead, RecycledLead.Contact, lead, Lead.ParentContact);
            Copy(recycledLead, RecycledLead.Account, lead, Lead.ParentAccount);
            return lead;
        }

        public static string History(Entity recycledLead, ReturnOwner owner, decimal score, DateTime utcNow)
        {
            var text = new StringBuilder();
            var reason = recycledLead.GetAttributeValue<OptionSetValue>(RecycledLead.Reason);
            var stream = recycledLead.GetAttributeValue<OptionSetValue>(RecycledLead.NurtureStream);
            var recycledOn = recycledLead.GetAttributeValue<DateTime?>(RecycledLead.RecycledOn);
            text.AppendFormat(CultureInfo.InvariantCulture, "Returned to sales on {0:yyyy-MM-dd} ({1}) with an engagement score of {2:0.#}.", utcNow, owner.Route, score).AppendLine();
            if (recycledOn != null)
            {
                text.AppendFormat(CultureInfo.InvariantCulture, "Nurtured since {0:yyyy-MM-dd} ({1:0} days)", recycledOn.Value, (utcNow - recycledOn.Value).TotalDays);
                if (stream != null && Enum.IsDefined(typeof(NurtureStream), stream.Value))
                {
                    text.Append(" in the stream ").Append(Labels.Streams[(NurtureStream)stream.Value]);
                }

                text.Append('.').AppendLine();
            }

            if (reason != null && Enum.IsDefined(typeof(DisqualificationReason), reason.Value))
            {
                text.Append("Left the pipeline because: ").Append(Labels.Reasons[(DisqualificationReason)reason.Value]).Append('.').AppendLine();
            }

            AppendNote(text, "Background", recycledLead.GetAttributeValue<string>(RecycledLead.Background));
            AppendNote(text, "Decision criteria", recycledLead.GetAttributeValue<string>(RecycledLead.DecisionCriteria));
            AppendNote(text, "Impediments", recycledLead.GetAttributeValue<string>(RecycledLead.Impediments));
            AppendNote(text, "Who is involved", recycledLead.GetAttributeValue<string>(RecycledLead.WhoIsInvolved));
            var likelihood = recycledLead.GetAttributeValue<OptionSetValue>(RecycledLead.Likelihood);
            if (likelihood != null && Enum.IsDefined(typeof(Likelihood), likelihood.Value))
            {
                text.Append("Prospect's latest answer: ").Append(Labels.Likelihoods[(Likelihood)likelihood.Value]).Append('.').AppendLine();
            }

            return Text.Truncate(text.ToString().TrimEnd(), 2000);
        }

        private static void AppendNote(StringBuilder text, string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                text.Append(label).Append(": ").Append(value!.Trim()).AppendLine();
            }
        }

        private static void Copy(Entity from, string fromColumn, Entity to, string toColumn)
        {
            var value = from.GetAttributeValue<EntityReference>(fromColumn);
            if (value != null)
            {
                to[toColumn] = value;
            }
        }
    }
}
