using System;
using System.Collections.Generic;
using System.Globalization;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Sandbox
{
    /// <summary>Typed reads of the columns the report's sections share, so each section states its rule, not its parsing.</summary>
    public static class ReportValues
    {
        public static int State(Entity e) => e.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode)?.Value ?? -1;

        public static int Status(Entity e) => e.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode)?.Value ?? -1;

        public static int Choice(Entity e, string column) => e.GetAttributeValue<OptionSetValue>(column)?.Value ?? 0;

        public static decimal Money(Entity e, string column) => e.GetAttributeValue<Money>(column)?.Value ?? 0m;

        public static DateTime? Date(Entity e, string column) => e.GetAttributeValue<DateTime?>(column);

        public static AgingStatus? Aging(Entity opportunity) => (AgingStatus?)opportunity.GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus)?.Value;

        public static bool IsOpen(Entity opportunity) => State(opportunity) == Opportunity.State.Open;

        public static bool IsWonAfterReturn(Entity recycled) => Choice(recycled, RecycledLead.ReturnOutcome) == (int)ReturnOutcome.Won;

        /// <summary>Days from recycling to the return to sales, for a recycled lead that returned.</summary>
        public static double? DaysToReengage(Entity recycled)
        {
            var recycledOn = Date(recycled, RecycledLead.RecycledOn);
            var returnedOn = Date(recycled, RecycledLead.ReturnedOn);
            return recycledOn != null && returnedOn != null ? Math.Max(0, (returnedOn.Value - recycledOn.Value).TotalDays) : null;
        }

        public static string Label<TEnum>(IReadOnlyDictionary<TEnum, string> labels, int value)
            where TEnum : struct, Enum =>
            labels.TryGetValue((TEnum)Enum.ToObject(typeof(TEnum), value), out var label) ? label : value.ToString(CultureInfo.InvariantCulture);

        public static double? Round(double? value, int digits) => value == null ? null : Math.Round(value.Value, digits);

        /// <summary>A share, or null when there is nothing to divide by (never a zero that means "no data").</summary>
        public static double? Share(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
    }
}
