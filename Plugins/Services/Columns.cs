using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services
{
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
