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
        private const string SalesRoleName = "LeadRecycle Sales";
        private const string SalesManagerRoleName = "LeadRecycle Sales Manager";
        private const string MarketingRoleName = "LeadRecycle Marketing";
        private const string AdministratorRoleName = "LeadRecycle Administrator";
        private const string AutomationRoleName = "LeadRecycle Automation";

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
                ["prvReadlr_recyclingtally"] = "Global",
            }.OrderBy(p => p.Key, StringComparer.Ordinal), roles[SalesRoleName].OrderBy(p => p.Key, StringComparer.Ordinal));

            Assert.Equal(
                new[] { "prvReadlr_engagement", "prvReadlr_recycledlead", "prvReadlr_recyclingtally", "prvReadlr_stageduration", "prvReadlr_stagestatistic" },
                roles[SalesManagerRoleName].Where(p => p.Value == "Global").Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(5, roles[SalesManagerRoleName].Count);

            var marketing = roles[MarketingRoleName];
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

            var administrator = roles[AdministratorRoleName];
            foreach (var table in LeadRecycleSolution.Model().Tables.Where(t => t.IsCustom))
            {
                var scanOwned = table.LogicalName is "lr_stagestatistic" or "lr_stageduration" or "lr_recyclingtally";
                var rights = table.Ownership == TableOwnership.UserOwned ? AllRights : AllRights.Where(r => r != "Assign" && r != "Share");
                Assert.All(rights, r => Assert.Equal(scanOwned && r != "Read" ? null : "Global", administrator.GetValueOrDefault("prv" + r + table.LogicalName)));
            }

            Assert.Equal(
                new Dictionary<string, string> { ["prvReadlr_recyclingtally"] = "Global", ["prvReadlr_stagestatistic"] = "Global", ["prvWritelr_stagestatistic"] = "Global" },
                roles[AutomationRoleName]);

            foreach (var privilege in new[] { "prvReadEnvironmentVariableDefinition", "prvWriteEnvironmentVariableDefinition", "prvReadEnvironmentVariableValue", "prvWriteEnvironmentVariableValue", "prvCreateEnvironmentVariableValue" })
            {
                Assert.Equal("Global", administrator[privilege]);
            }
        }

        [Fact]
        public void Should_let_sales_read_but_never_edit_a_recycled_lead_when_the_sales_role_is_written()
        {
            var sales = Roles(SolutionFixture.PackProduct(managed: false))[SalesRoleName];

            // Basic read + the read share the recycle plug-in grants to the rep who handed the deal over.
            Assert.Equal("Basic", sales["prvReadlr_recycledlead"]);
            foreach (var right in new[] { "Write", "Delete", "Assign", "Share", "Create" })
            {
                Assert.False(sales.ContainsKey($"prv{right}lr_recycledlead"), $"sales must not hold prv{right}lr_recycledlead");
            }

            Assert.DoesNotContain(sales.Keys, k => k.StartsWith("prvWrite", StringComparison.Ordinal) || k.StartsWith("prvDelete", StringComparison.Ordinal));
        }

        [Fact]
        public void Should_list_each_role_once_as_root_component_20_by_the_id_of_its_file_when_solution_xml_is_committed()
        {
            var zip = SolutionFixture.PackProduct(managed: true);

            var roots = zip.Xml("solution.xml").Element("SolutionManifest")!.Element("RootComponents")!.Elements("RootComponent")
                .Where(r => (string?)r.Attribute("type") == "20").Select(r => (string?)r.Attribute("id")).ToArray();
            var roles = UnpackedSource.Product.Roles;
            Assert.Equal(5, roots.Length);
            Assert.Equal(roles.Select(r => (string?)r.Element.Attribute("id")).OrderBy(i => i, StringComparer.Ordinal), roots.OrderBy(i => i, StringComparer.Ordinal));
            Assert.All(roles, r => Assert.Equal($"Roles/{(string)r.Element.Attribute("name")!}.xml", r.Path));
        }

        [Fact]
        public void Should_carry_the_attributes_real_exports_write_when_a_role_file_is_read()
        {
            // Microsoft's own exports (CoE Starter Kit, src/Roles) write IsCustomizable and IsAutoAssigned, and older ones the
            // isinherited attribute; Microsoft Learn "Security Role (Role) table/entity reference" defines both columns:
            // isinherited 1 = direct user (Basic) access level and team privileges (its default), isautoassigned 0 = not
            // assigned by license.
            Assert.All(UnpackedSource.Product.Roles, role =>
            {
                Assert.Equal("1", (string?)role.Element.Attribute("isinherited"));
                Assert.Equal(new[] { "IsCustomizable", "IsAutoAssigned", "IntroducedVersion", "RolePrivileges" }, role.Element.Elements().Select(e => e.Name.LocalName));
                Assert.Equal("1", (string?)role.Element.Element("IsCustomizable"));
                Assert.Equal("0", (string?)role.Element.Element("IsAutoAssigned"));
            });
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
        public void Should_grant_organization_owned_tables_only_at_organization_depth_and_never_assign_or_share_them()
        {
            // An organization-owned table has no owner: its privileges exist at organization depth only, and it cannot be assigned or shared.
            var organizationOwned = LeadRecycleSolution.Model().Tables.Where(t => t.IsCustom && t.Ownership == TableOwnership.OrganizationOwned).Select(t => t.LogicalName).ToArray();
            Assert.NotEmpty(organizationOwned);

            var privileges = Roles(SolutionFixture.PackProduct(managed: true))
                .SelectMany(r => r.Value.Select(p => (Role: r.Key, Privilege: p.Key, Level: p.Value)))
                .Where(p => organizationOwned.Any(t => p.Privilege.EndsWith(t, StringComparison.Ordinal)))
                .ToArray();
            Assert.NotEmpty(privileges);
            Assert.All(privileges, p =>
            {
                Assert.True(p.Level == "Global", $"{p.Role}: {p.Privilege} at {p.Level}");
                Assert.False(p.Privilege.StartsWith("prvAssign", StringComparison.Ordinal) || p.Privilege.StartsWith("prvShare", StringComparison.Ordinal), $"{p.Role}: {p.Privilege}");
            });
        }

        [Fact]
        public void Should_grant_each_privilege_once_when_a_role_file_is_read()
        {
            Assert.All(UnpackedSource.Product.Roles, role =>
            {
                var names = role.Element.Element("RolePrivileges")!.Elements("RolePrivilege").Select(p => (string)p.Attribute("name")!).ToArray();
                Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
            });
        }

        /// <summary>Role name to (privilege name to level), from the packed customizations.xml.</summary>
        private static Dictionary<string, Dictionary<string, string>> Roles(PackedZip zip) =>
            zip.Xml("customizations.xml").Element("Roles")!.Elements("Role").ToDictionary(
                r => (string)r.Attribute("name")!,
                r => r.Element("RolePrivileges")!.Elements("RolePrivilege").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("level")!, StringComparer.Ordinal),
                StringComparer.Ordinal);
    }
}
