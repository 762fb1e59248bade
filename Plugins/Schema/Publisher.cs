namespace LeadRecycle.Schema
{
    /// <summary>
    /// LeadRecycle's publisher. Schema (this folder) is the one place where LeadRecycle's table, column and choice
    /// names live; the plug-ins, the metadata catalog, the solution checks and the tests use the same constants.
    /// Option values carry the publisher's option-value prefix (10000 -> 100,000,000 + n) and never change: journeys,
    /// segments and reports filter on them.
    /// </summary>
    public static class Publisher
    {
        public const string Prefix = "lr";
        public const int OptionValuePrefix = 10000;
    }
}
