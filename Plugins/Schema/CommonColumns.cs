namespace LeadRecycle.Schema
{
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
