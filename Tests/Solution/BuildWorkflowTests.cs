using System;
using System.IO;
using System.Text.RegularExpressions;
using LeadRecycle.Solution;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>The GitHub Actions workflow cannot run here; these checks keep it in step with what the build writes.</summary>
    public sealed class BuildWorkflowTests
    {
        private static string Workflow => File.ReadAllText(Path.Combine(BuildLayout.RepositoryRoot, ".github", "workflows", "build.yml"));

        [Fact]
        public void Should_test_and_upload_the_zips_the_build_writes_when_the_ci_workflow_runs()
        {
            var workflow = Workflow;

            Assert.Contains("global-json-file: global.json", workflow, StringComparison.Ordinal);
            Assert.Contains("dotnet test LeadRecycle.sln -c Release", workflow, StringComparison.Ordinal);
            // The upload patterns match the zips the Solution project packs (bin/Release/LeadRecycle_<version>_*.zip).
            foreach (var kind in new[] { "managed", "unmanaged" })
            {
                var pattern = Regex.Match(workflow, @"Solution/bin/Release/LeadRecycle_\*_" + kind + @"\.zip").Value;
                Assert.False(string.IsNullOrEmpty(pattern), kind + " zip is not uploaded");
                var built = $"Solution/bin/Release/LeadRecycle_{LeadRecycleSolution.Version}_{kind}.zip";
                Assert.Matches("^" + Regex.Escape(pattern).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$", built);
                Assert.True(File.Exists(Path.Combine(BuildLayout.RepositoryRoot, built)), built + " was not written by the build");
            }
        }

        [Fact]
        public void Should_import_the_managed_zip_only_when_environment_secrets_are_configured()
        {
            var workflow = Workflow;

            Assert.Contains("microsoft/powerplatform-actions/actions-install@v1", workflow, StringComparison.Ordinal);
            Assert.Contains("microsoft/powerplatform-actions/import-solution@v1", workflow, StringComparison.Ordinal);
            foreach (var input in new[] { "environment-url:", "app-id:", "client-secret:", "tenant-id:", "solution-file:" })
            {
                Assert.Contains(input, workflow, StringComparison.Ordinal);
            }

            Assert.Contains("DATAVERSE_ENVIRONMENT_URL: ${{ secrets.DATAVERSE_ENVIRONMENT_URL }}", workflow, StringComparison.Ordinal);
            Assert.Contains("ls solution/LeadRecycle_*_managed.zip", workflow, StringComparison.Ordinal);
            // Each step of the import that needs the environment is guarded by the secret-derived variable.
            var importJob = workflow[workflow.IndexOf("\n  import:", StringComparison.Ordinal)..];
            Assert.Equal(4, Regex.Matches(importJob, @"if: env\.DATAVERSE_ENVIRONMENT_URL != ''").Count);
        }
    }
}
