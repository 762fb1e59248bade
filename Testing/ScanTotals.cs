using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Testing
{
    /// <summary>The counts of every stall scan call added up (the Custom API's whole-number outputs, by name), over nights.</summary>
    public sealed class ScanTotals
    {
        private readonly Dictionary<string, int> _counts = new Dictionary<string, int>(System.StringComparer.Ordinal);

        public int Calls { get; private set; }

        /// <summary>Adds one call's response (pass it as ScanToEnd's afterCall).</summary>
        public void Add(OrganizationResponse response)
        {
            Calls++;
            foreach (var output in response.Results)
            {
                if (output.Value is int count)
                {
                    _counts.TryGetValue(output.Key, out var total);
                    _counts[output.Key] = total + count;
                }
            }
        }

        /// <summary>The total of one output (for example "RemindersSent"); 0 when no call returned it.</summary>
        public int this[string output] => _counts.TryGetValue(output, out var total) ? total : 0;
    }
}
