using LeadRecycle.Framework;

namespace LeadRecycle.Solution
{
    /// <summary>A Custom API with the plug-in type (already in the solution) that implements it.</summary>
    public sealed record CustomApiModel(CustomApiDefinition Api, PluginTypeModel PluginType)
    {
        public string UniqueName => Api.UniqueName;
    }
}
