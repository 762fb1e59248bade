using System;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Recycling
{
    /// <summary>Reads a recycle source from an opportunity or a lead as the platform gives it.</summary>
    public static class RecycleSources
    {
        public static RecycleSource FromOpportunity(Entity opportunity)
        {
            var customer = opportunity.GetAttributeValue<EntityReference>(Opportunity.Customer);
            var source = new RecycleSource(
                new EntityReference(Opportunity.EntityName, opportunity.Id),
                opportunity.GetAttributeValue<string>(Opportunity.Name) ?? "Recycled opportunity")
            {
                OriginatingLead = opportunity.GetAttributeValue<EntityReference>(Opportunity.OriginatingLead),
                Contact = opportunity.GetAttributeValue<EntityReference>(Opportunity.ParentContact)
                    ?? (customer?.LogicalName == "contact" ? customer : null),
                Account = opportunity.GetAttributeValue<EntityReference>(Opportunity.ParentAccount)
                    ?? (customer?.LogicalName == "account" ? customer : null),
                Owner = opportunity.GetAttributeValue<EntityReference>(CommonColumns.OwnerId),
                StageName = StageName(opportunity),
                StageEnteredOn = opportunity.GetAttributeValue<DateTime?>(Opportunity.StageEnteredOn),
                EstimatedValue = opportunity.GetAttributeValue<Money>(Opportunity.EstimatedValue),
                PreviousRecycles = opportunity.GetAttributeValue<int?>(Opportunity.RecycleCount) ?? 0,
            };
            return source;
        }

        public static RecycleSource FromLead(Entity lead)
        {
            var topic = lead.GetAttributeValue<string>(Lead.Subject)
                ?? lead.GetAttributeValue<string>(Lead.FullName)
                ?? lead.GetAttributeValue<string>(Lead.CompanyName)
                ?? "Recycled lead";
            return new RecycleSource(new EntityReference(Lead.EntityName, lead.Id), topic)
            {
                Contact = lead.GetAttributeValue<EntityReference>(Lead.ParentContact),
                Account = lead.GetAttributeValue<EntityReference>(Lead.ParentAccount),
                Owner = lead.GetAttributeValue<EntityReference>(CommonColumns.OwnerId),
                PreviousRecycles = lead.GetAttributeValue<int?>(Lead.RecycleCount) ?? 0,
            };
        }

        /// <summary>The business process stage name when present, else the sales stage choice's label.</summary>
        private static string? StageName(Entity opportunity)
        {
            var stepName = opportunity.GetAttributeValue<string>(Opportunity.StepName);
            if (!string.IsNullOrWhiteSpace(stepName))
            {
                return stepName;
            }

            var salesStage = opportunity.GetAttributeValue<OptionSetValue>(Opportunity.SalesStage);
            return salesStage?.Value switch
            {
                0 => "Qualify",
                1 => "Develop",
                2 => "Propose",
                3 => "Close",
                null => null,
                _ => salesStage.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }
    }
}
