using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.Metadata;
using LeadRecycle.Solution;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    public sealed class RoleTests
    {
        private static readonly string[] AllRights = { "Create", "Read", "Write", "Delete", "Append", "AppendTo", "Assign", "Share" };

        [Fact]
        public void Should_grant_each_role_its_privileges_at_the_expected_depths_when_customizations_xml_is_packed()
        {
            var roles = Roles(SolutionFixture.PackProduct(managed: true));

            Assert.Equal(new Dictionary<string, string>
            {
                ["prvReadlr_recycledlead"] = "Basic",
                ["prvReadlr_engagement"] = "Basic",
                ["prvReadlr_stagestatistic"] = "Global",
            }.OrderBy(p => p.Key, StringComparer.Ordinal), roles[LeadRecycleSolution.SalesRoleName].OrderBy(p => p.Key, StringComparer.Ordinal));

            Assert.Equal(
                new[] { "prvReadlr_engagement", "prvReadlr_recycledlead", "prvReadlr_stageduration", "prvReadlr_stagestatistic" },
                roles[LeadRecycleSolution.SalesManagerRoleName].Where(p => p.Value == "Global").Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(4, roles[LeadRecycleSolution.SalesManagerRoleName].Count);

            var marketing = roles[LeadRecycleSolution.MarketingRoleName];
            Assert.Equal("Global", marketing["prvReadlr_recycledlead"]);
            Assert.Equal("Global", marketing["prvAppendTolr_recycledlead"]);
            Assert.Equal("Local", marketing["prvWritelr_recycledlead"]);
            Assert.Equal("Local", marketing["prvCreatelr_engagement"]);
            Assert.False(marketing.ContainsKey("prvCreatelr_recycledlead"), "marketing never creates a recycled lead: only a close does");
            foreach (var table in new[] { "lr_recycledlead", "lr_engagement" })
            {
                Assert.False(marketing.ContainsKey("prvDelete" + table), "marketing cannot delete " + table);
                Assert.False(marketing.ContainsKey("prvShare" + table), "marketing cannot share " + table);
            }

            var administrator = roles[LeadRecycleSolution.AdministratorRoleName];
            foreach (var table in LeadRecycleSolution.Model().Tables.Where(t => t.IsCustom))
            {
                var scanOwned = table.LogicalName is "lr_stagestatistic" or "lr_stageduration";
                var rights = table.Ownership == TableOwnership.UserOwned ? AllRights : AllRights.Where(r => r != "Assign" && r != "Share");
                Assert.All(rights, r => Assert.Equal(scanOwned && r != "Read" ? null : "Global", administrator.GetValueOrDefault("prv" + r + table.LogicalName)));
            }

            Assert.Equal(
                new Dictionary<string, string> { ["prvReadlr_stagestatistic"] = "Global", ["prvWritelr_stagestatistic"] = "Global" },
                roles[LeadRecycleSolution.AutomationRoleName]);

            foreach (var privilege in new[] { "prvReadEnvironmentVariableDefinition", "prvWriteEnvironmentVariableDefinition", "prvReadEnvironmentVariableValue", "prvWriteEnvironmentVariableValue", "prvCreateEnvironmentVariableValue" })
            {
                Assert.Equal("Global", administrator[privilege]);
            }
        }

        [Fact]
        public void Should_let_sales_read_but_never_edit_a_recycled_lead_when_the_sales_role_is_written()
        {
            var sales = Roles(SolutionFixture.PackProduct(managed: false))[LeadRecycleSolution.SalesRoleName];

            // Basic read + the read share the recycle plug-in grants to the rep who handed the deal over.
            Assert.Equal("Basic", sales["prvReadlr_recycledlead"]);
            foreach (var right in new[] { "Write", "Delete", "Assign", "Share", "Create" })
            {
                Assert.False(sales.ContainsKey($"prv{right}lr_recycledlead"), $"sales must not hold prv{right}lr_recycledlead");
            }

            Assert.DoesNotContain(sales.Keys, k => k.StartsWith("prvWrite", StringComparison.Ordinal) || k.StartsWith("prvDelete", StringComparison.Ordinal));
        }

        [Fact]
        public void Should_list_each_role_once_as_root_component_20_with_a_fixed_id_when_solution_xml_is_written()
        {
            var model = LeadRecycleSolution.Model();
            var zip = SolutionFixture.PackProduct(managed: true);

            var roots = zip.Xml("solution.xml").Element("SolutionManifest")!.Element("RootComponents")!.Elements("RootComponent")
                .Where(r => (string?)r.Attribute("type") == "20").Select(r => (string?)r.Attribute("id")).ToArray();
            Assert.Equal(5, roots.Length);
            foreach (var role in model.Roles)
            {
                Assert.Equal(DeterministicGuid.ForRole(role.Name), role.Id);
                Assert.Contains(ComponentXml.Braced(role.Id), roots);
                Assert.Contains($"Roles/{role.Name}.xml", UnpackedSolutionWriter.Render(model).Keys);
            }
        }

        [Fact]
        public void Should_name_only_real_tables_and_access_rights_when_role_privileges_are_written()
        {
            var model = LeadRecycleSolution.Model();
            var schemaNames = model.Tables.Select(SchemaNaming.Table).Concat(new[] { "EnvironmentVariableDefinition", "EnvironmentVariableValue" }).ToArray();

            var names = Roles(SolutionFixture.PackProduct(managed: true)).SelectMany(r => r.Value.Keys).ToArray();
            Assert.NotEmpty(names);
            Assert.All(names, name => Assert.Contains(AllRights.SelectMany(r => schemaNames.Select(s => "prv" + r + s)), candidate => candidate == name));
        }

        [Fact]
        public void Should_refuse_the_model_when_a_role_assigns_an_organization_owned_table()
        {
            var definition = SolutionFixture.Definition();
            var broken = definition with
            {
                Roles = new[] { new RoleDeclaration("Broken", null, new[] { new RolePrivilegeDeclaration("Assign", "lr_teststatistic", PrivilegeDepth.Global) }) },
            };

            var error = Assert.Throws<InvalidOperationException>(() => SolutionModel.Create(broken));
            Assert.Contains("prvAssignlr_teststatistic", error.Message, StringComparison.Ordinal);
        }

        /// <summary>Role name to (privilege name to level), from the packed customizations.xml.</summary>
        private static Dictionary<string, Dictionary<string, string>> Roles(PackedZip zip) =>
            zip.Xml("customizations.xml").Element("Roles")!.Elements("Role").ToDictionary(
                r => (string)r.Attribute("name")!,
                r => r.Element("RolePrivileges")!.Elements("RolePrivilege").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("level")!, StringComparer.Ordinal),
                StringComparer.Ordinal);
    }
}
