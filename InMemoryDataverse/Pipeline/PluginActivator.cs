using System;
using System.Globalization;

namespace LeadRecycle.InMemoryDataverse.Pipeline
{
    public static class PluginActivator
    {
        /// <summary>Constructs a plug-in the way the platform does: (unsecure, secure) when it has that constructor.</summary>
        public static object Create(Type pluginType, string? unsecure, string? secure)
        {
            var twoStrings = pluginType.GetConstructor(new[] { typeof(string), typeof(string) });
            if (twoStrings != null)
            {
                return twoStrings.Invoke(new object?[] { unsecure, secure });
            }

            var oneString = pluginType.GetConstructor(new[] { typeof(string) });
            if (oneString != null)
            {
                return oneString.Invoke(new object?[] { unsecure });
            }

            var none = pluginType.GetConstructor(Type.EmptyTypes);
            if (none != null)
            {
                return none.Invoke(Array.Empty<object>());
            }

            throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                "{0} has no public (string, string), (string) or parameterless constructor.", pluginType.FullName));
        }
    }
}
