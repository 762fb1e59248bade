namespace LeadRecycle.Schema
{
    /// <summary>lr_stagestatistic: a stage's running statistics, written only by the scan.</summary>
    public static class StageStatistic
    {
        public const string EntityName = "lr_stagestatistic";
        public const string Id = "lr_stagestatisticid";
        public const string Name = "lr_name";
        public const string StageKey = "lr_stagekey";
        public const string StageKeyName = "lr_stagekey_key";
        public const string Count = "lr_count";
        public const string MeanDays = "lr_meandays";
        public const string M2 = "lr_m2";
        public const string UpdatedOn = "lr_updatedon";
    }
}
