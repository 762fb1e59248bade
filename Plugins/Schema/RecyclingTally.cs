namespace LeadRecycle.Schema
{
    /// <summary>
    /// lr_recyclingtally: the totals behind the app's charts, one row per month of creation and group (recycled leads
    /// by nurture stream and reason; open deals by stage), kept exact by the stall scan by paging through the records.
    /// A chart sums a few thousand of these rows at most, so it stays right where an aggregate over the records
    /// themselves stops at 50,000 rows.
    /// </summary>
    public static class RecyclingTally
    {
        public const string EntityName = "lr_recyclingtally";
        public const string Id = "lr_recyclingtallyid";
        public const string Name = "lr_name";

        /// <summary>Subject, month and group in one string, unique (alternate key): one row per group and month.</summary>
        public const string TallyKey = "lr_tallykey";
        public const string TallyKeyName = "lr_tallykey_key";
        public const string Subject = "lr_subject";

        /// <summary>The first day (UTC) of the month the counted records were created in.</summary>
        public const string Month = "lr_month";
        public const string NurtureStream = "lr_nurturestream";
        public const string Reason = "lr_reason";
        public const string StageKey = "lr_stagekey";
        public const string Stage = "lr_stage";

        public const string Recycled = "lr_recycled";
        public const string Nurturing = "lr_nurturing";
        public const string Returned = "lr_returned";
        public const string Removed = "lr_removed";
        public const string Cancelled = "lr_cancelled";
        public const string Expired = "lr_expired";
        public const string WonAfterReturn = "lr_wonafterreturn";
        public const string RevenueWonAfterReturn = "lr_revenuewonafterreturn";
        public const string RecycledValue = "lr_recycledvalue";
        public const string ReturnedValue = "lr_returnedvalue";

        public const string OpenDeals = "lr_opendeals";
        public const string OpenValue = "lr_openvalue";
        public const string WarnedDeals = "lr_warneddeals";
        public const string WarnedValue = "lr_warnedvalue";
        public const string StalledDeals = "lr_stalleddeals";
        public const string StalledValue = "lr_stalledvalue";

        /// <summary>When the scan last recounted this row's month.</summary>
        public const string TalliedOn = "lr_talliedon";
    }
}
