using System;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.Metadata;
using LeadRecycle.Solution;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>
    /// solution.xml names what the solution needs from solutions it does not contain (Microsoft Learn, "There was an
    /// error calculating dependencies for this component"): here the Dynamics 365 Sales tables LeadRecycle extends.
    /// Microsoft publishes no schema for solution.xml (schemas/README.md), so these are structural checks.
    /// </summary>
    public sealed class MissingDependencyTests
    {
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Should_declare_each_extended_sales_table_as_a_missing_dependency_when_the_solution_is_packed(bool managed)
        {
            var model = LeadRecycleSolution.Model();
            var manifest = SolutionFixture.PackProduct(managed).Xml("solution.xml").Element("SolutionManifest")!;

            var dependencies = manifest.Element("MissingDependencies")!.Elements("MissingDependency").ToArray();
            var extendedSalesTables = model.Tables.Where(t => !t.IsCustom && RequiredSolutions.Of(t) == RequiredSolutions.Sales)
                .Select(t => t.LogicalName).OrderBy(n => n, StringComparer.Ordinal).ToArray();

            Assert.Equal(new[] { "lead", "opportunity", "opportunityclose" }, extendedSalesTables);
            Assert.Equal(extendedSalesTables, dependencies.Select(d => (string?)d.Element("Required")!.Attribute("schemaName")).ToArray());
            Assert.All(dependencies, d =>
            {
                var required = d.Element("Required")!;
                var dependent = d.Element("Dependent")!;
                Assert.Equal("1", (string?)required.Attribute("type"));
                Assert.Equal(RequiredSolutions.Sales, (string?)required.Attribute("solution"));
                Assert.False(string.IsNullOrEmpty((string?)required.Attribute("displayName")));
                Assert.Equal("1", (string?)dependent.Attribute("type"));
                Assert.Equal((string?)required.Attribute("schemaName"), (string?)dependent.Attribute("schemaName"));
            });
            // Each extended table is also in the solution as a shell, which is what depends on Sales.
            var shells = manifest.Element("RootComponents")!.Elements("RootComponent")
                .Where(r => (string?)r.Attribute("type") == "1" && (string?)r.Attribute("behavior") == "2")
                .Select(r => (string?)r.Attribute("schemaName")).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(extendedSalesTables, shells);
            Assert.Equal("MissingDependencies", manifest.Elements().Last().Name.LocalName);
        }

        [Fact]
        public void Should_not_declare_platform_tables_when_the_solution_only_references_them()
        {
            var manifest = SolutionManifestXml.MissingDependencies(LeadRecycleSolution.Model());

            var required = manifest.Descendants("Required").Select(r => (string?)r.Attribute("schemaName")).ToArray();

            Assert.DoesNotContain(SystemTables.Account.LogicalName, required);
            Assert.DoesNotContain(SystemTables.Contact.LogicalName, required);
            Assert.Equal(RequiredSolutions.Platform, RequiredSolutions.Of(SystemTables.Account));
        }

        [Fact]
        public void Should_refuse_a_system_table_when_nobody_said_which_solution_provides_it()
        {
            var quote = new TableMetadata("quote", "Quote", "Quotes", "quoteid", "name");

            var refusal = Assert.Throws<InvalidOperationException>(() => RequiredSolutions.Of(quote));

            Assert.Contains("'quote'", refusal.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_classify_every_system_table_the_metadata_catalog_knows_when_asked_for_its_solution()
        {
            Assert.All(SystemTables.All, table => Assert.Contains(RequiredSolutions.Of(table), new[] { RequiredSolutions.Sales, RequiredSolutions.Platform }));
        }
    }
}
