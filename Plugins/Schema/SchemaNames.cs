namespace LeadRecycle.Schema
{
    // The one place where LeadRecycle's table, column and choice names live. Both deployable assemblies
    // compile this file; the metadata catalog, the solution checks and the tests use the same constants.
    // Option values carry the publisher's option-value prefix (LeadRecycle: 10000) and never change.

    public static class Publisher
    {
        public const string Prefix = "lr";
        public const int OptionValuePrefix = 10000;
    }

    /// <summary>System columns every table has.</summary>
    public static class CommonColumns
    {
        public const string OwnerId = "ownerid";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string CreatedOn = "createdon";
        public const string ModifiedOn = "modifiedon";
        public const string CreatedBy = "createdby";
        public const string ModifiedBy = "modifiedby";
    }
}
