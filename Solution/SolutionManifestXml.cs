using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using static LeadRecycle.Solution.XmlParts;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// Other/Solution.xml is a file makers' exports rewrite (publisher, names, the root components of forms, views,
    /// roles, web resources, the app ...). The code owns three parts of it, which <see cref="Update"/> rewrites and
    /// leaves the rest as it is: the version, the root components of the code-owned component kinds (tables, global
    /// choices, the plug-in assembly, steps) and the missing dependencies on Dynamics 365 Sales.
    /// </summary>
    public static class SolutionManifestXml
    {
        /// <summary>The root component types whose components the code generates.</summary>
        public static readonly IReadOnlyList<int> CodeOwnedRootTypes = new[]
        {
            ComponentTypes.Entity, ComponentTypes.OptionSet, ComponentTypes.PluginAssembly, ComponentTypes.SdkMessageProcessingStep,
        };

        /// <summary>
        /// <paramref name="manifest"/> (a Solution.xml as committed) with the code-owned parts of <paramref name="model"/>:
        /// its code-owned root components first (tables, choices, assemblies, steps), then the others in their order.
        /// </summary>
        public static XElement Update(XElement manifest, SolutionModel model)
        {
            ArgumentNullException.ThrowIfNull(manifest);
            ArgumentNullException.ThrowIfNull(model);
            var updated = new XElement(manifest);
            var solution = updated.Element("SolutionManifest") ?? throw new InvalidDataException("Other/Solution.xml has no SolutionManifest.");
            (solution.Element("Version") ?? throw new InvalidDataException("Other/Solution.xml has no Version.")).Value = model.Version;

            var roots = solution.Element("RootComponents") ?? throw new InvalidDataException("Other/Solution.xml has no RootComponents.");
            var makerOwned = roots.Elements("RootComponent").Where(r => !CodeOwnedRootTypes.Contains((int?)r.Attribute("type") ?? 0)).ToArray();
            roots.ReplaceNodes(CodeOwnedRootComponents(model).Concat(makerOwned));

            var dependencies = MissingDependencies(model);
            var existing = solution.Element("MissingDependencies");
            if (existing == null)
            {
                solution.Add(dependencies);
            }
            else
            {
                existing.ReplaceWith(dependencies);
            }

            return updated;
        }

        public static IEnumerable<XElement> CodeOwnedRootComponents(SolutionModel model)
        {
            ArgumentNullException.ThrowIfNull(model);
            return model.Tables.Select(t => Root(ComponentTypes.Entity, new XAttribute("schemaName", t.LogicalName), t.IsCustom ? 0 : 2))
                .Concat(model.GlobalChoices.Select(c => Root(ComponentTypes.OptionSet, new XAttribute("schemaName", c.Name), 0)))
                .Concat(model.Assemblies.Select(a => Root(ComponentTypes.PluginAssembly, new XAttribute("id", Braced(a.Id)), 0, new XAttribute("schemaName", a.FullName))))
                .Concat(model.Steps.Select(s => Root(ComponentTypes.SdkMessageProcessingStep, new XAttribute("id", Braced(s.Id)), 0)));
        }

        /// <summary>
        /// One MissingDependency per system table of Dynamics 365 Sales that LeadRecycle extends: the table (type 1) is
        /// required from the Sales solution, and the dependent is the same table as this solution carries it (a shell),
        /// the form real exports write for a table the solution includes but another solution provides (Microsoft
        /// Learn, "There was an error calculating dependencies for this component"; public exports such as
        /// <c>&lt;Required type="1" schemaName="msdyn_slakpi" displayName="SLA KPI" solution="…" /&gt;&lt;Dependent type="1"
        /// schemaName="msdyn_slakpi" displayName="SLA KPI" /&gt;</c>). Platform tables are never missing.
        /// </summary>
        public static XElement MissingDependencies(SolutionModel model)
        {
            ArgumentNullException.ThrowIfNull(model);
            return new XElement("MissingDependencies",
                RequiredSolutions.SalesShells(model.Tables).Select(table => new XElement("MissingDependency",
                    new XElement("Required",
                        new XAttribute("type", ComponentTypes.Entity),
                        new XAttribute("schemaName", table.LogicalName),
                        new XAttribute("displayName", table.DisplayName),
                        new XAttribute("solution", RequiredSolutions.Sales)),
                    new XElement("Dependent",
                        new XAttribute("type", ComponentTypes.Entity),
                        new XAttribute("schemaName", table.LogicalName),
                        new XAttribute("displayName", table.DisplayName)))));
        }

        /// <summary>A root component in the attribute order real exports use: type, then id or schemaName (both for an assembly), behavior.</summary>
        private static XElement Root(int type, XAttribute key, int behavior, XAttribute? schemaName = null) =>
            new XElement("RootComponent", new XAttribute("type", type), key, schemaName, new XAttribute("behavior", behavior));
    }
}
