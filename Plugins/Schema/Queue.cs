namespace LeadRecycle.Schema
{
    public static class Queue
    {
        public const string EntityName = "queue";
        public const string Id = "queueid";
    }
}
