using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using LeadRecycle.Framework;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.Metadata;
using LeadRecycle.Testing;
using Xunit;

namespace LeadRecycle.Tests.InMemoryDataverse
{
    /// <summary>The in-memory Dataverse knows the platform only: LeadRecycle is installed into it, never compiled into it.</summary>
    public class EmulatorIndependenceTests
    {
        /// <summary>Every assembly the emulator's compiled references reach, following the repository's own assemblies.</summary>
        private static IReadOnlyCollection<string> ReferenceClosure(Assembly root)
        {
            var ownPrefix = root.GetName().Name!.Split('.')[0] + ".";
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<Assembly>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                foreach (var reference in pending.Pop().GetReferencedAssemblies())
                {
                    if (seen.Add(reference.Name!) && reference.Name!.StartsWith(ownPrefix, StringComparison.Ordinal))
                    {
                        pending.Push(Assembly.Load(reference));
                    }
                }
            }

            return seen;
        }

        [Fact]
        public void Should_not_reference_the_product_when_the_emulator_assembly_is_read()
        {
            // Arrange
            var emulator = typeof(InMemoryOrganization).Assembly;
            var product = new[]
            {
                typeof(PluginBase).Assembly,                // the plug-ins: LeadRecycle.Framework, Schema, services, steps
                typeof(LeadRecycleTables).Assembly,         // LeadRecycle's schema in metadata terms
                typeof(LeadRecycleInstallation).Assembly,   // the installation into the emulator
            }.Select(a => a.GetName().Name!).ToArray();

            // Act
            var references = ReferenceClosure(emulator);

            // Assert
            Assert.Contains(typeof(MetadataCatalog).Assembly.GetName().Name!, references);
            Assert.Empty(references.Intersect(product, StringComparer.Ordinal));
        }
    }
}
