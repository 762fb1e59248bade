namespace LeadRecycle.Schema
{
    /// <summary>lr_stageduration: one finished stay of a deal in a stage, recorded when the stage is left (append-only).</summary>
    public static class StageDuration
    {
        public const string EntityName = "lr_stageduration";
        public const string Id = "lr_stagedurationid";
        public const string Name = "lr_name";
        public const string StageKey = "lr_stagekey";
        public const string Days = "lr_days";
        public const string Opportunity = "lr_opportunityid";
        public const string ExitedOn = "lr_exitedon";

        /// <summary>Set by the scan once the duration is in the stage's statistics.</summary>
        public const string Folded = "lr_folded";
    }
}
