using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services
{
    internal static class Text
    {
        /// <summary>The text cut to a column's maximum length.</summary>
        public static string Truncate(string text, int maxLength) => text.Length <= maxLength ? text : text.Substring(0, maxLength);
    }

    internal static class Columns
    {
        /// <summary>Sets a column only when there is a value; blank text counts as no value.</summary>
        public static void SetIfPresent(Entity entity, string column, object? value)
        {
            if (value == null || (value is string text && string.IsNullOrWhiteSpace(text)))
            {
                return;
            }

            entity[column] = value;
        }
    }
}
