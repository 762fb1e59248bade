namespace LeadRecycle.Schema
{
    public static class TaskActivity
    {
        public const string EntityName = "task";
        public const string Subject = "subject";
        public const string Description = "description";
        public const string Regarding = "regardingobjectid";
        public const string ScheduledEnd = "scheduledend";
    }
}
