namespace LeadRecycle.Schema
{
    /// <summary>
    /// lr_stagestatistic: a stage's running statistics, written only by the scan; with segments on, also one row per
    /// stage and segment, keyed "stage key|segment key".
    /// </summary>
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

        /// <summary>The segment ("column:value") of a stage-and-segment row; empty on a stage's own row.</summary>
        public const string SegmentKey = "lr_segmentkey";

        /// <summary>The segment as people read it (a business unit's name, a choice's label, a band).</summary>
        public const string Segment = "lr_segment";
    }
}
