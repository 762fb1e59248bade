using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// Packs the unpacked solution (src/) into the two zips Dataverse imports, the way SolutionPackager does it:
    /// solution.xml with Managed 0 or 1, every XML piece inlined into customizations.xml in the root order of
    /// the placeholders (roles, cloud flows' Workflow elements, assemblies, steps ...), plug-in DLLs at the path
    /// their FileName names, each flow's .json at its JsonFileName, Custom APIs and environment variable definitions
    /// as separate files, and an OPC [Content_Types].xml. Entries are deflated, use forward slashes, carry a fixed
    /// timestamp (same input, same bytes) and there are no directory entries.
    /// </summary>
    public static class SolutionPacker
    {
        /// <summary>Zip entries carry this timestamp so two packs of the same input are byte-identical.</summary>
        private static readonly DateTimeOffset EntryTimestamp = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

        /// <summary>The top-level folders of src/ this packer packs.</summary>
        private static readonly HashSet<string> SupportedTopLevel = new HashSet<string>(StringComparer.Ordinal)
        {
            "Other", "Entities", "OptionSets", "Roles", "Workflows", "PluginAssemblies", "SdkMessageProcessingSteps", "customapis", "environmentvariabledefinitions",
            "AppModules", "AppModuleSiteMaps", "Dashboards", "WebResources",
        };

        /// <summary>The form types a table's FormXml/ holds, one folder each (facts §2).</summary>
        public static readonly IReadOnlyList<string> FormTypes = new[] { "main", "quick", "quickCreate" };

        public sealed record PackResult(string ManagedZip, string UnmanagedZip);

        /// <summary>Writes LeadRecycle_&lt;version&gt;_managed.zip and _unmanaged.zip into <paramref name="outputFolder"/>.</summary>
        public static PackResult Pack(string sourceFolder, string outputFolder, IEnumerable<string> assemblyFiles)
        {
            var manifest = XmlFiles.Load(Path.Combine(sourceFolder, "Other", "Solution.xml"));
            var solutionManifest = manifest.Element("SolutionManifest") ?? throw new InvalidDataException("Other/Solution.xml has no SolutionManifest.");
            var uniqueName = (string?)solutionManifest.Element("UniqueName") ?? throw new InvalidDataException("Other/Solution.xml has no UniqueName.");
            var version = (string?)solutionManifest.Element("Version") ?? throw new InvalidDataException("Other/Solution.xml has no Version.");
            var files = assemblyFiles.ToArray();

            Directory.CreateDirectory(outputFolder);
            var managed = Path.Combine(outputFolder, $"{uniqueName}_{version}_managed.zip");
            var unmanaged = Path.Combine(outputFolder, $"{uniqueName}_{version}_unmanaged.zip");
            File.WriteAllBytes(managed, BuildZip(sourceFolder, managedZip: true, files));
            File.WriteAllBytes(unmanaged, BuildZip(sourceFolder, managedZip: false, files));
            return new PackResult(managed, unmanaged);
        }

        /// <summary>One zip. <paramref name="assemblyFiles"/> are the built DLLs; a DLL is matched to its
        /// PluginAssembly by file name (the assembly name without dots, as the unpacked layout names it).</summary>
        public static byte[] BuildZip(string sourceFolder, bool managedZip, IReadOnlyCollection<string> assemblyFiles)
        {
            RefuseUnsupportedContent(sourceFolder);
            var entries = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            var customizations = XmlFiles.Load(Path.Combine(sourceFolder, "Other", "Customizations.xml"));

            Fill(customizations, "Entities", ReadEntities(sourceFolder));
            Fill(customizations, "Roles", ReadAll(sourceFolder, "Roles", "*.xml"));
            var workflows = ReadAll(sourceFolder, "Workflows", "*.data.xml").ToArray();
            Fill(customizations, "Workflows", workflows);
            Fill(customizations, "EntityRelationships", ReadAll(sourceFolder, "Other/Relationships", "*.xml").SelectMany(r => r.Elements("EntityRelationship")));
            Fill(customizations, "optionsets", ReadAll(sourceFolder, "OptionSets", "*.xml"));
            var assemblies = ReadAll(sourceFolder, "PluginAssemblies", "*.dll.data.xml").ToArray();
            Fill(customizations, "Dashboards", ReadAll(sourceFolder, "Dashboards", "*.xml"));
            var webResources = ReadWebResources(sourceFolder).ToArray();
            Fill(customizations, "WebResources", webResources.Select(w => w.Data));
            Fill(customizations, "SolutionPluginAssemblies", assemblies);
            Fill(customizations, "SdkMessageProcessingSteps", ReadAll(sourceFolder, "SdkMessageProcessingSteps", "*.xml"));
            Fill(customizations, "AppModuleSiteMaps", ReadAll(sourceFolder, "AppModuleSiteMaps", "AppModuleSiteMap.xml"));
            Fill(customizations, "AppModules", ReadAll(sourceFolder, "AppModules", "AppModule.xml"));

            foreach (var assembly in assemblies)
            {
                var fileName = ((string?)assembly.Element("FileName") ?? throw new InvalidDataException($"PluginAssembly {(string?)assembly.Attribute("FullName")} has no FileName."))
                    .TrimStart('/');
                entries.Add(fileName, File.ReadAllBytes(FindDll(sourceFolder, fileName, assemblyFiles)));
            }

            // A web resource's content goes to the extension-less part its FileName names.
            foreach (var (data, content) in webResources)
            {
                entries.Add(((string?)data.Element("FileName") ?? throw new InvalidDataException($"Web resource {(string?)data.Element("Name")} has no FileName.")).TrimStart('/'), content);
            }

            // A flow's definition (.json) or a classic process's .xaml stays a file at the path its data.xml names.
            foreach (var workflow in workflows)
            {
                var fileName = ((string?)workflow.Element("JsonFileName") ?? (string?)workflow.Element("XamlFileName")
                    ?? throw new InvalidDataException($"Workflow {(string?)workflow.Attribute("Name")} names neither a JsonFileName nor a XamlFileName.")).TrimStart('/');
                var path = Path.Combine(sourceFolder, fileName.Replace('/', Path.DirectorySeparatorChar));
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException($"Workflow {(string?)workflow.Attribute("Name")} names {fileName}, which is not in src/.");
                }

                entries.Add(fileName, File.ReadAllBytes(path));
            }

            // Custom APIs and environment variable definitions stay separate files, at the same paths as in src/.
            foreach (var folder in new[] { "customapis", "environmentvariabledefinitions" })
            {
                var root = Path.Combine(sourceFolder, folder);
                if (!Directory.Exists(root))
                {
                    continue;
                }

                foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
                {
                    entries.Add(Path.GetRelativePath(sourceFolder, path).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes(path));
                }
            }

            var manifest = XmlFiles.Load(Path.Combine(sourceFolder, "Other", "Solution.xml"));
            var managedElement = manifest.Element("SolutionManifest")?.Element("Managed") ?? throw new InvalidDataException("Other/Solution.xml has no SolutionManifest/Managed.");
            managedElement.Value = managedZip ? "1" : "0";

            entries.Add("solution.xml", XmlFiles.ToBytes(manifest));
            entries.Add("customizations.xml", XmlFiles.ToBytes(customizations));
            entries.Add("[Content_Types].xml", XmlFiles.ToBytes(ContentTypes(entries.Keys.Append("[Content_Types].xml"))));
            return Zip(entries);
        }

        /// <summary>OPC content types: one Default per extension present, an Override per extension-less part.</summary>
        public static XElement ContentTypes(IEnumerable<string> entryNames)
        {
            XNamespace ns = "http://schemas.openxmlformats.org/package/2006/content-types";
            var names = entryNames.ToArray();
            var extensions = names.Select(n => Path.GetExtension(n).TrimStart('.')).Where(e => e.Length > 0)
                .Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(e => e, StringComparer.Ordinal);
            var extensionless = names.Where(n => Path.GetExtension(n).Length == 0).OrderBy(n => n, StringComparer.Ordinal);
            return new XElement(ns + "Types",
                extensions.Select(e => new XElement(ns + "Default", new XAttribute("Extension", e), new XAttribute("ContentType", "application/octet-stream"))),
                extensionless.Select(n => new XElement(ns + "Override", new XAttribute("PartName", "/" + n), new XAttribute("ContentType", "application/octet-stream"))));
        }

        private static byte[] Zip(SortedDictionary<string, byte[]> entries)
        {
            // The three root files first, as Dataverse writes them; the rest in path order.
            var order = new[] { "[Content_Types].xml", "solution.xml", "customizations.xml" };
            var ordered = order.Select(n => new KeyValuePair<string, byte[]>(n, entries[n]))
                .Concat(entries.Where(e => !order.Contains(e.Key, StringComparer.Ordinal)));
            using var stream = new MemoryStream();
            using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var (name, content) in ordered)
                {
                    var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
                    entry.LastWriteTime = EntryTimestamp;
                    using var entryStream = entry.Open();
                    entryStream.Write(content);
                }
            }

            return stream.ToArray();
        }

        /// <summary>
        /// Each Entity.xml with its forms and views inlined: FormXml/&lt;type&gt;/*.xml become one
        /// &lt;forms type="&lt;type&gt;"&gt; per folder (the folder gives the type), SavedQueries/*.xml one &lt;savedqueries&gt;.
        /// </summary>
        private static IEnumerable<XElement> ReadEntities(string sourceFolder)
        {
            var root = Path.Combine(sourceFolder, "Entities");
            if (!Directory.Exists(root))
            {
                yield break;
            }

            foreach (var path in Directory.EnumerateFiles(root, "Entity.xml", SearchOption.AllDirectories)
                .OrderBy(p => Path.GetRelativePath(root, p).Replace(Path.DirectorySeparatorChar, '/'), StringComparer.Ordinal))
            {
                var entity = XmlFiles.Load(path);
                var folder = Path.GetDirectoryName(path)!;
                RequirePlaceholders(sourceFolder, folder, entity);

                var formXml = entity.Element("FormXml");
                var formsFolder = Path.Combine(folder, "FormXml");
                if (Directory.Exists(formsFolder))
                {
                    foreach (var typeFolder in Directory.EnumerateDirectories(formsFolder).OrderBy(Path.GetFileName, StringComparer.Ordinal))
                    {
                        var forms = new XElement("forms", new XAttribute("type", Path.GetFileName(typeFolder)));
                        forms.Add(SortedFiles(typeFolder).SelectMany(f => XmlFiles.Load(f).Elements("systemform")));
                        formXml!.Add(forms);
                    }
                }

                var savedQueries = entity.Element("SavedQueries");
                var viewsFolder = Path.Combine(folder, "SavedQueries");
                if (Directory.Exists(viewsFolder))
                {
                    savedQueries!.Add(new XElement("savedqueries", SortedFiles(viewsFolder).SelectMany(f => XmlFiles.Load(f).Elements("savedquery"))));
                }

                // Charts: Visualizations/*.xml become the <visualization> elements of the entity's <Visualizations>.
                var visualizations = entity.Element("Visualizations");
                var chartsFolder = Path.Combine(folder, "Visualizations");
                if (Directory.Exists(chartsFolder))
                {
                    var charts = SortedFiles(chartsFolder).Select(XmlFiles.Load).ToArray();
                    foreach (var chart in charts)
                    {
                        chart.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
                    }

                    visualizations!.Add(charts);
                }

                // RibbonDiff.xml replaces the entity's empty RibbonDiffXml placeholder (facts §3.1).
                var ribbonFile = Path.Combine(folder, "RibbonDiff.xml");
                if (File.Exists(ribbonFile))
                {
                    var ribbon = XmlFiles.Load(ribbonFile);
                    ribbon.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
                    entity.Element("RibbonDiffXml")!.ReplaceWith(ribbon);
                }

                // The 9.0 XSD requires at least one <savedqueries> inside <SavedQueries>; an empty placeholder is dropped,
                // and so is an empty <Visualizations>, which carries nothing.
                foreach (var empty in new[] { savedQueries, visualizations }.Where(e => e is { HasElements: false }))
                {
                    empty!.Remove();
                }

                yield return entity;
            }
        }

        /// <summary>
        /// SolutionPackager inlines a table's forms, views, charts and ribbon only into the matching empty element of its
        /// Entity.xml and skips the part silently when the element is missing; this packer refuses instead, so that a
        /// src/ it packs is one pac solution pack packs the same way.
        /// </summary>
        private static void RequirePlaceholders(string sourceFolder, string folder, XElement entity)
        {
            foreach (var (element, part) in EntityXml.EntityPlaceholderParts)
            {
                var present = Directory.Exists(Path.Combine(folder, part)) || File.Exists(Path.Combine(folder, part));
                if (present && entity.Element(element) == null)
                {
                    var relative = Path.GetRelativePath(sourceFolder, folder).Replace(Path.DirectorySeparatorChar, '/');
                    throw new InvalidDataException($"{relative}/Entity.xml has no <{element} /> placeholder for {relative}/{part}: SolutionPackager would drop it from the zip.");
                }
            }
        }

        /// <summary>Each WebResources/**/&lt;name&gt;.data.xml with the content file beside it (the same path without .data.xml).</summary>
        private static IEnumerable<(XElement Data, byte[] Content)> ReadWebResources(string sourceFolder)
        {
            var root = Path.Combine(sourceFolder, "WebResources");
            if (!Directory.Exists(root))
            {
                yield break;
            }

            foreach (var dataFile in Directory.EnumerateFiles(root, "*.data.xml", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal))
            {
                var contentFile = dataFile[..^".data.xml".Length];
                if (!File.Exists(contentFile))
                {
                    throw new FileNotFoundException($"{Path.GetRelativePath(sourceFolder, dataFile)} has no content file beside it ({Path.GetFileName(contentFile)}).");
                }

                yield return (XmlFiles.Load(dataFile), File.ReadAllBytes(contentFile));
            }
        }

        private static IEnumerable<string> SortedFiles(string folder) =>
            Directory.EnumerateFiles(folder, "*.xml").OrderBy(Path.GetFileName, StringComparer.Ordinal);

        private static IEnumerable<XElement> ReadAll(string sourceFolder, string folder, string pattern)
        {
            var root = Path.Combine(sourceFolder, folder.Replace('/', Path.DirectorySeparatorChar));
            if (!Directory.Exists(root))
            {
                return Array.Empty<XElement>();
            }

            return Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories)
                .OrderBy(p => Path.GetRelativePath(root, p).Replace(Path.DirectorySeparatorChar, '/'), StringComparer.Ordinal)
                .Select(XmlFiles.Load)
                .ToArray();
        }

        private static void Fill(XElement customizations, string placeholder, IEnumerable<XElement> children)
        {
            var items = children.ToArray();
            if (items.Length == 0)
            {
                return;
            }

            var target = customizations.Element(placeholder)
                ?? throw new InvalidDataException($"Other/Customizations.xml has no <{placeholder}> placeholder for the {items.Length} component(s) found.");
            foreach (var item in items)
            {
                // Drop the per-file xmlns:xsi declarations; the pieces do not use the prefix.
                item.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
                target.Add(item);
            }
        }

        private static string FindDll(string sourceFolder, string zipPath, IReadOnlyCollection<string> assemblyFiles)
        {
            var unpacked = Path.Combine(sourceFolder, zipPath.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(unpacked))
            {
                return unpacked;
            }

            var fileName = Path.GetFileName(zipPath);
            var built = assemblyFiles.FirstOrDefault(f => string.Equals(Path.GetFileName(f).Replace(".", string.Empty, StringComparison.Ordinal), Path.GetFileNameWithoutExtension(fileName) + "dll", StringComparison.OrdinalIgnoreCase));
            if (built == null || !File.Exists(built))
            {
                throw new FileNotFoundException($"The DLL for {zipPath} was not found: neither in src/ nor among the built assemblies ({string.Join(", ", assemblyFiles)}). Build the .NET Framework target first.");
            }

            return built;
        }

        /// <summary>What an Entities/&lt;S&gt;/ folder may hold: the table, its forms (by type folder), its views and its charts.</summary>
        private static readonly HashSet<string> EntityParts = new HashSet<string>(new[] { "Entity.xml", "FormXml", "SavedQueries", "Visualizations", "RibbonDiff.xml" }, StringComparer.Ordinal);

        /// <summary>Parts this packer cannot pack (a folder it does not know, a form type folder it does not know) stop it, rather than vanish from the zip.</summary>
        private static void RefuseUnsupportedContent(string sourceFolder)
        {
            var unsupported = Directory.EnumerateDirectories(sourceFolder).Select(Path.GetFileName)
                .Where(n => n != null && !SupportedTopLevel.Contains(n))
                .Concat(Directory.Exists(Path.Combine(sourceFolder, "Entities"))
                    ? Directory.EnumerateFileSystemEntries(Path.Combine(sourceFolder, "Entities"), "*", SearchOption.AllDirectories)
                        .Where(p => Directory.GetParent(p)?.Parent?.Name == "Entities" && !EntityParts.Contains(Path.GetFileName(p)))
                        .Concat(Directory.EnumerateDirectories(Path.Combine(sourceFolder, "Entities"), "FormXml", SearchOption.AllDirectories)
                            .SelectMany(Directory.EnumerateFileSystemEntries)
                            .Where(p => !FormTypes.Contains(Path.GetFileName(p), StringComparer.Ordinal)))
                        .Select(p => "Entities/" + Path.GetRelativePath(Path.Combine(sourceFolder, "Entities"), p).Replace(Path.DirectorySeparatorChar, '/'))
                    : Array.Empty<string>())
                .ToArray();
            if (unsupported.Length > 0)
            {
                throw new NotSupportedException($"src/ holds parts the LeadRecycle packer does not pack yet: {string.Join(", ", unsupported)}. Pack with SolutionPackager or extend SolutionPacker.");
            }
        }
    }
}
