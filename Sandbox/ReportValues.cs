using System;
using System.Collections.Generic;
using System.Globalization;

namespace LeadRecycle.Sandbox
{
    /// <summary>How the report's sections label, round and divide, so each section states its rule, not its formatting.</summary>
    public static class ReportValues
    {
        public static string Label<TEnum>(IReadOnlyDictionary<TEnum, string> labels, int value)
            where TEnum : struct, Enum =>
            labels.TryGetValue((TEnum)Enum.ToObject(typeof(TEnum), value), out var label) ? label : value.ToString(CultureInfo.InvariantCulture);

        public static double? Round(double? value, int digits) => value == null ? null : Math.Round(value.Value, digits);

        /// <summary>A share, or null when there is nothing to divide by (never a zero that means "no data").</summary>
        public static double? Share(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
    }
}
