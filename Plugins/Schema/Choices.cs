namespace LeadRecycle.Schema
{
    // Global choices. Values carry the publisher's option-value prefix (10000 -> 100,000,000 + n) and are
    // stable forever: journeys, segments and reports filter on them.

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

    /// <summary>lr_nurturestream: the marketing program a recycled lead is nurtured in.</summary>
    public enum NurtureStream
    {
        NewStakeholder = 100000000,
        BudgetCycle = 100000001,
        BusinessPriorities = 100000002,
        LongTermTiming = 100000003,
        ReEngagement = 100000004,
        CompetitiveDisplacement = 100000005,
        ValueAndRoi = 100000006,
        StalledDealRequalification = 100000007,
    }

    /// <summary>lr_efforttype: the type of effort the prospect needs next (seed 000: "designate the type of effort").</summary>
    public enum EffortType
    {
        MarketingNurture = 100000000,
        TeleprospectingOutreach = 100000001,
        ExecutiveOutreach = 100000002,
        Requalification = 100000003,
        EventInvitation = 100000004,
    }

    /// <summary>lr_leaddevelopmentstage: where in lead development the prospect re-enters.</summary>
    public enum LeadDevelopmentStage
    {
        Inquiry = 100000000,
        MarketingQualified = 100000001,
        TeleprospectingAccepted = 100000002,
        TeleprospectingQualified = 100000003,
    }

    /// <summary>lr_likelihood: the prospect's own answer, 1 to 4, to "how likely are we to move forward in 30 days" (seed 003).</summary>
    public enum Likelihood
    {
        One = 100000001,
        Two = 100000002,
        Three = 100000003,
        Four = 100000004,
    }

    /// <summary>lr_recycletype: active (sales disqualified) or passive (the deal stalled).</summary>
    public enum RecycleType
    {
        Active = 100000000,
        Passive = 100000001,
    }

    /// <summary>lr_returnoutcome: how the sales effort a recycled lead went back to ended (closed-loop attribution).</summary>
    public enum ReturnOutcome
    {
        Won = 100000000,
        Lost = 100000001,
    }

    /// <summary>lr_agingstatus: where a deal stands against its stage's threshold.</summary>
    public enum AgingStatus
    {
        OnTrack = 100000000,
        Warning = 100000001,
        Stalled = 100000002,
    }

    /// <summary>lr_engagementtype: what the prospect did.</summary>
    public enum EngagementType
    {
        EmailClick = 100000000,
        FormSubmission = 100000001,
        WebinarAttended = 100000002,
        EmailReply = 100000003,
        MeetingBooked = 100000004,
        WebVisit = 100000005,

        /// <summary>The prospect's 1-4 answer to "how likely to move forward in 30 days" (seed 003).</summary>
        LikelihoodAnswer = 100000006,
    }

    public static class LikelihoodScale
    {
        /// <summary>The 1-4 answer behind a choice value.</summary>
        public static int ToScore(Likelihood likelihood) => (int)likelihood - 100000000;
    }
}
