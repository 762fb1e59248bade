using System.Collections.Generic;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Pipeline
{
    /// <summary>Collects a step's ITracingService output.</summary>
    internal sealed class TracingService : ITracingService
    {
        public List<string> Lines { get; } = new List<string>();

        public void Trace(string format, params object[] args)
        {
            Lines.Add(args == null || args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args));
        }
    }
}
