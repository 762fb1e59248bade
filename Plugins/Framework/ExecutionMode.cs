using System;
using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.Framework
{
    /// <summary>Execution mode (IExecutionContext.Mode).</summary>
    public enum ExecutionMode
    {
        Synchronous = 0,
        Asynchronous = 1,
    }
}
