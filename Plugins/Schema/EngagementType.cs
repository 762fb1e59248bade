namespace LeadRecycle.Schema
{
    /// <summary>lr_engagementtype: what the prospect did.</summary>
    public enum EngagementType
    {
        EmailClick = 100000000,
        FormSubmission = 100000001,
        WebinarAttended = 100000002,
        EmailReply = 100000003,
        MeetingBooked = 100000004,
        WebVisit = 100000005,

        /// <summary>The prospect's 1-4 answer to "how likely to move forward in 30 days" ("Opportunity Nurturing: Sending “Stuff” Isn’t Always the Best Solution").</summary>
        LikelihoodAnswer = 100000006,
    }
}
