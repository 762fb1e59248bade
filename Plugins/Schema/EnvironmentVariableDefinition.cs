namespace LeadRecycle.Schema
{
    public static class EnvironmentVariableDefinition
    {
        public const string EntityName = "environmentvariabledefinition";
        public const string Id = "environmentvariabledefinitionid";
        public const string SchemaName = "schemaname";
        public const string DefaultValue = "defaultvalue";
    }
}
