using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.Solution;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>One component file of an unpacked solution: its path under src/ (forward slashes) and its component element.</summary>
    internal sealed record SourceComponent(string Path, XElement Element)
    {
        /// <summary>The logical name of the table whose folder holds the file (Entities/&lt;SchemaName&gt;/...), or null.</summary>
        public string? Table { get; init; }
    }

    /// <summary>
    /// An unpacked solution folder (src/) read the way SolutionPackager reads it: each maker-owned component file with the
    /// element the packer inlines into customizations.xml (a form's systemform, a view's savedquery, a chart's
    /// visualization ...).
    /// </summary>
    internal sealed class UnpackedSource
    {
        public UnpackedSource(string folder)
        {
            Folder = folder;
        }

        public static UnpackedSource Product { get; } = new UnpackedSource(SolutionFixture.ProductSource);

        public string Folder { get; }

        public XElement Manifest => Load("Other/Solution.xml");

        public XElement Customizations => Load("Other/Customizations.xml");

        public IReadOnlyList<SourceComponent> Forms => TableParts("FormXml/*/*.xml", root => root.Elements("systemform"));

        public IReadOnlyList<SourceComponent> Views => TableParts("SavedQueries/*.xml", root => root.Elements("savedquery"));

        public IReadOnlyList<SourceComponent> Charts => TableParts("Visualizations/*.xml", root => new[] { root });

        public IReadOnlyList<SourceComponent> Ribbons => TableParts("RibbonDiff.xml", root => new[] { root });

        public IReadOnlyList<SourceComponent> Dashboards => Files("Dashboards", "*.xml");

        public IReadOnlyList<SourceComponent> AppModules => Files("AppModules", "AppModule.xml");

        public IReadOnlyList<SourceComponent> SiteMaps => Files("AppModuleSiteMaps", "AppModuleSiteMap.xml");

        public IReadOnlyList<SourceComponent> Roles => Files("Roles", "*.xml");

        public IReadOnlyList<SourceComponent> WebResources => Files("WebResources", "*.data.xml");

        public IReadOnlyList<SourceComponent> Workflows => Files("Workflows", "*.data.xml");

        public IReadOnlyList<SourceComponent> EnvironmentVariables => Files("environmentvariabledefinitions", "environmentvariabledefinition.xml");

        /// <summary>Every table folder's logical name (Entity.xml's Name, lower-cased as logical names are) and folder name.</summary>
        public IReadOnlyList<(string Table, string FolderName)> Tables =>
            Directory.EnumerateFiles(Path.Combine(Folder, "Entities"), "Entity.xml", SearchOption.AllDirectories)
                .Select(f => (((string)XmlFiles.Load(f).Element("Name")!).ToLowerInvariant(), Path.GetFileName(Path.GetDirectoryName(f)!)))
                .OrderBy(t => t.Item1, StringComparer.Ordinal)
                .ToArray();

        /// <summary>Every maker-owned component: forms, views, charts, ribbons, dashboards, the app, its site map, roles, web resources, flows.</summary>
        public IEnumerable<SourceComponent> MakerOwned =>
            Forms.Concat(Views).Concat(Charts).Concat(Ribbons).Concat(Dashboards).Concat(AppModules).Concat(SiteMaps).Concat(Roles).Concat(WebResources).Concat(Workflows);

        public XElement Load(string relativePath) => XmlFiles.Load(Path.Combine(Folder, relativePath.Replace('/', Path.DirectorySeparatorChar)));

        public byte[] Bytes(string relativePath) => File.ReadAllBytes(Path.Combine(Folder, relativePath.Replace('/', Path.DirectorySeparatorChar)));

        private IReadOnlyList<SourceComponent> Files(string folder, string pattern)
        {
            var root = Path.Combine(Folder, folder);
            return Directory.Exists(root)
                ? Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal)
                    .Select(p => new SourceComponent(Relative(p), XmlFiles.Load(p))).ToArray()
                : Array.Empty<SourceComponent>();
        }

        /// <summary>The parts of each table folder matching <paramref name="pattern"/> (one wildcard level per segment).</summary>
        private IReadOnlyList<SourceComponent> TableParts(string pattern, Func<XElement, IEnumerable<XElement>> components)
        {
            var found = new List<SourceComponent>();
            foreach (var (table, folderName) in Tables)
            {
                var folders = new[] { Path.Combine(Folder, "Entities", folderName) }.AsEnumerable();
                var segments = pattern.Split('/');
                foreach (var segment in segments[..^1])
                {
                    folders = folders.SelectMany(f => segment == "*" ? Directory.EnumerateDirectories(f) : new[] { Path.Combine(f, segment) }).Where(Directory.Exists);
                }

                foreach (var file in folders.SelectMany(f => Directory.EnumerateFiles(f, segments[^1])).OrderBy(p => p, StringComparer.Ordinal))
                {
                    found.AddRange(components(XmlFiles.Load(file)).Select(e => new SourceComponent(Relative(file), e) { Table = table }));
                }
            }

            return found;
        }

        private string Relative(string path) => Path.GetRelativePath(Folder, path).Replace(Path.DirectorySeparatorChar, '/');
    }
}
