using System.Collections.Generic;
using LeadRecycle.Framework;

namespace LeadRecycle.Solution
{
    /// <summary>A deployable assembly: its full name (identical for the net462 and the current-.NET build) and classes.</summary>
    public sealed record PluginAssemblyDeclaration(string Name, string FullName, IReadOnlyList<PluginTypeDeclaration> Types);

    /// <summary>
    /// A registered plug-in class with what it declares in the product's own types: its steps and, when it is a Custom
    /// API's main operation, that API.
    /// </summary>
    public sealed record PluginTypeDeclaration(string FullName, IReadOnlyList<PluginStep> Steps, CustomApiDefinition? CustomApi = null);
}
