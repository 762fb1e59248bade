namespace LeadRecycle.Schema
{
    /// <summary>
    /// The out-of-the-box "Opportunity Sales Process" business process flow: one instance row per opportunity,
    /// whose active stage changes by Update (docs/research/dataverse-behaviour.md B.4).
    /// </summary>
    public static class OpportunitySalesProcess
    {
        public const string EntityName = "opportunitysalesprocess";
        public const string Id = "businessprocessflowinstanceid";
        public const string Opportunity = "opportunityid";
        public const string ActiveStage = "activestageid";
        public const string ActiveStageStartedTime = "activestagestartedtime";
    }
}
