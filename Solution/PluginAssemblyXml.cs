using System.Linq;
using System.Xml.Linq;
using static LeadRecycle.Solution.XmlParts;

namespace LeadRecycle.Solution
{
    /// <summary>PluginAssemblies/&lt;Name&gt;-&lt;GUID&gt;/&lt;Name&gt;.dll.data.xml: the deployable assembly and its plug-in types.</summary>
    public static class PluginAssemblyXml
    {
        public static XElement PluginAssembly(PluginAssemblyModel assembly) =>
            new XElement("PluginAssembly",
                new XAttribute("FullName", assembly.FullName),
                new XAttribute("PluginAssemblyId", assembly.Id.ToString("D")),
                new XAttribute("CustomizationLevel", 1),
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
                // 2 sandbox isolation; 0 stored in the database.
                new XElement("IsolationMode", 2),
                new XElement("SourceType", 0),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                new XElement("FileName", "/" + assembly.ZipPath),
                new XElement("PluginTypes", assembly.Types.Select(PluginType)));

        private static XElement PluginType(PluginTypeModel type) =>
            new XElement("PluginType",
                new XAttribute("AssemblyQualifiedName", type.AssemblyQualifiedName),
                new XAttribute("PluginTypeId", type.Id.ToString("D")),
                new XAttribute("Name", type.FullName),
                new XElement("FriendlyName", type.FullName));
    }
}
