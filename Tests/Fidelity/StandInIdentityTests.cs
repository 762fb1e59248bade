using System;
using System.IO;
using Xunit;

namespace LeadRecycle.Tests.Fidelity
{
    /// <summary>Compiled only when building against the stand-in (the default); see the test project.</summary>
    public sealed class StandInIdentityTests
    {
        [Theory]
        [InlineData("Microsoft.Xrm.Sdk")]
        [InlineData("Microsoft.Crm.Sdk.Proxy")]
        public void Should_give_the_sdk_stand_in_microsofts_exact_identity(string assemblyName)
        {
            var assembly = AssemblyFacts.Read(Path.Combine(
                BuildLayout.RepositoryRoot, "Sdk", assemblyName, "bin", BuildLayout.Configuration, "net462", assemblyName + ".dll"));

            Assert.Equal(assemblyName, assembly.Name);
            Assert.Equal(new Version(9, 0, 0, 0), assembly.Version);
            Assert.Equal(DeployableAssemblyTests.MicrosoftSdkToken, assembly.PublicKeyToken);
        }
    }
}
