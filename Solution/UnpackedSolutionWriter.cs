using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// Writes the unpacked solution in the layout SolutionPackager / `pac solution unpack` use (src/Other,
    /// Entities, OptionSets, Roles, Workflows, PluginAssemblies, SdkMessageProcessingSteps, customapis,
    /// environmentvariabledefinitions), so
    /// the folder can also be packed with Microsoft's tools. The plug-in DLLs are not part of it: they are
    /// build output and are added at pack time.
    /// </summary>
    public static class UnpackedSolutionWriter
    {
        /// <summary>The folders this writer owns; regenerating clears them first, so removed components disappear.</summary>
        public static readonly IReadOnlyList<string> GeneratedFolders = new[]
        {
            "Other", "Entities", "OptionSets", "Roles", "Workflows", "PluginAssemblies", "SdkMessageProcessingSteps", "customapis", "environmentvariabledefinitions",
            "AppModules", "AppModuleSiteMaps", "Dashboards", "WebResources",
        };

        /// <summary>Every file of the unpacked solution, by path relative to src/ (forward slashes).</summary>
        public static IReadOnlyDictionary<string, byte[]> Render(SolutionModel model)
        {
            ArgumentNullException.ThrowIfNull(model);
            var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            void Add(string path, XElement root) => files.Add(path, XmlFiles.ToBytes(root));

            // Unpacked as Both (managed and unmanaged from one folder): Managed 2, as pac writes it.
            Add("Other/Solution.xml", ComponentXml.SolutionManifest(model, managed: 2));
            Add("Other/Customizations.xml", ComponentXml.CustomizationsPlaceholders(model));

            var relationships = RelationshipModel.For(model.Tables, model.Publisher.Prefix);
            Add("Other/Relationships.xml", ComponentXml.RelationshipIndex(relationships));
            foreach (var group in relationships.GroupBy(r => r.FileName, StringComparer.Ordinal))
            {
                Add("Other/Relationships/" + group.Key, ComponentXml.RelationshipFile(group, model.Tables.ToArray()));
            }

            foreach (var table in model.Tables)
            {
                Add("Entities/" + SchemaNaming.Table(table) + "/Entity.xml", ComponentXml.Entity(table));
            }

            foreach (var view in model.Views)
            {
                Add("Entities/" + SchemaNaming.Table(view.View.Table) + "/SavedQueries/" + ComponentXml.Braced(view.Id) + ".xml", AppXml.SavedQueries(view, model.FullTable(view.View.Table)));
            }

            foreach (var form in model.Forms)
            {
                Add("Entities/" + SchemaNaming.Table(form.Form.Table) + "/FormXml/" + form.Form.FormType + "/" + ComponentXml.Braced(form.Id) + ".xml", AppXml.Form(form, model.FullTable(form.Form.Table)));
            }

            foreach (var chart in model.Charts)
            {
                Add("Entities/" + SchemaNaming.Table(chart.Chart.Table) + "/Visualizations/" + ComponentXml.Braced(chart.Id) + ".xml", AppXml.Visualization(chart, model.FullTable(chart.Chart.Table)));
            }

            foreach (var table in model.FormCommands.GroupBy(c => c.Table, StringComparer.Ordinal))
            {
                Add("Entities/" + SchemaNaming.Table(model.FullTable(table.Key)) + "/RibbonDiff.xml", RibbonXml.RibbonDiff(table.ToArray()));
            }

            foreach (var resource in model.WebResources)
            {
                // The content as declared (its own bytes); the data.xml beside it, named after it (facts §2).
                files.Add("WebResources/" + resource.Name, resource.WebResource.Content);
                Add("WebResources/" + resource.Name + ".data.xml", ComponentXml.WebResource(resource));
            }

            foreach (var dashboard in model.Dashboards)
            {
                Add("Dashboards/" + ComponentXml.Braced(dashboard.Id) + ".xml", AppXml.Dashboard(dashboard));
            }

            foreach (var app in model.AppModules)
            {
                Add("AppModules/" + app.UniqueName + "/AppModule.xml", AppXml.AppModule(app));
                Add("AppModuleSiteMaps/" + app.UniqueName + "/AppModuleSiteMap.xml", AppXml.AppModuleSiteMap(app));
            }

            foreach (var choice in model.GlobalChoices)
            {
                Add("OptionSets/" + choice.Name + ".xml", ComponentXml.GlobalOptionSet(choice));
            }

            foreach (var assembly in model.Assemblies)
            {
                Add("PluginAssemblies/" + assembly.FolderName + "/" + assembly.DllFileName + ".data.xml", ComponentXml.PluginAssembly(assembly));
            }

            foreach (var step in model.Steps)
            {
                Add("SdkMessageProcessingSteps/" + ComponentXml.Braced(step.Id) + ".xml", ComponentXml.Step(step));
            }

            foreach (var role in model.Roles)
            {
                Add("Roles/" + role.Name + ".xml", ComponentXml.Role(role));
            }

            foreach (var flow in model.CloudFlows)
            {
                // The flow's JSON is copied as declared (no BOM, its own formatting); the data.xml is generated.
                files.Add(flow.JsonPath, flow.Flow.Definition);
                Add(flow.JsonPath + ".data.xml", ComponentXml.CloudFlow(flow));
            }

            foreach (var api in model.CustomApis)
            {
                var folder = "customapis/" + api.UniqueName + "/";
                Add(folder + "customapi.xml", ComponentXml.CustomApi(api));
                foreach (var parameter in api.Api.RequestParameters)
                {
                    Add(folder + "customapirequestparameters/" + parameter.UniqueName + "/customapirequestparameter.xml", ComponentXml.CustomApiRequestParameter(parameter));
                }

                foreach (var property in api.Api.ResponseProperties)
                {
                    Add(folder + "customapiresponseproperties/" + property.UniqueName + "/customapiresponseproperty.xml", ComponentXml.CustomApiResponseProperty(property));
                }
            }

            foreach (var variable in model.EnvironmentVariables)
            {
                Add("environmentvariabledefinitions/" + variable.SchemaName + "/environmentvariabledefinition.xml", ComponentXml.EnvironmentVariable(variable));
            }

            return files;
        }

        /// <summary>Clears the generated folders under <paramref name="sourceFolder"/> and writes the solution there.</summary>
        public static IReadOnlyCollection<string> Write(SolutionModel model, string sourceFolder)
        {
            var files = Render(model);
            Directory.CreateDirectory(sourceFolder);
            foreach (var folder in GeneratedFolders)
            {
                var path = Path.Combine(sourceFolder, folder);
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
            }

            foreach (var (relativePath, content) in files)
            {
                var path = Path.Combine(sourceFolder, relativePath.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, content);
            }

            return files.Keys.ToArray();
        }

        /// <summary>The files under the generated folders of <paramref name="sourceFolder"/>, as written on disk.</summary>
        public static IReadOnlyDictionary<string, byte[]> ReadGenerated(string sourceFolder)
        {
            var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var folder in GeneratedFolders)
            {
                var root = Path.Combine(sourceFolder, folder);
                if (!Directory.Exists(root))
                {
                    continue;
                }

                foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
                {
                    var relative = Path.GetRelativePath(sourceFolder, path).Replace(Path.DirectorySeparatorChar, '/');
                    // A DLL placed by pac unpack or a local pack is build output, not generated source.
                    if (!relative.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                    {
                        files.Add(relative, File.ReadAllBytes(path));
                    }
                }
            }

            return files;
        }
    }
}
