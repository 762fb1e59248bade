using System;
using System.Collections.Generic;

namespace LeadRecycle.Services.Aging
{
    /// <summary>Where a deal's stage comes from.</summary>
    public enum StageSource
    {
        /// <summary>The opportunity's sales stage choice (salesstage).</summary>
        SalesStage,

        /// <summary>The active stage of the opportunity's business process flow.</summary>
        BusinessProcessFlow,
    }
}
