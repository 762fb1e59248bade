using System;
using System.Globalization;
using System.Linq;
using System.Text;
using LeadRecycle.Schema;
using LeadRecycle.Services.Ownership;
using LeadRecycle.Services.Recycling;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Engagement
{
    /// <summary>Builds what the rep gets back: a lead carrying the nurture history and the RTN background.</summary>
    public static class ReturnedLeadBuilder
    {
        public static Entity Build(Entity recycledLead, ActingOwner owner, decimal score, DateTime utcNow)
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

        public static string History(Entity recycledLead, ActingOwner owner, decimal score, DateTime utcNow)
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

            foreach (var note in ReturnToNurtureChecklist.Fields.Where(item => !item.IsChoice))
            {
                AppendNote(text, note.ShortLabel, recycledLead.GetAttributeValue<string>(note.RecycledLeadColumn));
            }

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
