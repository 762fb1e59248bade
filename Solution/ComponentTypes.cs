namespace LeadRecycle.Solution
{
    /// <summary>
    /// Solution component type codes (solutioncomponent.componenttype, Microsoft Learn "SolutionComponent table/entity
    /// reference") that root components and app module components use.
    /// </summary>
    public static class ComponentTypes
    {
        public const int Entity = 1;
        public const int OptionSet = 9;
        public const int Role = 20;
        public const int SavedQuery = 26;
        public const int Workflow = 29;
        public const int SavedQueryVisualization = 59;
        public const int SystemForm = 60;
        public const int WebResource = 61;
        public const int SiteMap = 62;
        public const int AppModule = 80;
        public const int PluginAssembly = 91;
        public const int SdkMessageProcessingStep = 92;
    }
}
