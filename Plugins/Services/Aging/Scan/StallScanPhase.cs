namespace LeadRecycle.Services.Aging
{
    /// <summary>One phase of the stall scan, run a page at a time within a call's budget.</summary>
    internal abstract class StallScanPhase
    {
        protected StallScanPhase(ScanCall call)
        {
            Call = call;
        }

        /// <summary>The phase's number in continuation tokens.</summary>
        public abstract ScanPhase Phase { get; }

        protected ScanCall Call { get; }

        protected int PageSize => Call.PageSize;

        /// <summary>Runs one page; true when the phase has nothing left.</summary>
        /// <param name="stageIndex">Where a phase that goes stage by stage stands (the Flag phase); kept in the token.</param>
        public abstract bool RunPage(ref int stageIndex);
    }
}
