namespace LeadRecycle.Schema
{
    public static class QueueItem
    {
        public const string EntityName = "queueitem";
        public const string Queue = "queueid";
        public const string Object = "objectid";
        public const string Title = "title";
    }
}
