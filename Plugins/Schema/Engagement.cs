namespace LeadRecycle.Schema
{
    /// <summary>lr_engagement: one thing the prospect did while nurtured (written by journeys, flows or people).</summary>
    public static class Engagement
    {
        public const string EntityName = "lr_engagement";
        public const string Id = "lr_engagementid";
        public const string Name = "lr_name";
        public const string RecycledLead = "lr_recycledleadid";
        public const string Type = "lr_type";

        /// <summary>Points for this event; when empty the policy's points for its type apply.</summary>
        public const string Points = "lr_points";
        public const string OccurredOn = "lr_occurredon";
        public const string Source = "lr_source";

        /// <summary>The 1-4 answer, for a likelihood answer.</summary>
        public const string Likelihood = "lr_likelihood";

        /// <summary>
        /// Optional: the sender's own id for the interaction (a Customer Insights – Journeys IdempotencyId or journey-run id).
        /// Its alternate key makes a replayed interaction a duplicate-key refusal instead of a second score.
        /// </summary>
        public const string ExternalId = "lr_externalid";

        public const string ExternalIdKeyName = "lr_externalid_key";
    }
}
