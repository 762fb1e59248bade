using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.Metadata;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>
    /// What the maker-owned XML of an unpacked solution names, checked against what exists: every table and column a
    /// form, view (fetchxml and layoutxml), chart, dashboard, site map, app module or ribbon names must be in the
    /// metadata catalog; every view, chart, dashboard, role, web resource, relationship or site map they point at must be in
    /// src/. Each problem names the file, so a maker's export that breaks a reference says where.
    /// </summary>
    internal static class MakerXmlReferences
    {
        /// <summary>The product's catalog: the platform tables LeadRecycle knows, with LeadRecycle's tables and columns.</summary>
        public static MetadataCatalog ProductCatalog { get; } = new MetadataCatalog(SystemTables.All.Concat(LeadRecycleTables.All));

        public static IReadOnlyList<string> TableAndColumnProblems(UnpackedSource source, MetadataCatalog catalog)
        {
            var problems = new List<string>();
            void Table(string path, string? table)
            {
                if (table == null || catalog.Find(table) == null)
                {
                    problems.Add($"{path} names table '{table}', which the catalog does not declare.");
                }
            }

            void Column(string path, string? table, string? column)
            {
                var found = table == null ? null : catalog.Find(table);
                if (found == null)
                {
                    Table(path, table);
                }
                else if (column == null || found.FindColumn(column) == null)
                {
                    problems.Add($"{path} names column '{table}.{column}', which the catalog does not declare.");
                }
            }

            foreach (var form in source.Forms)
            {
                foreach (var field in form.Element.Descendants("control").Attributes("datafieldname"))
                {
                    Column(form.Path, form.Table, field.Value);
                }

                foreach (var target in form.Element.Descendants("TargetEntityType"))
                {
                    Table(form.Path, target.Value);
                }
            }

            foreach (var view in source.Views)
            {
                var fetch = view.Element.Element("fetchxml")!.Element("fetch")!;
                Fetch(view.Path, fetch, Table, Column);
                var entity = (string?)fetch.Element("entity")!.Attribute("name");
                if (entity != view.Table)
                {
                    problems.Add($"{view.Path} queries '{entity}' from the folder of '{view.Table}'.");
                }

                var grid = view.Element.Element("layoutxml")!.Element("grid")!;
                Column(view.Path, view.Table, (string?)grid.Attribute("jump"));
                foreach (var row in grid.Elements("row"))
                {
                    Column(view.Path, view.Table, (string?)row.Attribute("id"));
                    foreach (var cell in row.Elements("cell").Attributes("name").Select(a => a.Value))
                    {
                        // A cell of a linked table is written alias.column; its column is checked through the fetch's link-entity.
                        if (!cell.Contains('.', StringComparison.Ordinal))
                        {
                            Column(view.Path, view.Table, cell);
                        }
                    }
                }
            }

            foreach (var chart in source.Charts)
            {
                var definition = XElement.Parse((string)chart.Element.Element("datadescription")!);
                foreach (var fetch in definition.Descendants("fetch"))
                {
                    Fetch(chart.Path, fetch, Table, Column);
                }
            }

            foreach (var dashboard in source.Dashboards)
            {
                foreach (var target in dashboard.Element.Descendants("TargetEntityType"))
                {
                    Table(dashboard.Path, target.Value);
                }
            }

            foreach (var siteMap in source.SiteMaps)
            {
                foreach (var entity in siteMap.Element.Descendants("SubArea").Attributes("Entity"))
                {
                    Table(siteMap.Path, entity.Value);
                }
            }

            foreach (var app in source.AppModules)
            {
                foreach (var component in app.Element.Descendants("AppModuleComponent").Where(c => (string?)c.Attribute("type") == "1"))
                {
                    Table(app.Path, (string?)component.Attribute("schemaName"));
                }
            }

            foreach (var ribbon in source.Ribbons)
            {
                // Mscrm.Form.<table>.…: a command bar location names its table.
                foreach (var location in ribbon.Element.Descendants("CustomAction").Attributes("Location").Select(a => a.Value.Split('.')))
                {
                    if (location.Length < 3 || location[2] != ribbon.Table)
                    {
                        problems.Add($"{ribbon.Path} places a command at '{string.Join(".", location)}', not on a form of '{ribbon.Table}'.");
                    }
                }
            }

            return problems;
        }

        /// <summary>Views, charts, dashboards, roles, web resources, relationships and site maps that maker XML points at and src/ lacks.</summary>
        public static IReadOnlyList<string> ComponentProblems(UnpackedSource source)
        {
            var problems = new List<string>();
            var views = Ids(source.Views.Select(v => (string?)v.Element.Element("savedqueryid")));
            var charts = Ids(source.Charts.Select(c => (string?)c.Element.Element("savedqueryvisualizationid")));
            var dashboards = Ids(source.Dashboards.Select(d => (string?)d.Element.Element("FormId")));
            var forms = Ids(source.Forms.Select(f => (string?)f.Element.Element("formid")));
            var roles = Ids(source.Roles.Select(r => (string?)r.Element.Attribute("id")));
            var siteMaps = source.SiteMaps.Select(s => (string?)s.Element.Element("SiteMapUniqueName")).ToHashSet(StringComparer.Ordinal);
            var webResources = source.WebResources.ToDictionary(w => (string)w.Element.Element("Name")!, w => (string)w.Element.Element("WebResourceType")!, StringComparer.Ordinal);
            var relationships = source.Load("Other/Relationships.xml").Elements("EntityRelationship").Select(r => (string)r.Attribute("Name")!).ToHashSet(StringComparer.Ordinal);
            void Require(string path, string what, string? id, ISet<string> known)
            {
                if (id == null || !known.Contains(id.ToLowerInvariant()))
                {
                    problems.Add($"{path} shows {what} '{id}', which is not in src/.");
                }
            }

            foreach (var part in source.Forms.Concat(source.Dashboards))
            {
                foreach (var parameters in part.Element.Descendants("parameters"))
                {
                    // An empty id (a sub-grid's VisualizationId when it shows no chart) points at nothing.
                    if (parameters.Element("ViewId") is { Value.Length: > 0 } view)
                    {
                        Require(part.Path, "view", view.Value, views);
                    }

                    if (parameters.Element("VisualizationId") is { Value.Length: > 0 } chart)
                    {
                        Require(part.Path, "chart", chart.Value, charts);
                    }

                    if (parameters.Element("RelationshipName") is { } relationship && !relationships.Contains(relationship.Value))
                    {
                        problems.Add($"{part.Path} lists records through relationship '{relationship.Value}', which is not in src/Other/Relationships.xml.");
                    }
                }
            }

            foreach (var siteMap in source.SiteMaps)
            {
                foreach (var dashboard in siteMap.Element.Descendants("SubArea").Attributes("DefaultDashboard"))
                {
                    Require(siteMap.Path, "dashboard", dashboard.Value, dashboards);
                }
            }

            foreach (var app in source.AppModules)
            {
                foreach (var component in app.Element.Descendants("AppModuleComponent"))
                {
                    switch ((string?)component.Attribute("type"))
                    {
                        case "60":
                            Require(app.Path, "form or dashboard", (string?)component.Attribute("id"), new HashSet<string>(forms.Concat(dashboards)));
                            break;
                        case "62" when !siteMaps.Contains((string?)component.Attribute("schemaName")):
                            problems.Add($"{app.Path} shows site map '{(string?)component.Attribute("schemaName")}', which is not in src/.");
                            break;
                    }
                }

                foreach (var role in app.Element.Element("AppModuleRoleMaps")?.Elements("Role") ?? Enumerable.Empty<XElement>())
                {
                    Require(app.Path, "role", (string?)role.Attribute("id"), roles);
                }
            }

            foreach (var ribbon in source.Ribbons)
            {
                foreach (var library in ribbon.Element.Descendants().Attributes("Library"))
                {
                    RequireWebResource(ribbon.Path, library.Value, WebResourceTypes.JScript);
                }

                foreach (var image in ribbon.Element.Descendants().Attributes("ModernImage"))
                {
                    RequireWebResource(ribbon.Path, image.Value, WebResourceTypes.Svg);
                }
            }

            void RequireWebResource(string path, string reference, string type)
            {
                const string Prefix = "$webresource:";
                var name = reference.StartsWith(Prefix, StringComparison.Ordinal) ? reference[Prefix.Length..] : reference;
                if (!webResources.TryGetValue(name, out var actual) || actual != type)
                {
                    problems.Add($"{path} runs '{reference}', which is not a web resource of type {type} in src/.");
                }
            }

            return problems;
        }

        /// <summary>A fetch's entity and link-entities: each names a table, each attribute, order and condition a column of it.</summary>
        private static void Fetch(string path, XElement fetch, Action<string, string?> table, Action<string, string?, string?> column)
        {
            foreach (var entity in fetch.Elements("entity").Concat(fetch.Descendants("link-entity")))
            {
                var name = (string?)entity.Attribute("name");
                table(path, name);
                var own = entity.Elements("attribute").Attributes("name")
                    .Concat(entity.Elements("order").Attributes("attribute"))
                    .Concat(entity.Elements("filter").DescendantsAndSelf("filter").Elements("condition").Attributes("attribute"))
                    .Concat(entity.Attributes(entity.Name == "link-entity" ? "from" : "none"));
                foreach (var attribute in own)
                {
                    column(path, name, attribute.Value);
                }
            }
        }

        private static HashSet<string> Ids(IEnumerable<string?> ids) => ids.OfType<string>().Select(i => i.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>webresourcetype codes (Microsoft Learn, "Web resources for model-driven apps").</summary>
    internal static class WebResourceTypes
    {
        public const string Html = "1";
        public const string Css = "2";
        public const string JScript = "3";
        public const string Svg = "11";
    }
}
