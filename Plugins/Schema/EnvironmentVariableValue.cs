namespace LeadRecycle.Schema
{
    public static class EnvironmentVariableValue
    {
        public const string EntityName = "environmentvariablevalue";
        public const string Definition = "environmentvariabledefinitionid";
        public const string Value = "value";
    }
}
