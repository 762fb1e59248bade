using System.Collections.Generic;

namespace LeadRecycle.Schema
{
    /// <summary>
    /// The words reps and admins see for each choice value. One source: the refusal messages use them and
    /// the metadata catalog writes them into the solution's choices.
    /// </summary>
    public static class Labels
    {
        public static readonly IReadOnlyDictionary<DisqualificationReason, string> Reasons = new Dictionary<DisqualificationReason, string>
        {
            [DisqualificationReason.DecisionMakerChanged] = "Decision maker changed",
            [DisqualificationReason.FundingDelayedOrCancelled] = "Funding delayed or cancelled",
            [DisqualificationReason.PrioritiesChanged] = "Priorities changed",
            [DisqualificationReason.TimingExtendedOrUncertain] = "Timing extended or uncertain",
            [DisqualificationReason.UnableToReach] = "Unable to reach",
            [DisqualificationReason.LostToCompetitor] = "Lost to competitor",
            [DisqualificationReason.NoBudget] = "No budget",
            [DisqualificationReason.StalledInStage] = "Stalled in stage",
            [DisqualificationReason.NotAPotentialBuyer] = "Not a potential buyer",
            [DisqualificationReason.DuplicateOrBadData] = "Duplicate or bad data",
        };

        public static readonly IReadOnlyDictionary<NurtureStream, string> Streams = new Dictionary<NurtureStream, string>
        {
            [NurtureStream.NewStakeholder] = "New stakeholder",
            [NurtureStream.BudgetCycle] = "Budget cycle",
            [NurtureStream.BusinessPriorities] = "Business priorities",
            [NurtureStream.LongTermTiming] = "Long-term timing",
            [NurtureStream.ReEngagement] = "Re-engagement",
            [NurtureStream.CompetitiveDisplacement] = "Competitive displacement",
            [NurtureStream.ValueAndRoi] = "Value and ROI",
            [NurtureStream.StalledDealRequalification] = "Stalled deal re-qualification",
        };

        public static readonly IReadOnlyDictionary<EffortType, string> EffortTypes = new Dictionary<EffortType, string>
        {
            [EffortType.MarketingNurture] = "Marketing nurture",
            [EffortType.TeleprospectingOutreach] = "Teleprospecting outreach",
            [EffortType.ExecutiveOutreach] = "Executive outreach",
            [EffortType.Requalification] = "Re-qualification",
            [EffortType.EventInvitation] = "Event invitation",
        };

        public static readonly IReadOnlyDictionary<LeadDevelopmentStage, string> LeadDevelopmentStages = new Dictionary<LeadDevelopmentStage, string>
        {
            [LeadDevelopmentStage.Inquiry] = "Inquiry",
            [LeadDevelopmentStage.MarketingQualified] = "Marketing qualified",
            [LeadDevelopmentStage.TeleprospectingAccepted] = "Teleprospecting accepted",
            [LeadDevelopmentStage.TeleprospectingQualified] = "Teleprospecting qualified",
        };

        public static readonly IReadOnlyDictionary<Likelihood, string> Likelihoods = new Dictionary<Likelihood, string>
        {
            [Likelihood.One] = "1 - Not in the next 30 days",
            [Likelihood.Two] = "2 - Unlikely",
            [Likelihood.Three] = "3 - Likely",
            [Likelihood.Four] = "4 - Highly likely",
        };

        public static readonly IReadOnlyDictionary<ReturnOutcome, string> ReturnOutcomes = new Dictionary<ReturnOutcome, string>
        {
            [ReturnOutcome.Won] = "Won after return",
            [ReturnOutcome.Lost] = "Lost after return",
        };

        public static readonly IReadOnlyDictionary<RecycleType, string> RecycleTypes = new Dictionary<RecycleType, string>
        {
            [RecycleType.Active] = "Active (sales disqualified)",
            [RecycleType.Passive] = "Passive (stalled)",
        };

        public static readonly IReadOnlyDictionary<AgingStatus, string> AgingStatuses = new Dictionary<AgingStatus, string>
        {
            [AgingStatus.OnTrack] = "On track",
            [AgingStatus.Warning] = "Warning: slow in stage",
            [AgingStatus.Stalled] = "Stalled",
        };

        public static readonly IReadOnlyDictionary<TallySubject, string> TallySubjects = new Dictionary<TallySubject, string>
        {
            [TallySubject.RecycledLeads] = "Recycled leads",
            [TallySubject.OpenDeals] = "Open deals",
        };

        public static readonly IReadOnlyDictionary<EngagementType, string> EngagementTypes = new Dictionary<EngagementType, string>
        {
            [EngagementType.EmailClick] = "Email click",
            [EngagementType.FormSubmission] = "Form submission",
            [EngagementType.WebinarAttended] = "Webinar attended",
            [EngagementType.EmailReply] = "Email reply",
            [EngagementType.MeetingBooked] = "Meeting booked",
            [EngagementType.WebVisit] = "Web visit",
            [EngagementType.LikelihoodAnswer] = "Likelihood answer (1-4)",
        };
    }
}
