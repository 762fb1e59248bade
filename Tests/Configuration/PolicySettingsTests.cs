using System;
using System.IO;
using System.Linq;
using System.Text;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using Xunit;

namespace LeadRecycle.Tests.Configuration
{
    /// <summary>
    /// PolicySettings is the one table of the policy's settings: README's settings table is rendered from it, and
    /// every setting's refusal says what the table says it allows.
    /// </summary>
    public sealed class PolicySettingsTests
    {
        private const string Begin = "<!-- policy-settings:begin -->";
        private const string End = "<!-- policy-settings:end -->";

        [Fact]
        public void Should_show_the_declared_settings_when_the_readme_settings_table_is_read()
        {
            var readme = File.ReadAllText(Path.Combine(BuildLayout.RepositoryRoot, "README.md")).Replace("\r\n", "\n");
            var start = readme.IndexOf(Begin, StringComparison.Ordinal);
            var end = readme.IndexOf(End, StringComparison.Ordinal);
            Assert.True(start >= 0 && end > start, $"README.md has no block between '{Begin}' and '{End}'.");

            var written = readme.Substring(start, end + End.Length - start);

            var rendered = RenderedBlock();
            Assert.True(rendered == written, "README.md's policy settings differ from PolicySettings. Replace the block with:\n" + rendered);
        }

        [Fact]
        public void Should_declare_each_setting_once_when_the_table_is_read()
        {
            var paths = PolicySettings.All.Select(setting => setting.Path).ToArray();

            Assert.Equal(paths.Distinct(StringComparer.Ordinal), paths);
            Assert.All(PolicySettings.All, setting => Assert.False(string.IsNullOrWhiteSpace(setting.Description), setting.Path));
        }

        [Fact]
        public void Should_refuse_a_value_of_the_wrong_kind_in_the_declared_words_when_any_setting_is_given_text()
        {
            foreach (var setting in PolicySettings.All)
            {
                var path = setting.Path.Replace("<Reason>", nameof(DisqualificationReason.NoBudget));
                // Text with a space: no setting takes it (stall.segmentColumn takes a column's logical name, which has none).
                var json = path.Split('.').Reverse().Aggregate("\"x y\"", (value, key) => "{ \"" + key + "\": " + value + " }");

                var exception = Assert.Throws<PolicyException>(() => RecyclePolicyReader.Read(json));

                Assert.Contains($": '{path}' must be {setting.Allowed}; got \"x y\". ", exception.Message, StringComparison.Ordinal);
            }
        }

        /// <summary>README's block: every setting, then each reason's defaults.</summary>
        private static string RenderedBlock()
        {
            var block = new StringBuilder();
            block.Append(Begin).Append('\n');
            block.Append("<!-- Rendered from PolicySettings (Plugins/Services/Configuration); PolicySettingsTests fails when the two differ. -->\n\n");
            block.Append("| Setting | Allowed | Default | What it does |\n| --- | --- | --- | --- |\n");
            foreach (var setting in PolicySettings.All)
            {
                block.Append($"| `{setting.Path}` | {Cell(setting.Allowed)} | {Cell(setting.Default)} | {Cell(setting.Description)} |\n");
            }

            block.Append("\nThe reasons `reasons.<Reason>` takes, and each one's defaults:\n\n| Reason | `stream` | `requires` |\n| --- | --- | --- |\n");
            foreach (var reason in RecyclePolicy.Default.Reasons.Values.OrderBy(reason => reason.Reason))
            {
                var stream = reason.Stream?.ToString() ?? "none: `removeFromWaterfall` is true";
                var requires = reason.RequiredFields.Count == 0 ? "none" : string.Join(", ", reason.RequiredFields.Select(ChecklistFields.JsonName));
                block.Append($"| `{reason.Reason}` | {stream} | {requires} |\n");
            }

            return block.Append(End).ToString();
        }

        private static string Cell(string text) => text.Replace("|", "\\|");
    }
}
