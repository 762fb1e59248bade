namespace LeadRecycle.Schema
{
    public static class OpportunityClose
    {
        public const string EntityName = "opportunityclose";
        public const string Id = "activityid";
        public const string Opportunity = "opportunityid";
        public const string Subject = "subject";
        public const string ActualEnd = "actualend";
        public const string Description = "description";

        /// <summary>The revenue the close records; Win copies it to the opportunity's actual value.</summary>
        public const string ActualRevenue = "actualrevenue";

        /// <summary>The status the close gives the opportunity (3 Won; 4, 5 or a custom value for a loss).</summary>
        public const string OpportunityStatusCode = "opportunitystatuscode";
    }
}
