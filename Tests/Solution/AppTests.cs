using System;
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
            Assert.Equal(9, queries.Length);
        }

        [Fact]
        public void Should_list_stalled_opportunities_by_stage_as_a_root_view_when_the_opportunity_shell_is_packed()
        {
            var zip = SolutionFixture.PackProduct(managed: true);
            var view = View(EntityOf(zip.Xml("customizations.xml"), "Opportunity"), "Stalled Opportunities by Stage");

            Assert.Equal(new[] { ("lr_agingstatus", "eq", (string?)"100000002") }, Filter(view));
            Assert.Equal("lr_stagekey", Orders(view).First());
            var id = ComponentXml.Braced(DeterministicGuid.ForView("opportunity|Stalled Opportunities by Stage"));
            Assert.Equal(id, (string?)view.Element("savedqueryid"));
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

            Assert.Equal(ComponentXml.Braced(DeterministicGuid.ForForm("lr_recycledlead|main|Recycled Lead")), (string?)main.Element("formid"));
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
            var grid = main.Descendants("control").Single(c => (string?)c.Attribute("classid") == AppXml.SubgridClassId).Element("parameters")!;
            Assert.Equal("lr_recycledlead_engagement_recycledleadid", (string?)grid.Element("RelationshipName"));
            Assert.Equal(ComponentXml.Braced(DeterministicGuid.ForView("lr_engagement|" + LeadRecycleApp.EngagementsAssociatedView)), (string?)grid.Element("ViewId"));
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
            Assert.Equal(new[] { "lr_engagement", "lr_recycledlead", "lr_stageduration", "lr_stagestatistic" }, custom.Select(e => (string?)e.Element("Name")).OrderBy(n => n, StringComparer.Ordinal));
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
        public void Should_refuse_a_sub_grid_through_a_relationship_the_solution_does_not_have()
        {
            var definition = LeadRecycleSolution.Definition();
            var form = new FormDeclaration("lr_recycledlead", "main", "Broken", new[]
            {
                FormSection.Grid("g", "G", new FormSubgrid("lr_engagement", LeadRecycleApp.EngagementsAssociatedView, "lr_nowhere")),
            });

            var error = Assert.Throws<InvalidOperationException>(() => SolutionModel.Create(definition with { Forms = definition.Forms.Append(form).ToArray() }));
            Assert.Equal("Form 'Broken' shows 'lr_engagement' through 'lr_nowhere', which is not a relationship of the solution from 'lr_recycledlead' to 'lr_engagement'.", error.Message);
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
            Assert.Equal(ComponentXml.Braced(DeterministicGuid.ForForm("opportunityclose|quickCreate|" + LeadRecycleApp.CloseDialogForm)), id);
            var roots = zip.Xml("solution.xml").Element("SolutionManifest")!.Element("RootComponents")!.Elements("RootComponent");
            // The other type-60 roots are the lead form and the dashboard (a system form of type dashboard).
            var dashboardId = ComponentXml.Braced(DeterministicGuid.ForDashboard(LeadRecycleApp.OverviewDashboard));
            var leadFormId = ComponentXml.Braced(DeterministicGuid.ForForm("lead|main|" + LeadRecycleApp.LeadForm));
            Assert.Equal(new[] { id, dashboardId, leadFormId }.OrderBy(x => x, StringComparer.Ordinal),
                roots.Where(r => (string?)r.Attribute("type") == "60").Select(r => (string?)r.Attribute("id")).OrderBy(x => x, StringComparer.Ordinal));
        }

        [Fact]
        public void Should_bind_each_field_to_the_control_of_its_type_when_a_form_is_written()
        {
            var table = LeadRecycleSolution.Model().FullTable("lr_recycledlead");

            Assert.Equal("{4273EDBD-AC1D-40d3-9FB2-095C621B552D}", AppXml.ControlClassId(table.FindColumn("lr_name")!));
            Assert.Equal("{270BD3DB-D9AF-4782-9025-509E298DEC0A}", AppXml.ControlClassId(table.FindColumn("lr_contactid")!));
            Assert.Equal("{3EF39988-22BB-4f0b-BBBE-64B5A3748AEE}", AppXml.ControlClassId(table.FindColumn("lr_reason")!));
            Assert.Equal("{E0DECE4B-6FC8-4a8f-A065-082708572369}", AppXml.ControlClassId(table.FindColumn("lr_background")!));
            Assert.Equal("{5D68B988-0661-4db2-BC3E-17598AD3BE6C}", AppXml.ControlClassId(table.FindColumn("statuscode")!));
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
                ("1", "lead"), ("1", "lr_engagement"), ("1", "lr_recycledlead"), ("1", "lr_stagestatistic"), ("1", "opportunity"), ("62", "lr_LeadRecycle"),
            }, components);

            // Every persona who opens the app sees it: its role map names LeadRecycle's roles except the flow's (an application user).
            var roleIds = customizations.Element("Roles")!.Elements("Role").Where(r => (string?)r.Attribute("name") != LeadRecycleSolution.AutomationRoleName)
                .Select(r => (string)r.Attribute("id")!).OrderBy(i => i, StringComparer.Ordinal);
            Assert.Equal(roleIds, app.Element("AppModuleRoleMaps")!.Elements("Role").Select(r => (string)r.Attribute("id")!).OrderBy(i => i, StringComparer.Ordinal));

            var siteMap = Assert.Single(customizations.Element("AppModuleSiteMaps")!.Elements("AppModuleSiteMap"));
            Assert.Equal("lr_LeadRecycle", (string?)siteMap.Element("SiteMapUniqueName"));
            var area = Assert.Single(siteMap.Element("SiteMap")!.Elements("Area"));
            Assert.Equal("Recycling", (string?)area.Attribute("Title"));
            Assert.Equal(new[] { ("Recycled Leads", "lr_recycledlead"), ("Engagements", "lr_engagement"), ("Stage Statistics", "lr_stagestatistic"), ("Opportunities", "opportunity"), ("Leads", "lead") },
                area.Descendants("SubArea").Where(s => s.Attribute("Entity") != null).Select(s => ((string)s.Attribute("Title")!, (string)s.Attribute("Entity")!)));
            // The dashboard entry opens the dashboards page on LeadRecycle's overview, the way the app designer writes one.
            var dashboard = Assert.Single(area.Descendants("SubArea"), s => s.Attribute("Entity") == null);
            Assert.Equal("/workplace/home_dashboards.aspx", (string?)dashboard.Attribute("Url"));
            Assert.Equal(ComponentXml.Braced(DeterministicGuid.ForDashboard(LeadRecycleApp.OverviewDashboard)), (string?)dashboard.Attribute("DefaultDashboard"));
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
            var source = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "leadrecycle-src-" + Guid.NewGuid().ToString("N"));
            try
            {
                UnpackedSolutionWriter.Write(SolutionFixture.Model(), source);
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

        [Fact]
        public void Should_refuse_the_solution_when_the_app_is_assigned_to_a_role_it_does_not_carry()
        {
            var definition = SolutionFixture.Definition();
            var app = new AppModuleDeclaration("lr_TestApp", "Test app", null, new[]
            {
                new SiteMapArea("a", "A", new[] { new SiteMapGroup("g", "G", new[] { new SiteMapSubArea("s", "Records", "lr_testrecord") }) }),
            })
            {
                Roles = new[] { "No Such Role" },
            };
            var broken = definition with
            {
                AppModules = new[] { app },
            };

            var error = Assert.Throws<InvalidOperationException>(() => SolutionModel.Create(broken));
            Assert.Contains("No Such Role", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_refuse_the_solution_when_a_view_names_an_undeclared_column()
        {
            var definition = SolutionFixture.Definition();
            var broken = definition with
            {
                Views = new[] { new ViewDeclaration("lr_testrecord", "Broken", ViewDeclaration.PublicView, new[] { new ViewColumn("lr_nosuchcolumn", 100) }) },
            };

            var error = Assert.Throws<InvalidOperationException>(() => SolutionModel.Create(broken));
            Assert.Contains("lr_testrecord.lr_nosuchcolumn", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_refuse_the_solution_when_a_form_places_an_undeclared_field()
        {
            var definition = SolutionFixture.Definition();
            var broken = definition with
            {
                Forms = new[] { new FormDeclaration("lr_testrecord", "main", "Broken", new[] { new FormSection("s", "S", new[] { "lr_nosuchfield" }) }) },
            };

            var error = Assert.Throws<InvalidOperationException>(() => SolutionModel.Create(broken));
            Assert.Contains("lr_testrecord.lr_nosuchfield", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_give_stable_distinct_view_form_and_app_ids_when_the_model_is_built_twice()
        {
            var model = LeadRecycleSolution.Model();
            var before = model.Views.Select(v => v.Id).Concat(model.Forms.Select(f => f.Id)).Concat(model.AppModules.Select(a => a.Id)).ToArray();
            var again = LeadRecycleSolution.Model();

            Assert.Equal(before, again.Views.Select(v => v.Id).Concat(again.Forms.Select(f => f.Id)).Concat(again.AppModules.Select(a => a.Id)));
            Assert.Equal(before.Length, before.Distinct().Count());
            Assert.Equal(DeterministicGuid.ForView("lr_recycledlead|My Recycled Leads"), model.Views.Single(v => v.View.Name == "My Recycled Leads").Id);
        }
    }
}
