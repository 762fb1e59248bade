using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using LeadRecycle.CustomApis;
using LeadRecycle.Schema;
using LeadRecycle.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>
    /// The Return to Nurture dialog page end to end in headless Chromium (Tests/WebResources/ReturnToNurtureDialog.browser.mjs),
    /// fed with what a rep's lr_GetReturnToNurtureRequirements call answers through the pipeline and with the solution's own
    /// choice labels, so the page is tried against the real policy. Needs `npm ci` (puppeteer-core) and Debian's chromium,
    /// which .ci/run installs before the tests; a missing one fails with how to install it. Screenshots go to
    /// dialog-screenshots/ at the repository root.
    /// </summary>
    public sealed class ReturnToNurtureDialogBrowserTests
    {
        private static object[] Options<TChoice>(IReadOnlyDictionary<TChoice, string> labels)
            where TChoice : struct, Enum =>
            labels.Select(pair => (object)new object[] { Convert.ToInt32(pair.Key, System.Globalization.CultureInfo.InvariantCulture), pair.Value }).ToArray();

        [Fact]
        public void Should_show_marks_errors_and_the_confirmation_when_a_rep_uses_the_dialog_in_chromium_at_laptop_sizes()
        {
            // Arrange: the function's answer as a rep gets it, and the choices as the solution ships them.
            var org = new LeadRecycleOrganization();
            var requirements = (string)org.As(org.Rep).Execute(new OrganizationRequest(GetReturnToNurtureRequirementsApi.UniqueName))["Requirements"];
            using var parsed = JsonDocument.Parse(requirements);
            var reasons = parsed.RootElement.GetProperty("reasons").EnumerateArray().ToArray();
            var nurture = reasons.First(r => !r.GetProperty("removesFromWaterfall").GetBoolean() && r.GetProperty("requires").GetArrayLength() >= 3);
            var removal = reasons.First(r => r.GetProperty("removesFromWaterfall").GetBoolean());
            var fixture = new Dictionary<string, object>
            {
                ["requirements"] = requirements,
                ["choices"] = new Dictionary<string, object>
                {
                    ["lr_disqualificationreason"] = Options(Labels.Reasons),
                    ["lr_efforttype"] = Options(Labels.EffortTypes),
                    ["lr_leaddevelopmentstage"] = Options(Labels.LeadDevelopmentStages),
                    ["lr_likelihood"] = Options(Labels.Likelihoods),
                },
                ["removalReason"] = removal.GetProperty("reason").GetInt32(),
                ["nurtureReason"] = JsonSerializer.Deserialize<JsonElement>(nurture.GetRawText()),
            };
            var file = Path.Combine(Path.GetTempPath(), "leadrecycle-dialog-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(file, JsonSerializer.Serialize(fixture));
            NodeJs.EnsurePackages();
            Assert.True(Directory.Exists(Path.Combine(BuildLayout.RepositoryRoot, "node_modules", "puppeteer-core")),
                "puppeteer-core is not installed: run `npm ci` at the repository root (bash .ci/run does).");

            try
            {
                // Act
                var result = NodeJs.Run(BuildLayout.RepositoryRoot, Path.Combine("Tests", "WebResources", "ReturnToNurtureDialog.browser.mjs"),
                    "--fixture", file, "--out", Path.Combine(BuildLayout.RepositoryRoot, "dialog-screenshots"));

                // Assert
                Assert.True(result.ExitCode == 0, "the dialog's browser test failed:\n" + result.Output + result.Error);
                Assert.Contains("PASS ", result.Output, StringComparison.Ordinal);
                Assert.Equal(10, result.Output.Split('\n').Count(line => line.StartsWith("screenshot ", StringComparison.Ordinal)));
            }
            finally
            {
                File.Delete(file);
            }
        }
    }
}
