namespace LeadRecycle.Schema
{
    public static class Opportunity
    {
        public const string EntityName = "opportunity";
        public const string Id = "opportunityid";
        public const string Name = "name";
        public const string Customer = "customerid";
        public const string ParentAccount = "parentaccountid";
        public const string ParentContact = "parentcontactid";
        public const string OriginatingLead = "originatingleadid";
        public const string EstimatedValue = "estimatedvalue";
        public const string SalesStage = "salesstage";
        public const string StepName = "stepname";
        public const string Description = "description";

        /// <summary>When the deal entered its current stage (stamped by LeadRecycle).</summary>
        public const string StageEnteredOn = "lr_stageenteredon";

        /// <summary>How many times this deal or its lead has already been recycled.</summary>
        public const string RecycleCount = "lr_recyclecount";

        /// <summary>Which stage the deal is in, as a stable key ("salesstage:2" or "stage:GUID").</summary>
        public const string StageKey = "lr_stagekey";

        /// <summary>On track, warning or stalled (set by the stall scan).</summary>
        public const string AgingStatus = "lr_agingstatus";

        public const string StalledOn = "lr_stalledon";

        /// <summary>Whose threshold warned or stalled the deal: its segment, or its whole stage (set only with segments on).</summary>
        public const string StallSegment = "lr_stallsegment";

        /// <summary>By when the owner must move the deal or snooze it before it is returned to nurture.</summary>
        public const string ServiceLevelDue = "lr_servicelevelduedate";

        /// <summary>Until when the owner asked the scan to leave the deal alone.</summary>
        public const string SnoozeUntil = "lr_snoozeuntil";

        /// <summary>Why the owner snoozed the deal: required with a snooze, kept after it ends.</summary>
        public const string SnoozeReason = "lr_snoozereason";

        /// <summary>When the stall scan next reminds the owner that the service level is running out (null: no reminder left).</summary>
        public const string NextReminderOn = "lr_nextreminderon";

        /// <summary>When the stall scan tells the owner's manager about the stalled deal if it has not moved (null: not due).</summary>
        public const string EscalateOn = "lr_escalateon";

        /// <summary>When the stall scan last told the owner's manager.</summary>
        public const string EscalatedOn = "lr_escalatedon";

        /// <summary>
        /// When the nightly scan asked for this lapsed deal's return to nurture. The return itself runs as a
        /// background job per deal (its own transaction), so one deal that cannot be closed never stops the scan.
        /// </summary>
        public const string NurtureRequestedOn = "lr_nurturerequestedon";

        public static class State
        {
            public const int Open = 0;
            public const int Won = 1;
            public const int Lost = 2;
        }

        public static class Status
        {
            public const int InProgress = 1;
            public const int Won = 3;
            public const int Canceled = 4;
            public const int OutSold = 5;
        }
    }
}
