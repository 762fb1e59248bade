namespace LeadRecycle.Schema
{
    /// <summary>lr_disqualificationreason: why a deal or lead left the pipeline.</summary>
    public enum DisqualificationReason
    {
        DecisionMakerChanged = 100000000,
        FundingDelayedOrCancelled = 100000001,
        PrioritiesChanged = 100000002,
        TimingExtendedOrUncertain = 100000003,
        UnableToReach = 100000004,
        LostToCompetitor = 100000005,
        NoBudget = 100000006,

        /// <summary>Set only by the stall scan (passive recycling); a rep cannot pick it.</summary>
        StalledInStage = 100000007,

        /// <summary>Removes the prospect from the waterfall: no nurture.</summary>
        NotAPotentialBuyer = 100000008,

        /// <summary>Removes the record from the waterfall: no nurture.</summary>
        DuplicateOrBadData = 100000009,
    }
}
