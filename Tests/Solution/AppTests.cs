using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.Metadata;
using LeadRecycle.Solution;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>The model-driven app's parts: views, forms, the app module and its site map, as the product packs them.</summary>
    public sealed class AppTests
    {
        /// <summary>The sub-grid control class, which lists related records on a form and views or charts on a dashboard.</summary>
        private const string SubgridClassId = "{E7A81278-8635-4d9e-8D4D-59480B391C5B}";

        private static XElement Customizations() => SolutionFixture.PackProduct(managed: true).Xml("customizations.xml");

        private static XElement EntityOf(XElement customizations, string name) =>
            customizations.Element("Entities")!.Elements("Entity").Single(e => (string?)e.Element("Name") == name);

        private static XElement View(XElement entity, string name) =>
            entity.Element("SavedQueries")!.Element("savedqueries")!.Elements("savedquery")
                .Single(q => (string?)q.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description") == name);

        private static XElement[] Conditions(XElement view) =>
            view.Element("fetchxml")!.Element("fetch")!.Element("entity")!.Elements("filter").Where(f => (string?)f.Attribute("type") == "and").Elements("condition").ToArray();

        private static string[] Orders(XElement view) =>
            view.Element("fetchxml")!.Element("fetch")!.Element("entity")!.Elements("order").Select(o => (string)o.Attribute("attribute")!).ToArray();

        private static (string Attribute, string Operator, string? Value)[] Filter(XElement view) =>
            Conditions(view).Select(c => ((string)c.Attribute("attribute")!, (string)c.Attribute("operator")!, (string?)c.Attribute("value"))).ToArray();

        [Fact]
        public void Should_filter_and_order_each_recycled_lead_view_when_the_product_is_packed()
        {
            var entity = EntityOf(Customizations(), "lr_recycledlead");

            Assert.Equal(new[] { ("lr_originalownerid", "eq-userid", (string?)null) }, Filter(View(entity, "My Recycled Leads")));

            var byStream = View(entity, "Nurturing by Stream");
            Assert.Equal(new[] { ("statuscode", "eq", (string?)"1") }, Filter(byStream));
            Assert.Equal("lr_nurturestream", Orders(byStream).First());

            var returned = View(entity, "Returned This Quarter");
            Assert.Equal(new[] { ("statuscode", "eq", (string?)"2"), ("lr_returnedon", "this-fiscal-period", (string?)null) }, Filter(returned));

            foreach (var view in new[] { "My Recycled Leads", "Nurturing by Stream", "Returned This Quarter" })
            {
                var query = View(entity, view);
                Assert.Equal("0", (string?)query.Element("querytype"));
                var cells = query.Element("layoutxml")!.Element("grid")!.Element("row")!.Elements("cell").Select(c => (string)c.Attribute("name")!).ToArray();
                var attributes = query.Element("fetchxml")!.Element("fetch")!.Element("entity")!.Elements("attribute").Select(a => (string)a.Attribute("name")!).ToArray();
                // Every grid column is fetched, and the grid links rows by the primary id.
                Assert.Empty(cells.Except(attributes));
                Assert.Contains("lr_recycledleadid", attributes);
            }
        }

        [Fact]
        public void Should_carry_one_default_view_of_each_system_kind_when_the_recycled_lead_is_packed()
        {
            var queries = EntityOf(Customizations(), "lr_recycledlead").Element("SavedQueries")!.Element("savedqueries")!.Elements("savedquery").ToArray();

            var quickFind = Assert.Single(queries, q => (string?)q.Element("querytype") == "4");
            Assert.Equal("1", (string?)quickFind.Element("isquickfindquery"));
            var findFilter = quickFind.Element("fetchxml")!.Element("fetch")!.Element("entity")!.Elements("filter").Single(f => (string?)f.Attribute("isquickfindfields") == "1");
            Assert.Equal(new[] { ("lr_name", "like", "{0}") },
                findFilter.Elements("condition").Select(c => ((string)c.Attribute("attribute")!, (string)c.Attribute("operator")!, (string)c.Attribute("value")!)));
            Assert.Single(queries, q => (string?)q.Element("querytype") == "64");
            Assert.Single(queries, q => (string?)q.Element("querytype") == "0" && (string?)q.Element("isdefault") == "1");
            Assert.Single(queries, q => (string?)q.Element("querytype") == "1");
            Assert.Single(queries, q => (string?)q.Element("querytype") == "2");
            // The five system kinds, five public views, and one audience view per nurture stream (AudienceViewTests).
            Assert.Equal(10 + 8, queries.Length);
        }

        [Fact]
        public void Should_list_stalled_opportunities_by_stage_as_a_root_view_when_the_opportunity_shell_is_packed()
        {
            var zip = SolutionFixture.PackProduct(managed: true);
            var view = View(EntityOf(zip.Xml("customizations.xml"), "Opportunity"), "Stalled Opportunities by Stage");

            Assert.Equal(new[] { ("lr_agingstatus", "eq", (string?)"100000002") }, Filter(view));
            Assert.Equal("lr_stagekey", Orders(view).First());
            var id = (string?)view.Element("savedqueryid");
            // The opportunity is a shell (behavior 2), so its new view is a root component of its own.
            var roots = zip.Xml("solution.xml").Element("SolutionManifest")!.Element("RootComponents")!.Elements("RootComponent");
            Assert.Single(roots, r => (string?)r.Attribute("type") == "26" && (string?)r.Attribute("id") == id);
            Assert.DoesNotContain(roots, r => (string?)r.Attribute("type") == "26" && (string?)r.Attribute("id") != id);
        }

        [Fact]
        public void Should_place_the_fields_in_their_sections_when_the_recycled_lead_main_form_is_packed()
        {
            var formXml = EntityOf(Customizations(), "lr_recycledlead").Element("FormXml")!;
            var main = formXml.Elements("forms").Single(f => (string?)f.Attribute("type") == "main").Element("systemform")!;

            var sections = main.Element("form")!.Descendants("section")
                .Select(s => ((string)s.Element("labels")!.Element("label")!.Attribute("description")!,
                    string.Join(",", s.Descendants("control").Select(c => (string?)c.Attribute("datafieldname") ?? "grid:" + (string)c.Element("parameters")!.Element("TargetEntityType")!))))
                .ToArray();
            Assert.Equal(new[]
            {
                ("Prospect", "lr_name,lr_contactid,lr_accountid,lr_originalownerid,lr_opportunityid,lr_originatingleadid"),
                ("Nurture", "lr_reason,lr_recycletype,lr_nurturestream,statuscode,lr_efforttype,lr_targetstage,lr_likelihood"),
                ("What sales learned", "lr_background,lr_decisioncriteria,lr_impediments,lr_whoisinvolved"),
                ("Engagement", "lr_engagementscore,lr_engagementthreshold,lr_scoredon,lr_returnedon,lr_returnedto,lr_returnedleadid"),
                ("Engagements", "grid:lr_engagement"),
            }, sections);

            // The engagements sub-grid lists the lead's own engagements, through the solution's relationship, in the associated view.
            var grid = main.Descendants("control").Single(c => (string?)c.Attribute("classid") == SubgridClassId).Element("parameters")!;
            Assert.Equal("lr_recycledlead_engagement_recycledleadid", (string?)grid.Element("RelationshipName"));
            Assert.Equal((string?)View(EntityOf(Customizations(), "lr_engagement"), "Engagement Associated View").Element("savedqueryid"), (string?)grid.Element("ViewId"));
            var relationships = Customizations().Element("EntityRelationships")!.Elements("EntityRelationship").Select(r => (string)r.Attribute("Name")!);
            Assert.Contains("lr_recycledlead_engagement_recycledleadid", relationships);
            var associated = EntityOf(Customizations(), "lr_engagement").Element("SavedQueries")!.Element("savedqueries")!.Elements("savedquery")
                .Single(q => (string?)q.Element("savedqueryid") == (string?)grid.Element("ViewId"));
            Assert.Equal("2", (string?)associated.Element("querytype"));
            // Ids of tabs, sections and cells are unique within the form.
            var ids = main.Descendants().Attributes("id").Where(a => a.Parent!.Name != "control").Select(a => a.Value).ToArray();
            Assert.Equal(ids.Length, ids.Distinct().Count());
            Assert.Single(formXml.Elements("forms"), f => (string?)f.Attribute("type") == "quick");
        }

        [Fact]
        public void Should_give_every_leadrecycle_table_a_main_form_and_each_kind_of_system_view_when_the_product_is_packed()
        {
            var customizations = Customizations();
            var custom = customizations.Element("Entities")!.Elements("Entity").Where(e => ((string?)e.Element("Name"))!.StartsWith("lr_", StringComparison.Ordinal)).ToArray();
            Assert.Equal(new[] { "lr_engagement", "lr_recycledlead", "lr_recyclingtally", "lr_stageduration", "lr_stagestatistic" }, custom.Select(e => (string?)e.Element("Name")).OrderBy(n => n, StringComparer.Ordinal));
            foreach (var entity in custom)
            {
                Assert.Single(entity.Element("FormXml")!.Elements("forms"), f => (string?)f.Attribute("type") == "main");
                var queries = entity.Element("SavedQueries")!.Element("savedqueries")!.Elements("savedquery").ToArray();
                // public (default), advanced find, associated, quick find, lookup: what the table's lists, sub-grids and lookups use.
                foreach (var type in new[] { "0", "1", "2", "4", "64" })
                {
                    Assert.Contains(queries, q => (string?)q.Element("querytype") == type && (string?)q.Element("isdefault") == "1");
                }
            }
        }

        [Fact]
        public void Should_put_the_return_to_nurture_checklist_on_the_close_dialog_when_opportunity_close_is_packed()
        {
            var zip = SolutionFixture.PackProduct(managed: false);
            var formXml = EntityOf(zip.Xml("customizations.xml"), "OpportunityClose").Element("FormXml")!;

            var form = Assert.Single(formXml.Elements("forms")).Element("systemform")!;
            Assert.Equal("quickCreate", (string?)form.Parent!.Attribute("type"));
            var fields = form.Descendants("control").Select(c => (string)c.Attribute("datafieldname")!).ToArray();
            Assert.Equal(new[] { "opportunitystatuscode", "actualend", "actualrevenue", "competitorid", "description" }, fields.Take(5));
            Assert.Equal(new[] { "lr_reason", "lr_background", "lr_efforttype", "lr_targetstage", "lr_likelihood", "lr_decisioncriteria", "lr_impediments", "lr_whoisinvolved" }, fields.Skip(5));
            // opportunityclose is a shell (behavior 2): the new form is a root component (60) of its own.
            var id = (string?)form.Element("formid");
            var roots = zip.Xml("solution.xml").Element("SolutionManifest")!.Element("RootComponents")!.Elements("RootComponent");
            // The other type-60 roots are the lead and opportunity forms and the dashboard (a system form of type dashboard).
            var dashboardId = (string?)zip.Xml("customizations.xml").Element("Dashboards")!.Element("Dashboard")!.Element("FormId");
            var leadFormId = (string?)EntityOf(zip.Xml("customizations.xml"), "Lead").Element("FormXml")!.Element("forms")!.Element("systemform")!.Element("formid");
            var opportunityFormId = (string?)EntityOf(zip.Xml("customizations.xml"), "Opportunity").Element("FormXml")!.Element("forms")!.Element("systemform")!.Element("formid");
            Assert.Equal(new[] { id, dashboardId, leadFormId, opportunityFormId }.OrderBy(x => x, StringComparer.Ordinal),
                roots.Where(r => (string?)r.Attribute("type") == "60").Select(r => (string?)r.Attribute("id")).OrderBy(x => x, StringComparer.Ordinal));
        }

        [Fact]
        public void Should_bind_each_field_to_the_control_of_its_column_type_when_the_forms_are_read()
        {
            // The platform's control class per column type: the ids real form XML uses.
            var classIds = new Dictionary<ColumnType, string>
            {
                [ColumnType.String] = "{4273EDBD-AC1D-40d3-9FB2-095C621B552D}",
                [ColumnType.Memo] = "{E0DECE4B-6FC8-4a8f-A065-082708572369}",
                [ColumnType.Integer] = "{C6D124CA-7EDA-4a60-AEA9-7FB8D318B68F}",
                [ColumnType.Decimal] = "{C3EFE0C3-0EC6-42be-8349-CBD9079DFD8E}",
                [ColumnType.Double] = "{0D2C745A-E5A8-4c8f-BA63-C6D3BB604660}",
                [ColumnType.Money] = "{533B9E00-756B-4312-95A0-DC888637AC78}",
                [ColumnType.Boolean] = "{67FAC785-CD58-4f9f-ABB3-4B7DDC6ED5ED}",
                [ColumnType.DateTime] = "{5B773807-9FB2-42db-97C3-7A91EFF8ADFF}",
                [ColumnType.Picklist] = "{3EF39988-22BB-4f0b-BBBE-64B5A3748AEE}",
                [ColumnType.State] = "{3EF39988-22BB-4f0b-BBBE-64B5A3748AEE}",
                [ColumnType.Status] = "{5D68B988-0661-4db2-BC3E-17598AD3BE6C}",
                [ColumnType.Lookup] = "{270BD3DB-D9AF-4782-9025-509E298DEC0A}",
                [ColumnType.Owner] = "{270BD3DB-D9AF-4782-9025-509E298DEC0A}",
                [ColumnType.Customer] = "{270BD3DB-D9AF-4782-9025-509E298DEC0A}",
            };

            var fields = UnpackedSource.Product.Forms.SelectMany(f => f.Element.Descendants("control").Where(c => c.Attribute("datafieldname") != null)
                .Select(c => (f.Path, Column: MakerXmlReferences.ProductCatalog.Get(f.Table!).FindColumn((string)c.Attribute("datafieldname")!)!, ClassId: (string)c.Attribute("classid")!)))
                .ToArray();

            Assert.True(fields.Length > 30, $"only {fields.Length} fields found");
            Assert.All(fields, f => Assert.True(classIds[f.Column.Type] == f.ClassId, $"{f.Path}: {f.Column.LogicalName} ({f.Column.Type}) has control {f.ClassId}"));
        }

        [Fact]
        public void Should_open_the_recycling_tables_from_the_site_map_when_the_app_is_packed()
        {
            var zip = SolutionFixture.PackProduct(managed: true);
            var customizations = zip.Xml("customizations.xml");

            var app = Assert.Single(customizations.Element("AppModules")!.Elements("AppModule"));
            Assert.Equal("lr_LeadRecycle", (string?)app.Element("UniqueName"));
            Assert.Equal("LeadRecycle", (string?)app.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description"));
            // Components named by schema name (tables, site map); the dashboard (type 60, by id) is asserted in DashboardTests.
            var components = app.Element("AppModuleComponents")!.Elements("AppModuleComponent").Where(c => c.Attribute("schemaName") != null)
                .Select(c => ((string)c.Attribute("type")!, (string)c.Attribute("schemaName")!)).ToArray();
            Assert.Equal(new[]
            {
                ("1", "lead"), ("1", "lr_engagement"), ("1", "lr_recycledlead"), ("1", "lr_recyclingtally"), ("1", "lr_stagestatistic"), ("1", "opportunity"), ("62", "lr_LeadRecycle"),
            }, components);

            // Every persona who opens the app sees it: its role map names LeadRecycle's roles except the flow's (an application user).
            var roleIds = customizations.Element("Roles")!.Elements("Role").Where(r => (string?)r.Attribute("name") != "LeadRecycle Automation")
                .Select(r => (string)r.Attribute("id")!).OrderBy(i => i, StringComparer.Ordinal);
            Assert.Equal(roleIds, app.Element("AppModuleRoleMaps")!.Elements("Role").Select(r => (string)r.Attribute("id")!).OrderBy(i => i, StringComparer.Ordinal));

            var siteMap = Assert.Single(customizations.Element("AppModuleSiteMaps")!.Elements("AppModuleSiteMap"));
            Assert.Equal("lr_LeadRecycle", (string?)siteMap.Element("SiteMapUniqueName"));
            var area = Assert.Single(siteMap.Element("SiteMap")!.Elements("Area"));
            Assert.Equal("Recycling", (string?)area.Attribute("Title"));
            Assert.Equal(new[] { ("Recycled Leads", "lr_recycledlead"), ("Engagements", "lr_engagement"), ("Stage Statistics", "lr_stagestatistic"), ("Recycling Tallies", "lr_recyclingtally"), ("Opportunities", "opportunity"), ("Leads", "lead") },
                area.Descendants("SubArea").Where(s => s.Attribute("Entity") != null).Select(s => ((string)s.Attribute("Title")!, (string)s.Attribute("Entity")!)));
            // The dashboard entry opens the dashboards page on LeadRecycle's overview, the way the app designer writes one.
            var dashboard = Assert.Single(area.Descendants("SubArea"), s => s.Attribute("Entity") == null);
            Assert.Equal("/workplace/home_dashboards.aspx", (string?)dashboard.Attribute("Url"));
            Assert.Equal((string?)customizations.Element("Dashboards")!.Element("Dashboard")!.Element("FormId"), (string?)dashboard.Attribute("DefaultDashboard"));
            Assert.Equal("Dashboard", (string?)dashboard.Attribute("Title"));

            var roots = zip.Xml("solution.xml").Element("SolutionManifest")!.Element("RootComponents")!.Elements("RootComponent")
                .Select(r => ((string)r.Attribute("type")!, (string?)r.Attribute("schemaName"))).ToArray();
            Assert.Contains(("80", (string?)"lr_LeadRecycle"), roots);
            Assert.Contains(("62", (string?)"lr_LeadRecycle"), roots);
            // The placeholders sit where the XSD and real exports put them: after the steps, before EntityDataProviders.
            var names = customizations.Elements().Select(e => e.Name.LocalName).ToList();
            Assert.Equal(names.IndexOf("SdkMessageProcessingSteps") + 1, names.IndexOf("AppModuleSiteMaps"));
            Assert.Equal(names.IndexOf("AppModuleSiteMaps") + 1, names.IndexOf("AppModules"));
            Assert.Equal(names.IndexOf("AppModules") + 1, names.IndexOf("EntityDataProviders"));
        }

        [Fact]
        public void Should_refuse_to_pack_when_a_form_sits_in_an_unknown_form_type_folder()
        {
            var source = SolutionFixture.Generate(SolutionFixture.Model());
            try
            {
                var folder = System.IO.Path.Combine(source, "Entities", "lr_testrecord", "FormXml", "dashboardish");
                System.IO.Directory.CreateDirectory(folder);
                System.IO.File.WriteAllText(System.IO.Path.Combine(folder, "{00000000-0000-0000-0000-000000000001}.xml"), "<forms />");

                var error = Assert.Throws<NotSupportedException>(() => SolutionPacker.BuildZip(source, managedZip: true, SolutionFixture.TestAssemblyFiles));
                Assert.Contains("FormXml/dashboardish", error.Message, StringComparison.Ordinal);
            }
            finally
            {
                System.IO.Directory.Delete(source, recursive: true);
            }
        }
    }
}
