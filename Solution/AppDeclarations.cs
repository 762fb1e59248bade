using System;
using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.Solution
{
    /// <summary>A column of a view's grid, with its width in pixels.</summary>
    public sealed record ViewColumn(string Name, int Width);

    /// <summary>A FetchXML condition; <paramref name="Value"/> is null for operators that take none (eq-userid, this-fiscal-period ...).</summary>
    public sealed record ViewCondition(string Attribute, string Operator, string? Value = null);

    public sealed record ViewOrder(string Attribute, bool Descending = false);

    /// <summary>
    /// A system view (savedquery). Query types: 0 public, 1 advanced find, 2 associated (subgrid), 4 quick find, 64 lookup. A quick find view filters on its
    /// <see cref="FindColumns"/> (an or-filter of like conditions Dataverse fills with the search text).
    /// </summary>
    public sealed record ViewDeclaration(string Table, string Name, int QueryType, IReadOnlyList<ViewColumn> Columns)
    {
        public const int PublicView = 0;
        public const int AdvancedFindView = 1;
        public const int AssociatedView = 2;
        public const int QuickFindView = 4;
        public const int LookupView = 64;

        public string? Description { get; init; }

        public IReadOnlyList<ViewCondition> Conditions { get; init; } = Array.Empty<ViewCondition>();

        public IReadOnlyList<ViewOrder> Orders { get; init; } = Array.Empty<ViewOrder>();

        public IReadOnlyList<string> FindColumns { get; init; } = Array.Empty<string>();

        public bool IsDefault { get; init; }

        /// <summary>The seed of the view's id: table and name, so renaming a view gives it a new identity.</summary>
        public string Key => Table + "|" + Name;
    }

    /// <summary>A form section: a label and its fields, one per row; or, with <see cref="Subgrid"/>, one grid of related records.</summary>
    public sealed record FormSection(string Name, string Label, IReadOnlyList<string> Fields)
    {
        public FormSubgrid? Subgrid { get; init; }

        public static FormSection Grid(string name, string label, FormSubgrid subgrid) => new FormSection(name, label, Array.Empty<string>()) { Subgrid = subgrid };
    }

    /// <summary>
    /// A sub-grid on a form: the records of <see cref="Table"/> related to the form's record through
    /// <see cref="Relationship"/> (a 1:N relationship of the solution), shown with the system view <see cref="View"/>.
    /// </summary>
    public sealed record FormSubgrid(string Table, string View, string Relationship)
    {
        public int RecordsPerPage { get; init; } = 5;

        public string ViewKey => Table + "|" + View;
    }

    /// <summary>A system form of a table: main, quick (quick view) or quickCreate; one tab holding the sections.</summary>
    public sealed record FormDeclaration(string Table, string FormType, string Name, IReadOnlyList<FormSection> Sections)
    {
        public static readonly IReadOnlyList<string> FormTypes = new[] { "main", "quick", "quickCreate" };

        public string? Description { get; init; }

        public string Key => Table + "|" + FormType + "|" + Name;

        public IEnumerable<string> Fields => Sections.SelectMany(s => s.Fields);
    }

    /// <summary>
    /// A site map entry: a table's views (<see cref="Entity"/>) or, made with <see cref="DashboardOf"/>, the dashboards
    /// page opened on one of the solution's dashboards (by name).
    /// </summary>
    public sealed record SiteMapSubArea(string Id, string Title, string? Entity)
    {
        /// <summary>The dashboard the entry opens, by name; null for a table entry.</summary>
        public string? Dashboard { get; init; }

        public static SiteMapSubArea DashboardOf(string id, string title, string dashboard) => new SiteMapSubArea(id, title, null) { Dashboard = dashboard };
    }

    public sealed record SiteMapGroup(string Id, string Title, IReadOnlyList<SiteMapSubArea> SubAreas);

    public sealed record SiteMapArea(string Id, string Title, IReadOnlyList<SiteMapGroup> Groups);

    /// <summary>
    /// A model-driven app (AppModule) and its site map (same unique name). Its tables are the tables the site map
    /// opens: the app carries them as components (type 1) with all their forms and views.
    /// </summary>
    public sealed record AppModuleDeclaration(string UniqueName, string Name, string? Description, IReadOnlyList<SiteMapArea> Areas)
    {
        /// <summary>The solution's security roles whose members see the app (AppModuleRoleMaps), by role name.</summary>
        public IReadOnlyList<string> Roles { get; init; } = Array.Empty<string>();

        /// <summary>The solution's dashboards the app shows (AppModuleComponent type 60), by name.</summary>
        public IReadOnlyList<string> Dashboards { get; init; } = Array.Empty<string>();

        public IEnumerable<string> Tables => Areas.SelectMany(a => a.Groups).SelectMany(g => g.SubAreas).Select(s => s.Entity).OfType<string>()
            .Distinct(StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal);
    }

    /// <summary>
    /// A system chart (savedqueryvisualization): the count of a table's records, grouped by <see cref="Category"/> (the
    /// x axis) and, when <see cref="Series"/> is set, also by that column, stacked. <see cref="Conditions"/> filter the records.
    /// </summary>
    public sealed record ChartDeclaration(string Table, string Name, string Category)
    {
        /// <summary>A second group-by column: one stacked series per value.</summary>
        public string? Series { get; init; }

        public string? Description { get; init; }

        public IReadOnlyList<ViewCondition> Conditions { get; init; } = Array.Empty<ViewCondition>();

        /// <summary>The seed of the chart's id: table and name.</summary>
        public string Key => Table + "|" + Name;

        public IEnumerable<string> Columns => new[] { Category }.Concat(Series == null ? Array.Empty<string>() : new[] { Series }).Concat(Conditions.Select(c => c.Attribute));
    }

    public sealed record ChartModel(Guid Id, ChartDeclaration Chart);

    /// <summary>
    /// A tile of a dashboard: a system view of <see cref="Table"/> shown as a list, or, when <see cref="Chart"/> is set,
    /// that chart drawn over the view's records.
    /// </summary>
    public sealed record DashboardTile(string Table, string View, string? Chart = null)
    {
        public static DashboardTile ChartOf(string table, string chart, string view) => new DashboardTile(table, view, chart);

        public static DashboardTile ListOf(string table, string view) => new DashboardTile(table, view);

        public string ViewKey => Table + "|" + View;

        public string? ChartKey => Chart == null ? null : Table + "|" + Chart;

        public string Name => Chart ?? View;
    }

    /// <summary>A system dashboard (a system form of type dashboard, root component 60): its tiles, two per row.</summary>
    public sealed record DashboardDeclaration(string Name, IReadOnlyList<DashboardTile> Tiles)
    {
        public string? Description { get; init; }
    }

    public sealed record DashboardModel(Guid Id, DashboardDeclaration Dashboard);

    public sealed record ViewModel(Guid Id, ViewDeclaration View);

    public sealed record FormModel(Guid Id, FormDeclaration Form);

    public sealed record AppModuleModel(Guid Id, Guid SiteMapId, AppModuleDeclaration App)
    {
        /// <summary>The ids of the roles the app is assigned to (the solution's roles named in <see cref="AppModuleDeclaration.Roles"/>).</summary>
        public IReadOnlyList<Guid> RoleIds => App.Roles.Select(DeterministicGuid.ForRole).OrderBy(id => id).ToArray();

        /// <summary>The ids of the app's dashboards (system forms, AppModuleComponent type 60).</summary>
        public IReadOnlyList<Guid> DashboardIds => App.Dashboards.Select(DeterministicGuid.ForDashboard).OrderBy(id => id).ToArray();

        public string UniqueName => App.UniqueName;
    }

    /// <summary>
    /// A web resource: its <see cref="Name"/> (publisher prefix, then a path, so pages and scripts can address each
    /// other relatively), its type code and its content, read from Solution/WebResources/&lt;Name&gt;.
    /// </summary>
    public sealed record WebResourceDeclaration(string Name, string DisplayName, int Type, byte[] Content)
    {
        public const int Html = 1;
        public const int Css = 2;
        public const int JScript = 3;
        public const int Svg = 11;

        public string? Description { get; init; }
    }

    public sealed record WebResourceModel(Guid Id, WebResourceDeclaration WebResource)
    {
        public string Name => WebResource.Name;

        /// <summary>
        /// The content's part name in the zip, as Dataverse exports write it (facts §2): /WebResources/, then the name
        /// without '/' and '.', then the id in upper case, no extension.
        /// </summary>
        public string FileName => "/WebResources/" + Name.Replace("/", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal)
            + Id.ToString("D", System.Globalization.CultureInfo.InvariantCulture).ToUpperInvariant();
    }

    /// <summary>
    /// A button on a table's main form command bar (classic RibbonDiffXml, which the unified interface shows in the
    /// command bar): <see cref="FunctionName"/> of the JScript web resource <see cref="Library"/> runs with the form's
    /// context (PrimaryControl); <see cref="EnableRuleFunction"/>, of the same library, enables it. Hidden on the
    /// create form. <see cref="Id"/> seeds the ids of the custom action, button, command, rules and labels.
    /// </summary>
    public sealed record FormCommandDeclaration(string Table, string Id, string Label, string ToolTip, string Library, string FunctionName, string EnableRuleFunction)
    {
        /// <summary>Where the command sits among the form's commands (the Save group's children; higher is further right).</summary>
        public int Sequence { get; init; } = 100;

        /// <summary>An SVG web resource for the unified interface's command bar (ModernImage), or null for none.</summary>
        public string? ModernImage { get; init; }
    }
}
