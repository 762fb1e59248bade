namespace LeadRecycle.Schema
{
    /// <summary>The environment variable that holds the whole LeadRecycle policy as JSON.</summary>
    public static class PolicyVariable
    {
        public const string SchemaName = "lr_RecyclePolicy";
    }
}
