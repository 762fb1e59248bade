namespace LeadRecycle.Schema
{
    /// <summary>Shared-variable keys LeadRecycle's own callers set for the plug-ins they trigger.</summary>
    public static class SharedFlags
    {
        /// <summary>Set by the stall scan: its Lose may carry the system reason "Stalled in stage".</summary>
        public const string SystemReasonAllowed = "LeadRecycle.SystemReasonAllowed";

        /// <summary>
        /// Set by every LeadRecycle plug-in on its own context before it acts: an operation with this flag on an
        /// enclosing context (ParentContext) was started by LeadRecycle, not by a person or another product.
        /// </summary>
        public const string LeadRecycleActing = "LeadRecycle.Acting";

        /// <summary>Set while a recycled lead is returned by reopening its opportunity: the reopen is not a cancellation.</summary>
        public const string ReturningToRep = "LeadRecycle.ReturningToRep";
    }
}
