using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.Metadata;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// The XML of the model-driven app's parts: system views (Entities/&lt;S&gt;/SavedQueries/{id}.xml), system forms
    /// (Entities/&lt;S&gt;/FormXml/&lt;type&gt;/{id}.xml), the app module (AppModules/&lt;name&gt;/AppModule.xml) and its site
    /// map (AppModuleSiteMaps/&lt;name&gt;/AppModuleSiteMap.xml), facts §2. Where real exports carry elements the 9.0 XSD
    /// does not know (the app's statecode, OptimizedFor, NavigationType; the site map's ShowHome ...), they are left out and
    /// Dataverse applies its defaults.
    /// </summary>
    public static class AppXml
    {
        /// <summary>The default app icon web resource real exports reference (facts §2).</summary>
        public const string DefaultAppIconWebResourceId = "953b9fac-1e5e-e611-80d6-00155ded156f";

        private static string Lang => SolutionModel.LanguageCode.ToString(CultureInfo.InvariantCulture);

        // ---- views --------------------------------------------------------------------------------------

        public static XElement SavedQueries(ViewModel view, TableMetadata table)
        {
            ArgumentNullException.ThrowIfNull(view);
            ArgumentNullException.ThrowIfNull(table);
            var declaration = view.View;
            var savedQuery = new XElement("savedquery",
                new XElement("IsCustomizable", 1),
                new XElement("CanBeDeleted", declaration.QueryType == ViewDeclaration.PublicView && !declaration.IsDefault ? 1 : 0),
                new XElement("isquickfindquery", declaration.QueryType == ViewDeclaration.QuickFindView ? 1 : 0),
                new XElement("isprivate", 0),
                new XElement("isdefault", declaration.IsDefault || declaration.QueryType != ViewDeclaration.PublicView ? 1 : 0),
                new XElement("savedqueryid", ComponentXml.Braced(view.Id)),
                new XElement("layoutxml", Layout(declaration, table)),
                new XElement("querytype", declaration.QueryType),
                new XElement("fetchxml", Fetch(declaration, table)),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                Labels("LocalizedNames", "LocalizedName", declaration.Name));
            if (declaration.Description != null)
            {
                savedQuery.Add(Labels("Descriptions", "Description", declaration.Description));
            }

            return new XElement("savedqueries", new XAttribute(XNamespace.Xmlns + "xsi", ComponentXml.Xsi), savedQuery);
        }

        private static XElement Layout(ViewDeclaration view, TableMetadata table) =>
            new XElement("grid",
                new XAttribute("name", "resultset"),
                new XAttribute("jump", table.PrimaryNameColumn),
                new XAttribute("select", 1),
                new XAttribute("icon", 1),
                new XAttribute("preview", 1),
                new XElement("row",
                    new XAttribute("name", "result"),
                    new XAttribute("id", table.PrimaryIdColumn),
                    view.Columns.Select(c => new XElement("cell", new XAttribute("name", c.Name), new XAttribute("width", c.Width)))));

        /// <summary>The view's FetchXML: the grid's columns (and the primary id), its orders, then its filters.</summary>
        public static XElement Fetch(ViewDeclaration view, TableMetadata table)
        {
            ArgumentNullException.ThrowIfNull(view);
            ArgumentNullException.ThrowIfNull(table);
            var entity = new XElement("entity", new XAttribute("name", table.LogicalName));
            var attributes = new[] { table.PrimaryIdColumn }.Concat(view.Columns.Select(c => c.Name)).Distinct(StringComparer.Ordinal);
            entity.Add(attributes.Select(a => new XElement("attribute", new XAttribute("name", a))));
            entity.Add(view.Orders.Select(o => new XElement("order", new XAttribute("attribute", o.Attribute), new XAttribute("descending", o.Descending ? "true" : "false"))));
            if (view.Conditions.Count > 0)
            {
                entity.Add(new XElement("filter", new XAttribute("type", "and"), view.Conditions.Select(Condition)));
            }

            if (view.FindColumns.Count > 0)
            {
                entity.Add(new XElement("filter", new XAttribute("type", "or"), new XAttribute("isquickfindfields", 1),
                    view.FindColumns.Select(c => new XElement("condition", new XAttribute("attribute", c), new XAttribute("operator", "like"), new XAttribute("value", "{0}")))));
            }

            return new XElement("fetch", new XAttribute("version", "1.0"), new XAttribute("mapping", "logical"), entity);
        }

        private static XElement Condition(ViewCondition condition)
        {
            var element = new XElement("condition", new XAttribute("attribute", condition.Attribute), new XAttribute("operator", condition.Operator));
            if (condition.Value != null)
            {
                element.Add(new XAttribute("value", condition.Value));
            }

            return element;
        }

        // ---- forms --------------------------------------------------------------------------------------

        /// <summary>A system form; the folder (FormXml/&lt;type&gt;) gives its type on pack, so the file does not.</summary>
        public static XElement Form(FormModel form, TableMetadata table)
        {
            ArgumentNullException.ThrowIfNull(form);
            ArgumentNullException.ThrowIfNull(table);
            var declaration = form.Form;
            var tab = new XElement("tab",
                new XAttribute("name", "general"),
                new XAttribute("id", ComponentXml.Braced(DeterministicGuid.ForFormPart(form.Id, "tab:general"))),
                new XAttribute("IsUserDefined", 0),
                new XAttribute("verticallayout", "true"),
                new XAttribute("expanded", "true"),
                new XAttribute("showlabel", "false"),
                FormLabels("General"),
                new XElement("columns", new XElement("column", new XAttribute("width", "100%"),
                    new XElement("sections", declaration.Sections.Select(s => Section(form.Id, s, table))))));
            var systemForm = new XElement("systemform",
                new XElement("formid", ComponentXml.Braced(form.Id)),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                new XElement("FormPresentation", 1),
                new XElement("FormActivationState", 1),
                new XElement("form", new XElement("tabs", tab)),
                new XElement("IsCustomizable", 1),
                new XElement("CanBeDeleted", 1),
                Labels("LocalizedNames", "LocalizedName", declaration.Name));
            if (declaration.Description != null)
            {
                systemForm.Add(Labels("Descriptions", "Description", declaration.Description));
            }

            return new XElement("forms", new XAttribute(XNamespace.Xmlns + "xsi", ComponentXml.Xsi), systemForm);
        }

        private static XElement Section(Guid formId, FormSection section, TableMetadata table) =>
            new XElement("section",
                new XAttribute("name", section.Name),
                new XAttribute("showlabel", "true"),
                new XAttribute("showbar", "false"),
                new XAttribute("id", ComponentXml.Braced(DeterministicGuid.ForFormPart(formId, "section:" + section.Name))),
                new XAttribute("IsUserDefined", 0),
                new XAttribute("columns", 1),
                FormLabels(section.Label),
                new XElement("rows", section.Subgrid != null
                    ? new[] { SubgridRow(formId, section, section.Subgrid) }
                    : section.Fields.Select(f => Row(formId, section, table.FindColumn(f)
                        ?? throw new InvalidOperationException($"Form field '{table.LogicalName}.{f}' is not a column of the table.")))));

        /// <summary>A sub-grid cell: the related records through the relationship, in the named system view.</summary>
        private static XElement SubgridRow(Guid formId, FormSection section, FormSubgrid subgrid)
        {
            var viewId = ComponentXml.Braced(DeterministicGuid.ForView(subgrid.ViewKey));
            return new XElement("row", new XElement("cell",
                new XAttribute("id", ComponentXml.Braced(DeterministicGuid.ForFormPart(formId, "cell:" + section.Name + "/subgrid"))),
                new XAttribute("showlabel", "true"),
                new XAttribute("rowspan", 4),
                FormLabels(section.Label),
                new XElement("control",
                    new XAttribute("id", section.Name),
                    new XAttribute("classid", SubgridClassId),
                    new XAttribute("indicationOfSubgrid", "true"),
                    new XElement("parameters",
                        new XElement("ViewId", viewId),
                        new XElement("IsUserView", "false"),
                        new XElement("RelationshipName", subgrid.Relationship),
                        new XElement("TargetEntityType", subgrid.Table),
                        new XElement("AutoExpand", "Fixed"),
                        new XElement("EnableQuickFind", "false"),
                        new XElement("EnableViewPicker", "false"),
                        new XElement("ViewIds", viewId),
                        new XElement("EnableJumpBar", "false"),
                        new XElement("ChartGridMode", "Grid"),
                        new XElement("VisualizationId"),
                        new XElement("IsUserChart", "false"),
                        new XElement("EnableChartPicker", "false"),
                        new XElement("RecordsPerPage", subgrid.RecordsPerPage)))));
        }

        private static XElement Row(Guid formId, FormSection section, ColumnMetadata column) =>
            new XElement("row", new XElement("cell",
                new XAttribute("id", ComponentXml.Braced(DeterministicGuid.ForFormPart(formId, "cell:" + section.Name + "/" + column.LogicalName))),
                new XAttribute("showlabel", "true"),
                FormLabels(column.DisplayName),
                new XElement("control",
                    new XAttribute("id", column.LogicalName),
                    new XAttribute("classid", ControlClassId(column)),
                    new XAttribute("datafieldname", column.LogicalName),
                    new XAttribute("disabled", "false"))));

        /// <summary>The platform's control class per column type (the ids real form XML uses).</summary>
        public static string ControlClassId(ColumnMetadata column)
        {
            ArgumentNullException.ThrowIfNull(column);
            return column.Type switch
            {
                ColumnType.String => "{4273EDBD-AC1D-40d3-9FB2-095C621B552D}",
                ColumnType.Memo => "{E0DECE4B-6FC8-4a8f-A065-082708572369}",
                ColumnType.Integer or ColumnType.BigInt => "{C6D124CA-7EDA-4a60-AEA9-7FB8D318B68F}",
                ColumnType.Decimal => "{C3EFE0C3-0EC6-42be-8349-CBD9079DFD8E}",
                ColumnType.Double => "{0D2C745A-E5A8-4c8f-BA63-C6D3BB604660}",
                ColumnType.Money => "{533B9E00-756B-4312-95A0-DC888637AC78}",
                ColumnType.Boolean => "{67FAC785-CD58-4f9f-ABB3-4B7DDC6ED5ED}",
                ColumnType.DateTime => "{5B773807-9FB2-42db-97C3-7A91EFF8ADFF}",
                ColumnType.Picklist or ColumnType.State => "{3EF39988-22BB-4f0b-BBBE-64B5A3748AEE}",
                ColumnType.Status => "{5D68B988-0661-4db2-BC3E-17598AD3BE6C}",
                ColumnType.Lookup or ColumnType.Owner or ColumnType.Customer => "{270BD3DB-D9AF-4782-9025-509E298DEC0A}",
                _ => throw new InvalidOperationException($"Column '{column.LogicalName}' ({column.Type}) cannot be placed on a form."),
            };
        }

        // ---- charts -------------------------------------------------------------------------------------

        /// <summary>The alias of a chart's measure (the count) in its FetchXML and category collection.</summary>
        public const string MeasureAlias = "aggregate_column";

        /// <summary>
        /// A system chart, Entities/&lt;S&gt;/Visualizations/{id}.xml (facts §2). Its datadescription (the aggregate FetchXML
        /// and the category collection) and presentationdescription (the chart control's XML) are stored as text, as
        /// real exports store them.
        /// </summary>
        public static XElement Visualization(ChartModel chart, TableMetadata table)
        {
            ArgumentNullException.ThrowIfNull(chart);
            ArgumentNullException.ThrowIfNull(table);
            var declaration = chart.Chart;
            var element = new XElement("visualization",
                new XAttribute(XNamespace.Xmlns + "xsi", ComponentXml.Xsi),
                new XElement("savedqueryvisualizationid", ComponentXml.Braced(chart.Id)),
                new XElement("datadescription", DataDescription(declaration, table).ToString(SaveOptions.DisableFormatting)),
                new XElement("presentationdescription", PresentationDescription(declaration).ToString(SaveOptions.DisableFormatting)),
                new XElement("isdefault", 0),
                new XElement("IsCustomizable", 1),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                Labels("LocalizedNames", "LocalizedName", declaration.Name));
            if (declaration.Description != null)
            {
                element.Add(Labels("Descriptions", "Description", declaration.Description));
            }

            return element;
        }

        /// <summary>The chart's data: count of the primary id grouped by the category (and series) column, one measure.</summary>
        public static XElement DataDescription(ChartDeclaration chart, TableMetadata table)
        {
            ArgumentNullException.ThrowIfNull(chart);
            ArgumentNullException.ThrowIfNull(table);
            var entity = new XElement("entity", new XAttribute("name", table.LogicalName),
                new XElement("attribute", new XAttribute("alias", MeasureAlias), new XAttribute("name", table.PrimaryIdColumn), new XAttribute("aggregate", "count")),
                new XElement("attribute", new XAttribute("groupby", "true"), new XAttribute("alias", "groupby_column"), new XAttribute("name", chart.Category)));
            if (chart.Series != null)
            {
                entity.Add(new XElement("attribute", new XAttribute("groupby", "true"), new XAttribute("alias", "series_column"), new XAttribute("name", chart.Series)));
            }

            if (chart.Conditions.Count > 0)
            {
                entity.Add(new XElement("filter", new XAttribute("type", "and"), chart.Conditions.Select(Condition)));
            }

            return new XElement("datadefinition",
                new XElement("fetchcollection",
                    new XElement("fetch", new XAttribute("mapping", "logical"), new XAttribute("aggregate", "true"), entity)),
                new XElement("categorycollection",
                    new XElement("category",
                        new XElement("measurecollection",
                            new XElement("measure", new XAttribute("alias", MeasureAlias))))));
        }

        /// <summary>The chart control's XML: a column chart, stacked when the chart has a series column.</summary>
        public static XElement PresentationDescription(ChartDeclaration chart)
        {
            ArgumentNullException.ThrowIfNull(chart);
            var stacked = chart.Series != null;
            var series = new XElement("Series",
                new XAttribute("ChartType", stacked ? "StackedColumn" : "Column"),
                new XAttribute("IsValueShownAsLabel", "True"),
                new XAttribute("Font", "{0}, 9.5px"),
                new XAttribute("LabelForeColor", "59, 59, 59"),
                new XAttribute("CustomProperties", "PointWidth=0.75, MaxPixelPointWidth=40"),
                new XElement("SmartLabelStyle", new XAttribute("Enabled", "True")));
            var axisStyle = new XAttribute("LineColor", "165, 172, 181");
            var result = new XElement("Chart",
                new XAttribute("Palette", "None"),
                new XAttribute("PaletteCustomColors", "55,118,193; 197,56,52; 149,189,66; 117,82,160; 49,171,204; 255,136,35"),
                new XElement("Series", series),
                new XElement("ChartAreas",
                    new XElement("ChartArea", new XAttribute("BorderColor", "White"), new XAttribute("BorderDashStyle", "Solid"),
                        new XElement("AxisY", new XAttribute("LabelAutoFitMinFontSize", "8"), new XAttribute("TitleForeColor", "59, 59, 59"), new XAttribute("TitleFont", "{0}, 10.5px"), axisStyle,
                            new XElement("MajorGrid", new XAttribute("LineColor", "239, 242, 246")),
                            new XElement("MajorTickMark", new XAttribute("LineColor", "165, 172, 181")),
                            new XElement("LabelStyle", new XAttribute("Font", "{0}, 10.5px"), new XAttribute("ForeColor", "59, 59, 59"))),
                        new XElement("AxisX", new XAttribute("LabelAutoFitMinFontSize", "8"), new XAttribute("TitleForeColor", "59, 59, 59"), new XAttribute("TitleFont", "{0}, 10.5px"), new XAttribute("LineColor", "165, 172, 181"),
                            new XElement("MajorGrid", new XAttribute("Enabled", "False")),
                            new XElement("MajorTickMark", new XAttribute("Enabled", "False")),
                            new XElement("LabelStyle", new XAttribute("Font", "{0}, 10.5px"), new XAttribute("ForeColor", "59, 59, 59"))))),
                new XElement("Titles",
                    new XElement("Title", new XAttribute("Alignment", "TopLeft"), new XAttribute("DockingOffset", "-3"), new XAttribute("Font", "{0}, 13px"), new XAttribute("ForeColor", "59, 59, 59"))));
            if (stacked)
            {
                result.Add(new XElement("Legends",
                    new XElement("Legend", new XAttribute("Alignment", "Center"), new XAttribute("LegendStyle", "Table"), new XAttribute("Docking", "Right"),
                        new XAttribute("IsEquallySpacedItems", "True"), new XAttribute("Font", "{0}, 11px"), new XAttribute("ForeColor", "59, 59, 59"))));
            }

            return result;
        }

        // ---- dashboards ---------------------------------------------------------------------------------

        /// <summary>The platform's sub-grid control, which also draws a chart on a dashboard (ChartGridMode Chart).</summary>
        public const string SubgridClassId = "{E7A81278-8635-4d9e-8D4D-59480B391C5B}";

        /// <summary>
        /// A dashboard, Dashboards/{id}.xml (facts §2): a system form of type dashboard whose FormXml holds one tab of two
        /// columns; each tile is a sub-grid over a system view, drawn as its chart when the tile names one.
        /// </summary>
        public static XElement Dashboard(DashboardModel dashboard)
        {
            ArgumentNullException.ThrowIfNull(dashboard);
            var declaration = dashboard.Dashboard;
            var columns = Enumerable.Range(0, 2).Select(column => new XElement("column", new XAttribute("width", "50%"),
                new XElement("sections", new XElement("section",
                    new XAttribute("name", "column" + column.ToString(CultureInfo.InvariantCulture)),
                    new XAttribute("showlabel", "false"),
                    new XAttribute("showbar", "false"),
                    new XAttribute("id", ComponentXml.Braced(DeterministicGuid.ForFormPart(dashboard.Id, "section:" + column.ToString(CultureInfo.InvariantCulture)))),
                    new XAttribute("IsUserDefined", 0),
                    FormLabels("Section"),
                    new XElement("rows", declaration.Tiles.Where((_, i) => i % 2 == column).Select(t => Tile(dashboard.Id, t)))))));
            var element = new XElement("Dashboard",
                new XAttribute(XNamespace.Xmlns + "xsi", ComponentXml.Xsi),
                Labels("LocalizedNames", "LocalizedName", declaration.Name),
                declaration.Description == null ? null : Labels("Descriptions", "Description", declaration.Description),
                new XElement("FormId", ComponentXml.Braced(dashboard.Id)),
                new XElement("IsCustomizable", 1),
                new XElement("IsDefault", 0),
                new XElement("CanBeDeleted", 1),
                new XElement("FormXml", new XElement("forms", new XAttribute("type", "dashboard"),
                    new XElement("form",
                        new XElement("tabs", new XElement("tab",
                            new XAttribute("name", "overview"),
                            new XAttribute("id", ComponentXml.Braced(DeterministicGuid.ForFormPart(dashboard.Id, "tab:overview"))),
                            new XAttribute("IsUserDefined", 0),
                            new XAttribute("verticallayout", "true"),
                            new XAttribute("expanded", "true"),
                            new XAttribute("showlabel", "false"),
                            FormLabels(declaration.Name),
                            new XElement("columns", columns)))))),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                new XElement("IsTabletEnabled", 1));
            return element;
        }

        private static XElement Tile(Guid dashboardId, DashboardTile tile)
        {
            var path = "tile:" + tile.ViewKey + "|" + (tile.ChartKey ?? "list");
            var parameters = new XElement("parameters",
                new XElement("ViewId", ComponentXml.Braced(DeterministicGuid.ForView(tile.ViewKey))),
                new XElement("IsUserView", "false"),
                new XElement("TargetEntityType", tile.Table),
                new XElement("AutoExpand", "Fixed"),
                new XElement("RecordsPerPage", 10),
                new XElement("EnableQuickFind", "false"),
                new XElement("EnableViewPicker", "false"),
                new XElement("EnableJumpBar", "false"),
                new XElement("ChartGridMode", tile.ChartKey == null ? "Grid" : "Chart"));
            if (tile.ChartKey != null)
            {
                parameters.Add(
                    new XElement("VisualizationId", ComponentXml.Braced(DeterministicGuid.ForChart(tile.ChartKey))),
                    new XElement("IsUserChart", "false"),
                    new XElement("EnableChartPicker", "false"));
            }

            var id = DeterministicGuid.ForFormPart(dashboardId, path);
            return new XElement("row", new XElement("cell",
                new XAttribute("id", ComponentXml.Braced(DeterministicGuid.ForFormPart(dashboardId, "cell:" + path))),
                new XAttribute("showlabel", "true"),
                FormLabels(tile.Name),
                new XElement("control",
                    new XAttribute("id", "tile_" + id.ToString("N", CultureInfo.InvariantCulture)),
                    new XAttribute("classid", SubgridClassId),
                    new XAttribute("indicationOfSubgrid", "true"),
                    parameters)));
        }

        // ---- app module and site map --------------------------------------------------------------------

        public static XElement AppModule(AppModuleModel app)
        {
            ArgumentNullException.ThrowIfNull(app);
            var element = new XElement("AppModule",
                new XAttribute(XNamespace.Xmlns + "xsi", ComponentXml.Xsi),
                new XElement("UniqueName", app.UniqueName),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                new XElement("WebResourceId", DefaultAppIconWebResourceId),
                new XElement("FormFactor", 1),
                new XElement("ClientType", 4),
                new XElement("AppModuleComponents",
                    app.App.Tables.Select(t => new XElement("AppModuleComponent", new XAttribute("type", ComponentTypes.Entity), new XAttribute("schemaName", t))),
                    app.DashboardIds.Select(id => new XElement("AppModuleComponent", new XAttribute("type", ComponentTypes.SystemForm), new XAttribute("id", ComponentXml.Braced(id)))),
                    new XElement("AppModuleComponent", new XAttribute("type", ComponentTypes.SiteMap), new XAttribute("schemaName", app.UniqueName))),
                app.RoleIds.Count == 0 ? null : new XElement("AppModuleRoleMaps", app.RoleIds.Select(id => new XElement("Role", new XAttribute("id", ComponentXml.Braced(id))))),
                Labels("LocalizedNames", "LocalizedName", app.App.Name));
            if (app.App.Description != null)
            {
                element.Add(Labels("Descriptions", "Description", app.App.Description));
            }

            return element;
        }

        public static XElement AppModuleSiteMap(AppModuleModel app)
        {
            ArgumentNullException.ThrowIfNull(app);
            return new XElement("AppModuleSiteMap",
                new XAttribute(XNamespace.Xmlns + "xsi", ComponentXml.Xsi),
                new XElement("SiteMapUniqueName", app.UniqueName),
                new XElement("SiteMap", new XAttribute("IntroducedVersion", "7.0.0.0"),
                    app.App.Areas.Select(a => new XElement("Area",
                        new XAttribute("Id", a.Id), new XAttribute("Title", a.Title), new XAttribute("ShowGroups", "true"),
                        a.Groups.Select(g => new XElement("Group",
                            new XAttribute("Id", g.Id), new XAttribute("Title", g.Title),
                            g.SubAreas.Select(SubArea)))))),
                Labels("LocalizedNames", "LocalizedName", app.App.Name));
        }

        /// <summary>The dashboards page the unified interface recognizes (it shows the dashboard glyph only for this Url).</summary>
        public const string DashboardsUrl = "/workplace/home_dashboards.aspx";

        /// <summary>
        /// A table's entry (Entity), or a dashboard's: the dashboards page opened on that dashboard (Url and DefaultDashboard,
        /// as the app designer writes a dashboard entry).
        /// </summary>
        private static XElement SubArea(SiteMapSubArea subArea) =>
            subArea.Dashboard == null
                ? new XElement("SubArea", new XAttribute("Id", subArea.Id), new XAttribute("Entity", subArea.Entity!), new XAttribute("Title", subArea.Title))
                : new XElement("SubArea", new XAttribute("Id", subArea.Id), new XAttribute("Url", DashboardsUrl),
                    new XAttribute("DefaultDashboard", ComponentXml.Braced(DeterministicGuid.ForDashboard(subArea.Dashboard))), new XAttribute("Title", subArea.Title));

        private static XElement FormLabels(string text) =>
            new XElement("labels", new XElement("label", new XAttribute("description", text), new XAttribute("languagecode", Lang)));

        private static XElement Labels(string container, string item, string text) =>
            new XElement(container, new XElement(item, new XAttribute("description", text), new XAttribute("languagecode", Lang)));
    }
}
