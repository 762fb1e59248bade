using System;
using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.Framework
{
    /// <summary>Pipeline stages a step may be registered in (IPluginExecutionContext.Stage).</summary>
    public enum PipelineStage
    {
        PreValidation = 10,
        PreOperation = 20,
        PostOperation = 40,
    }
}
