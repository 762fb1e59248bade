using System;
using System.Collections.Generic;

namespace LeadRecycle.Solution
{
    public sealed record PluginTypeModel(Guid Id, string FullName, string AssemblyQualifiedName);

    public sealed record PluginAssemblyModel(Guid Id, string Name, string FullName, IReadOnlyList<PluginTypeModel> Types)
    {
        /// <summary>The file name stem Dataverse export uses: the assembly name with its dots removed.</summary>
        public string FileStem => Name.Replace(".", string.Empty, StringComparison.Ordinal);

        public string FolderName => FileStem + "-" + Id.ToString("D").ToUpperInvariant();

        public string DllFileName => FileStem + ".dll";

        /// <summary>The path of the DLL inside the zip, as written in the assembly's FileName element.</summary>
        public string ZipPath => "PluginAssemblies/" + FolderName + "/" + DllFileName;
    }
}
