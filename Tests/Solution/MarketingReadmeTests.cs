using System;
using System.Globalization;
using System.IO;
using System.Linq;
using LeadRecycle.Schema;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>
    /// README's "For marketing" section names the streams' values, labels and audience views a marketer types into
    /// Customer Insights – Journeys; they come from the schema, so a renamed stream or view must show here.
    /// </summary>
    public sealed class MarketingReadmeTests
    {
        private static string Section()
        {
            var readme = File.ReadAllText(Path.Combine(BuildLayout.RepositoryRoot, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
            var start = readme.IndexOf("## For marketing", StringComparison.Ordinal);
            Assert.True(start >= 0, "README.md has no 'For marketing' section.");
            var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
            return readme[start..(end < 0 ? readme.Length : end)];
        }

        [Fact]
        public void Should_list_one_example_journey_per_stream_with_its_label_and_value_when_the_readme_is_read()
        {
            var section = Section();
            var table = section[section.IndexOf("### 4. Example journeys", StringComparison.Ordinal)..];
            var rows = table.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(2)
                .TakeWhile(l => l.StartsWith("| ", StringComparison.Ordinal))
                .Select(l => l.Split('|', StringSplitOptions.TrimEntries)).ToArray();

            Assert.Equal(Labels.Streams.Count, rows.Length);
            foreach (var (stream, label) in Labels.Streams)
            {
                var row = Assert.Single(rows, r => r[1] == label);
                Assert.Equal(((int)stream).ToString(CultureInfo.InvariantCulture), row[2]);
            }
        }

        [Fact]
        public void Should_name_the_views_the_solution_ships_when_the_readme_points_marketers_to_them()
        {
            var section = Section();
            var shipped = UnpackedSource.Product.Views
                .Select(v => (string?)v.Element.Element("LocalizedNames")?.Element("LocalizedName")?.Attribute("description"))
                .ToArray();

            Assert.Contains("**Nurturing – <stream>**", section, StringComparison.Ordinal);
            Assert.Contains("*Nurturing – Budget cycle*", section, StringComparison.Ordinal);
            Assert.Contains("Nurturing – " + Labels.Streams[NurtureStream.BudgetCycle], shipped);
            Assert.Contains("docs/customer-insights-journeys.md", section, StringComparison.Ordinal);
        }
    }
}
