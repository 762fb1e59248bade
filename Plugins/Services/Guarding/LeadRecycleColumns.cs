using System.Collections.Generic;
using LeadRecycle.Schema;

namespace LeadRecycle.Services.Guarding
{
    /// <summary>
    /// The columns LeadRecycle alone writes, with the labels people see on the forms. They steer what SYSTEM does:
    /// the stage clock and aging feed the stall thresholds of everyone's deals; a recycled lead's source, original
    /// owner and status decide which deal SYSTEM reopens and to whom it hands a prospect. A person's role may let
    /// them write the record (a rep owns the deal, marketing works the recycled lead), so the platform's security
    /// alone cannot protect these columns; Dataverse's column security would hide them from reading too.
    /// </summary>
    public static class LeadRecycleColumns
    {
        public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Guarded = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [Opportunity.EntityName] = new Dictionary<string, string>
            {
                [Opportunity.StageEnteredOn] = "Stage entered on",
                [Opportunity.StageKey] = "Stage key",
                [Opportunity.AgingStatus] = "Aging status",
                [Opportunity.StalledOn] = "Stalled on",
                [Opportunity.StallSegment] = "Stall threshold",
                [Opportunity.ServiceLevelDue] = "Service level due",
                [Opportunity.RecycleCount] = "Recycle count",
                [Opportunity.NurtureRequestedOn] = "Return to nurture requested on",
                [Opportunity.NextReminderOn] = "Next reminder on",
                [Opportunity.EscalateOn] = "Escalate on",
                [Opportunity.EscalatedOn] = "Escalated on",
            },
            [Lead.EntityName] = new Dictionary<string, string>
            {
                [Lead.RecycleCount] = "Recycle count",
                [Lead.LastActivityOn] = "Last activity on",
                [Lead.NurtureRequestedOn] = "Return to nurture requested on",
                [Lead.RecycledLead] = "Returned from recycled lead",
                [Lead.ReturnKey] = "Return key",
            },
            [RecycledLead.EntityName] = new Dictionary<string, string>
            {
                [RecycledLead.SourceKey] = "Source key",
                [RecycledLead.Opportunity] = "Original opportunity",
                [RecycledLead.OriginatingLead] = "Originating lead",
                [RecycledLead.OriginalOwner] = "Original owner",
                [RecycledLead.OriginalTeam] = "Original owner team",
                [RecycledLead.Reason] = "Reason",
                [RecycledLead.RecycleType] = "Recycle type",
                [RecycledLead.RecycleCount] = "Recycle count",
                [RecycledLead.RecycledOn] = "Recycled on",
                [RecycledLead.ReturnedOn] = "Returned on",
                [RecycledLead.ReturnedTo] = "Returned to",
                [RecycledLead.ReturnedLead] = "Returned as lead",
                [RecycledLead.StageAtRecycle] = "Stage at recycle",
                [RecycledLead.DaysInStage] = "Days in stage",
                [RecycledLead.EngagementThreshold] = "Engagement threshold",
                [RecycledLead.ReturnBlocked] = "Return blocked",
            },
        };

        /// <summary>The tables the stall scan maintains: no person creates or changes their rows.</summary>
        public static readonly IReadOnlyCollection<string> ScanOwnedTables = new[] { StageDuration.EntityName, StageStatistic.EntityName, RecyclingTally.EntityName };
    }
}
