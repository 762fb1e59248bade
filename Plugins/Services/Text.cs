using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services
{
    internal static class Text
    {
        /// <summary>The text cut to a column's maximum length.</summary>
        public static string Truncate(string text, int maxLength) => text.Length <= maxLength ? text : text.Substring(0, maxLength);
    }
}
