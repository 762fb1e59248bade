using System;
using System.Globalization;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Aging
{
    /// <summary>A stage as LeadRecycle keys its statistics: the sales stage choice value or a process stage id.</summary>
    public static class StageKeys
    {
        public static string ForSalesStage(int salesStage) => "salesstage:" + salesStage.ToString(CultureInfo.InvariantCulture);

        public static string ForProcessStage(Guid stageId) => "stage:" + stageId.ToString("D");

        /// <summary>A stage known only by its name (an imported history).</summary>
        public static string ForNamedStage(string name) => "named:" + name;

        /// <summary>The deal's stage key under the sales-stage source, or null when it has no stage.</summary>
        public static string? OfSalesStage(Entity opportunity)
        {
            var stage = opportunity.GetAttributeValue<OptionSetValue>(Opportunity.SalesStage);
            return stage == null ? null : ForSalesStage(stage.Value);
        }

        public static string DisplayName(string stageKey)
        {
            if (stageKey.StartsWith("salesstage:", StringComparison.Ordinal)
                && int.TryParse(stageKey.Substring("salesstage:".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return value switch
                {
                    0 => "Qualify",
                    1 => "Develop",
                    2 => "Propose",
                    3 => "Close",
                    _ => "Sales stage " + value.ToString(CultureInfo.InvariantCulture),
                };
            }

            return stageKey.StartsWith("named:", StringComparison.Ordinal) ? stageKey.Substring("named:".Length) : stageKey;
        }
    }
}
