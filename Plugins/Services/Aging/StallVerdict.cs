using System;
using System.Collections.Generic;

namespace LeadRecycle.Services.Aging
{
    /// <summary>How a stage's threshold is judged for one deal.</summary>
    public enum StallVerdict
    {
        Moving,
        Warning,
        Stalled,
    }
}
