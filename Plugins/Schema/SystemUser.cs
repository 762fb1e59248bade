namespace LeadRecycle.Schema
{
    public static class SystemUser
    {
        public const string EntityName = "systemuser";
        public const string Id = "systemuserid";
        public const string IsDisabled = "isdisabled";
        public const string FullName = "fullname";
        public const string Manager = "parentsystemuserid";
    }
}
