using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using LeadRecycle.Metadata;
using LeadRecycle.Solution;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    public sealed class CodeOwnedFilesTests
    {
        [Fact]
        public void Should_equal_what_the_code_and_catalog_generate_when_src_is_committed()
        {
            var source = SolutionFixture.ProductSource;
            var expected = CodeOwnedFiles.Render(LeadRecycleSolution.Model(), UnpackedSource.Product.Manifest);
            var actual = CodeOwnedFiles.ReadCommitted(source);

            var missing = expected.Keys.Except(actual.Keys, StringComparer.Ordinal).ToArray();
            var extra = actual.Keys.Except(expected.Keys, StringComparer.Ordinal).ToArray();
            var changed = expected.Keys.Intersect(actual.Keys, StringComparer.Ordinal).Where(k => !expected[k].AsSpan().SequenceEqual(actual[k])).ToArray();
            Assert.True(missing.Length + extra.Length + changed.Length == 0,
                "The code-owned files of Solution/src are out of date with the plug-ins and the metadata catalog; regenerate them with "
                + "`dotnet build LeadRecycle.sln -c Release && dotnet run --project Solution -c Release --no-build -- generate`, rebuild, and commit the result.\n"
                + $"missing: {string.Join(", ", missing)}\nextra: {string.Join(", ", extra)}\nchanged: {string.Join(", ", changed)}");
            Assert.Contains("Other/Solution.xml", actual.Keys);
        }

        [Fact]
        public void Should_write_the_pac_layout_of_the_code_owned_files_and_keep_managed_2_when_generated()
        {
            var model = SolutionFixture.Model();
            var files = Render(model);

            var assembly = model.Assemblies.Single();
            var expected = new List<string>
            {
                "Other/Solution.xml", "Other/Relationships.xml",
                "Other/Relationships/BusinessUnit.xml", "Other/Relationships/Contact.xml", "Other/Relationships/Owner.xml",
                "Other/Relationships/SystemUser.xml", "Other/Relationships/Team.xml",
                "Entities/Lead/Entity.xml", "Entities/lr_testrecord/Entity.xml", "Entities/lr_teststatistic/Entity.xml",
                "OptionSets/lr_testreason.xml",
                $"PluginAssemblies/LeadRecycleTests-{assembly.Id.ToString("D").ToUpperInvariant()}/LeadRecycleTests.dll.data.xml",
            };
            expected.AddRange(model.Steps.Select(s => $"SdkMessageProcessingSteps/{{{s.Id:D}}}.xml"));
            Assert.Equal(expected.OrderBy(p => p, StringComparer.Ordinal), files.Keys);
            Assert.Equal("2", (string?)Load(files, "Other/Solution.xml").Element("SolutionManifest")!.Element("Managed"));
            Assert.All(files.Values, bytes => Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3).ToArray()));
        }

        [Fact]
        public void Should_carry_only_custom_columns_and_keys_when_a_system_table_is_extended()
        {
            var files = Render(SolutionFixture.Model());

            var entity = Load(files, "Entities/Lead/Entity.xml").Element("EntityInfo")!.Element("entity")!;
            Assert.Equal("Lead", (string?)entity.Attribute("Name"));
            Assert.Equal(new[] { "attributes", "EntityKeys" }, entity.Elements().Select(e => e.Name.LocalName));
            Assert.Equal(new[] { "lr_reason", "lr_recyclecount", "lr_sourcekey" }, entity.Element("attributes")!.Elements("attribute").Select(a => (string?)a.Attribute("PhysicalName")));
            Assert.All(entity.Element("attributes")!.Elements("attribute"), a => Assert.Equal("1", (string?)a.Element("IsCustomField")));
            Assert.Equal("lr_testreason", (string?)entity.Descendants("attribute").Single(a => (string?)a.Attribute("PhysicalName") == "lr_reason").Element("OptionSetName"));
            Assert.Equal("lr_sourcekey", (string?)entity.Element("EntityKeys")!.Element("EntityKey")!.Element("EntityKeyAttributes")!.Element("AttributeName"));
        }

        [Fact]
        public void Should_write_full_metadata_and_the_system_relationships_when_a_custom_user_owned_table_is_unpacked()
        {
            var files = Render(SolutionFixture.Model());

            var entity = Load(files, "Entities/lr_testrecord/Entity.xml").Element("EntityInfo")!.Element("entity")!;
            Assert.Equal("UserOwned", (string?)entity.Element("OwnershipTypeMask"));
            Assert.Equal("lr_testrecords", (string?)entity.Element("EntitySetName"));
            var attributes = entity.Element("attributes")!.Elements("attribute").ToDictionary(a => (string)a.Element("LogicalName")!);
            Assert.Equal("primarykey", (string?)attributes["lr_testrecordid"].Element("Type"));
            Assert.Equal("lr_testrecordId", (string?)attributes["lr_testrecordid"].Attribute("PhysicalName"));
            Assert.StartsWith("PrimaryName", (string?)attributes["lr_name"].Element("DisplayMask"), StringComparison.Ordinal);
            Assert.Equal("OwnerId", (string?)attributes["ownerid"].Attribute("PhysicalName"));
            Assert.Equal(new[] { "1", "2", "100000000" }, attributes["statuscode"].Descendants("status").Select(s => (string?)s.Attribute("value")));

            var index = Load(files, "Other/Relationships.xml").Elements("EntityRelationship").Select(r => (string?)r.Attribute("Name")).ToArray();
            foreach (var name in new[] { "business_unit_lr_testrecord", "lk_lr_testrecord_createdby", "lk_lr_testrecord_modifiedby", "owner_lr_testrecord", "team_lr_testrecord", "user_lr_testrecord" })
            {
                Assert.Contains(name, index);
            }

            // A custom lookup gets its relationship, filed under the referenced table.
            var contact = Load(files, "Other/Relationships/Contact.xml").Element("EntityRelationship")!;
            Assert.Equal("lr_contactid", (string?)contact.Element("ReferencingAttributeName"));
            Assert.Equal("Contact", (string?)contact.Element("ReferencedEntityName"));
            Assert.Equal("lr_testrecord", (string?)contact.Element("ReferencingEntityName"));
            // An organization-owned table has no owner family.
            Assert.DoesNotContain("owner_lr_teststatistic", index);
            Assert.Contains("lk_lr_teststatistic_createdby", index);
        }

        [Fact]
        public void Should_keep_the_maker_owned_files_and_the_manifests_other_parts_when_generated()
        {
            var source = SolutionFixture.Generate(SolutionFixture.Model());
            try
            {
                var maker = Path.Combine(source, "Roles", "Test Role.xml");
                Directory.CreateDirectory(Path.GetDirectoryName(maker)!);
                File.WriteAllText(maker, "<Role id=\"{00000000-0000-0000-0000-000000000001}\" name=\"Test Role\" />");
                var manifest = XDocument.Load(Path.Combine(source, "Other", "Solution.xml"));
                manifest.Root!.Element("SolutionManifest")!.Element("RootComponents")!.Add(
                    new XElement("RootComponent", new XAttribute("type", 20), new XAttribute("id", "{00000000-0000-0000-0000-000000000001}"), new XAttribute("behavior", 0)));
                manifest.Save(Path.Combine(source, "Other", "Solution.xml"));
                var stale = Path.Combine(source, "SdkMessageProcessingSteps", "{00000000-0000-0000-0000-000000000002}.xml");
                File.WriteAllText(stale, "<SdkMessageProcessingStep />");

                CodeOwnedFiles.Write(SolutionFixture.Model("2.0.0.0"), source);

                Assert.True(File.Exists(maker));
                Assert.False(File.Exists(stale), "a step no plug-in declares any more is removed");
                var written = XDocument.Load(Path.Combine(source, "Other", "Solution.xml")).Root!.Element("SolutionManifest")!;
                Assert.Equal("2.0.0.0", (string?)written.Element("Version"));
                Assert.Equal("LeadRecycleTest", (string?)written.Element("UniqueName"));
                var roots = written.Element("RootComponents")!.Elements("RootComponent").ToArray();
                Assert.Equal("20", (string?)roots.Last().Attribute("type"));
                Assert.Equal(new[] { "1", "9", "91", "92", "20" }, roots.Select(r => (string)r.Attribute("type")!).Distinct());
            }
            finally
            {
                Directory.Delete(source, recursive: true);
            }
        }

        [Fact]
        public void Should_refuse_a_global_choice_when_an_option_value_is_outside_the_publisher_prefix()
        {
            var bad = new ChoiceMetadata("lr_bad", "Bad", new[] { new ChoiceOption(1, "One") });
            var definition = SolutionFixture.Definition();
            definition = definition with
            {
                GlobalChoices = new[] { bad },
            };

            var error = Assert.Throws<InvalidOperationException>(() => SolutionModel.Create(definition));

            Assert.Contains("'lr_bad'", error.Message, StringComparison.Ordinal);
            Assert.Contains("100000000", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_give_name_based_version_5_ids_when_the_same_name_is_used_twice()
        {
            var first = DeterministicGuid.Create("step:A");
            var again = DeterministicGuid.Create("step:A");
            var other = DeterministicGuid.Create("step:B");

            Assert.Equal(first, again);
            Assert.NotEqual(first, other);
            Assert.Equal('5', first.ToString("D")[14]);
            Assert.Contains(first.ToString("D")[19], "89ab");
            // RFC 4122 appendix B vector (DNS namespace, "www.example.com"), so the algorithm is the standard one.
            Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), DeterministicGuid.Create(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"));
        }

        private static IReadOnlyDictionary<string, byte[]> Render(SolutionModel model) =>
            CodeOwnedFiles.Render(model, XmlFiles.Load(Path.Combine(SolutionFixture.TestSolutionSkeleton, "Other", "Solution.xml")));

        private static XElement Load(IReadOnlyDictionary<string, byte[]> files, string path)
        {
            var text = Encoding.UTF8.GetString(files[path]).TrimStart('\uFEFF');
            return XDocument.Parse(text).Root!;
        }
    }
}
