namespace LeadRecycle.Schema
{
    public static class Team
    {
        public const string EntityName = "team";
    }
}
