namespace LeadRecycle.Schema
{
    /// <summary>The Return-to-Nurture checklist: the same columns on opportunityclose (the close dialog) and on lead.</summary>
    public static class ChecklistColumns
    {
        public const string Reason = "lr_reason";
        public const string Background = "lr_background";
        public const string EffortType = "lr_efforttype";
        public const string TargetStage = "lr_targetstage";
        public const string Likelihood = "lr_likelihood";
        public const string DecisionCriteria = "lr_decisioncriteria";
        public const string Impediments = "lr_impediments";
        public const string WhoIsInvolved = "lr_whoisinvolved";
    }
}
