using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// The files of src/ whose source of truth is code, in the layout SolutionPackager / `pac solution unpack` use:
    /// the tables (Entities/&lt;table&gt;/Entity.xml) with their relationships (Other/Relationships*) and global choices
    /// (OptionSets/) from the metadata catalog; the plug-in assembly (PluginAssemblies/), its steps
    /// (SdkMessageProcessingSteps/) and Custom APIs (customapis/) from the plug-ins' declarations; and the code-owned
    /// parts of Other/Solution.xml (<see cref="SolutionManifestXml"/>). Everything else under src/ (forms, views,
    /// charts, dashboards, the app and its site map, ribbons, roles, web resources, cloud flows, environment variables,
    /// Customizations.xml) is what makers edit and Microsoft's tools write; the generator never touches it.
    /// </summary>
    public static class CodeOwnedFiles
    {
        public const string SolutionManifestPath = "Other/Solution.xml";

        /// <summary>Whether <paramref name="relativePath"/> (under src/, forward slashes) is a file the code generates.</summary>
        public static bool IsCodeOwned(string relativePath)
        {
            ArgumentNullException.ThrowIfNull(relativePath);
            var parts = relativePath.Split('/');
            // A DLL placed by pac unpack or a local pack is build output, not generated source.
            if (relativePath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            return parts[0] switch
            {
                "OptionSets" or "PluginAssemblies" or "SdkMessageProcessingSteps" or "customapis" => true,
                "Entities" => parts.Length == 3 && parts[2] == "Entity.xml",
                "Other" => relativePath is SolutionManifestPath or "Other/Relationships.xml" || (parts.Length == 3 && parts[1] == "Relationships"),
                _ => false,
            };
        }

        /// <summary>Every code-owned file, by path relative to src/; Solution.xml is <paramref name="committedManifest"/> updated.</summary>
        public static IReadOnlyDictionary<string, byte[]> Render(SolutionModel model, XElement committedManifest)
        {
            ArgumentNullException.ThrowIfNull(model);
            var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            void Add(string path, XElement root) => files.Add(path, XmlFiles.ToBytes(root));

            Add(SolutionManifestPath, SolutionManifestXml.Update(committedManifest, model));

            var relationships = RelationshipModel.For(model.Tables, model.PublisherPrefix);
            Add("Other/Relationships.xml", RelationshipXml.RelationshipIndex(relationships));
            foreach (var group in relationships.GroupBy(r => r.FileName, StringComparer.Ordinal))
            {
                Add("Other/Relationships/" + group.Key, RelationshipXml.RelationshipFile(group, model.Tables.ToArray()));
            }

            foreach (var table in model.Tables)
            {
                Add("Entities/" + SchemaNaming.Table(table) + "/Entity.xml", EntityXml.Entity(table));
            }

            foreach (var choice in model.GlobalChoices)
            {
                Add("OptionSets/" + choice.Name + ".xml", OptionSetXml.GlobalOptionSet(choice));
            }

            foreach (var assembly in model.Assemblies)
            {
                Add("PluginAssemblies/" + assembly.FolderName + "/" + assembly.DllFileName + ".data.xml", PluginAssemblyXml.PluginAssembly(assembly));
            }

            foreach (var step in model.Steps)
            {
                Add("SdkMessageProcessingSteps/" + XmlParts.Braced(step.Id) + ".xml", StepXml.Step(step));
            }

            foreach (var api in model.CustomApis)
            {
                var folder = "customapis/" + api.UniqueName + "/";
                Add(folder + "customapi.xml", CustomApiXml.CustomApi(api));
                foreach (var parameter in api.Api.RequestParameters)
                {
                    Add(folder + "customapirequestparameters/" + parameter.UniqueName + "/customapirequestparameter.xml", CustomApiXml.CustomApiRequestParameter(parameter));
                }

                foreach (var property in api.Api.ResponseProperties)
                {
                    Add(folder + "customapiresponseproperties/" + property.UniqueName + "/customapiresponseproperty.xml", CustomApiXml.CustomApiResponseProperty(property));
                }
            }

            return files;
        }

        /// <summary>
        /// Regenerates the code-owned files of <paramref name="sourceFolder"/>: deletes the committed ones (so a removed
        /// step or table disappears) and writes the current ones. Other/Solution.xml must exist: it is updated, not created.
        /// </summary>
        public static IReadOnlyCollection<string> Write(SolutionModel model, string sourceFolder)
        {
            var files = Render(model, XmlFiles.Load(Path.Combine(sourceFolder, "Other", "Solution.xml")));
            foreach (var relativePath in ReadCommitted(sourceFolder).Keys)
            {
                File.Delete(Path.Combine(sourceFolder, relativePath.Replace('/', Path.DirectorySeparatorChar)));
            }

            foreach (var (relativePath, content) in files)
            {
                var path = Path.Combine(sourceFolder, relativePath.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, content);
            }

            RemoveEmptyFolders(sourceFolder);
            return files.Keys.ToArray();
        }

        /// <summary>The code-owned files of <paramref name="sourceFolder"/> as they are on disk.</summary>
        public static IReadOnlyDictionary<string, byte[]> ReadCommitted(string sourceFolder)
        {
            var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var path in Directory.EnumerateFiles(sourceFolder, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(sourceFolder, path).Replace(Path.DirectorySeparatorChar, '/');
                if (IsCodeOwned(relative))
                {
                    files.Add(relative, File.ReadAllBytes(path));
                }
            }

            return files;
        }

        private static void RemoveEmptyFolders(string folder)
        {
            foreach (var child in Directory.EnumerateDirectories(folder))
            {
                RemoveEmptyFolders(child);
                if (!Directory.EnumerateFileSystemEntries(child).Any())
                {
                    Directory.Delete(child);
                }
            }
        }
    }
}
