using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.Framework;
using LeadRecycle.Metadata;
using LeadRecycle.Solution;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>
    /// Test-only plug-in types: abstract, so they need no Execute logic and are never discovered as registrable
    /// plug-ins; they exist only to carry typed step declarations through the packer.
    /// </summary>
    public static class TestPlugins
    {
        public abstract class LossValidation : PluginBase
        {
        }

        public abstract class StageTracking : PluginBase
        {
        }

        public abstract class LeadQualification : PluginBase
        {
        }

        public static IReadOnlyList<PluginStep> LossSteps { get; } = new[]
        {
            PluginStep.For<LossValidation>(SdkMessageNames.Lose, "opportunity", PipelineStage.PreValidation)
                .Describe("Requires a reason before an opportunity is lost."),
            PluginStep.For<LossValidation>(SdkMessageNames.Create, "opportunityclose", PipelineStage.PostOperation, ExecutionMode.Asynchronous)
                .WithConfiguration("{\"verbose\":true}"),
        };

        public static IReadOnlyList<PluginStep> StageSteps { get; } = new[]
        {
            PluginStep.For<StageTracking>(SdkMessageNames.Update, "opportunity", PipelineStage.PreOperation)
                .WhenChanged("stepname", "salesstage")
                .WithPreImage("PreImage", "Target", "stepname", "lr_stageenteredon")
                .WithPostImage("PostImage", "Target", "stepname")
                .WithRank(2),
            PluginStep.For<StageTracking>(SdkMessageNames.SetStateDynamicEntity, "lead", PipelineStage.PostOperation),
        };
    }

    /// <summary>A small but complete solution built from test-only metadata and declarations, and helpers to pack it.</summary>
    internal static class SolutionFixture
    {
        public static readonly ChoiceMetadata Reasons = new ChoiceMetadata("lr_testreason", "Test reason", new[]
        {
            new ChoiceOption(100000000, "No budget"),
            new ChoiceOption(100000001, "Lost to competitor", "Another vendor won."),
        });

        public static TableMetadata CustomTable { get; } = new TableMetadata("lr_testrecord", "Test Record", "Test Records", "lr_testrecordid", "lr_name")
        {
            Description = "A user-owned custom table.",
            IsCustom = true,
            Ownership = TableOwnership.UserOwned,
            Columns = new[]
            {
                new ColumnMetadata("lr_testrecordid", ColumnType.Uniqueidentifier, "Test Record") { IsCustom = true, IsValidForUpdate = false },
                Custom("lr_name", ColumnType.String, "Name") with { MaxLength = 200, RequiredLevel = RequiredLevel.ApplicationRequired },
                Custom("lr_notes", ColumnType.Memo, "Notes") with { MaxLength = 4000, Description = "Free text." },
                Custom("lr_count", ColumnType.Integer, "Count") with { MinValue = 0, MaxValue = 1000 },
                Custom("lr_score", ColumnType.Decimal, "Score") with { MinValue = 0, MaxValue = 1000, Precision = 2 },
                Custom("lr_mean", ColumnType.Double, "Mean") with { MinValue = 0, MaxValue = 1000, Precision = 5 },
                Custom("lr_value", ColumnType.Money, "Value") with { MinValue = 0, MaxValue = 1000000, Precision = 2 },
                Custom("lr_flag", ColumnType.Boolean, "Flag"),
                Custom("lr_on", ColumnType.DateTime, "On"),
                Custom("lr_day", ColumnType.DateTime, "Day") with { DateOnly = true },
                Custom("lr_reason", ColumnType.Picklist, "Reason") with { Choice = Reasons },
                Custom("lr_kind", ColumnType.Picklist, "Kind") with
                {
                    Choice = new ChoiceMetadata("lr_kind", "Kind", new[] { new ChoiceOption(100000000, "Active"), new ChoiceOption(100000001, "Passive") }, IsGlobal: false),
                },
                Custom("lr_contactid", ColumnType.Lookup, "Contact") with { Targets = new[] { "contact" } },
                new ColumnMetadata("statecode", ColumnType.State, "Status")
                {
                    Choice = new ChoiceMetadata("statecode", "Status", new[] { new ChoiceOption(0, "Active"), new ChoiceOption(1, "Inactive") }, IsGlobal: false),
                },
                new ColumnMetadata("statuscode", ColumnType.Status, "Status Reason")
                {
                    Choice = new ChoiceMetadata("statuscode", "Status Reason", new[]
                    {
                        new ChoiceOption(1, "Nurturing", State: 0),
                        new ChoiceOption(2, "Returned", State: 1),
                        new ChoiceOption(100000000, "Removed", State: 1),
                    }, IsGlobal: false),
                },
                new ColumnMetadata("ownerid", ColumnType.Owner, "Owner") { Targets = new[] { "systemuser", "team" } },
                new ColumnMetadata("owningbusinessunit", ColumnType.Lookup, "Owning Business Unit") { Targets = new[] { "businessunit" }, IsValidForCreate = false, IsValidForUpdate = false },
                new ColumnMetadata("createdon", ColumnType.DateTime, "Created On") { IsValidForCreate = false, IsValidForUpdate = false },
                new ColumnMetadata("createdby", ColumnType.Lookup, "Created By") { Targets = new[] { "systemuser" }, IsValidForCreate = false, IsValidForUpdate = false },
                new ColumnMetadata("modifiedby", ColumnType.Lookup, "Modified By") { Targets = new[] { "systemuser" }, IsValidForCreate = false, IsValidForUpdate = false },
            },
            AlternateKeys = new[] { new AlternateKeyMetadata("lr_name_key", "Name", new[] { "lr_name" }) },
        };

        public static TableMetadata OrganizationTable { get; } = new TableMetadata("lr_teststatistic", "Test Statistic", "Test Statistics", "lr_teststatisticid", "lr_name")
        {
            IsCustom = true,
            Ownership = TableOwnership.OrganizationOwned,
            Columns = new[]
            {
                new ColumnMetadata("lr_teststatisticid", ColumnType.Uniqueidentifier, "Test Statistic") { IsCustom = true },
                Custom("lr_name", ColumnType.String, "Name") with { MaxLength = 100 },
                new ColumnMetadata("createdby", ColumnType.Lookup, "Created By") { Targets = new[] { "systemuser" } },
            },
        };

        /// <summary>A system table as a catalog would describe it: platform columns plus LeadRecycle's.</summary>
        public static TableMetadata LeadExtension { get; } = new TableMetadata("lead", "Lead", "Leads", "leadid", "fullname")
        {
            Columns = new[]
            {
                new ColumnMetadata("leadid", ColumnType.Uniqueidentifier, "Lead"),
                new ColumnMetadata("subject", ColumnType.String, "Topic") { MaxLength = 300 },
                Custom("lr_reason", ColumnType.Picklist, "Reason") with { Choice = Reasons },
                Custom("lr_recyclecount", ColumnType.Integer, "Recycle count") with { MinValue = 0, MaxValue = 1000 },
                Custom("lr_sourcekey", ColumnType.String, "Source key") with { MaxLength = 100 },
            },
            AlternateKeys = new[]
            {
                new AlternateKeyMetadata("lr_lead_sourcekey", "Source key", new[] { "lr_sourcekey" }),
            },
        };

        /// <summary>A system table LeadRecycle does not extend: it must not appear in the solution.</summary>
        public static TableMetadata UntouchedSystemTable { get; } = new TableMetadata("account", "Account", "Accounts", "accountid", "name")
        {
            Columns = new[] { new ColumnMetadata("name", ColumnType.String, "Account Name") },
        };

        public static PluginAssemblyDeclaration TestAssembly { get; } = new PluginAssemblyDeclaration(
            typeof(SolutionFixture).Assembly.GetName().Name!,
            typeof(SolutionFixture).Assembly.FullName!,
            new[]
            {
                new PluginTypeDeclaration(typeof(TestPlugins.LossValidation).FullName!, TestPlugins.LossSteps),
                new PluginTypeDeclaration(typeof(TestPlugins.StageTracking).FullName!, TestPlugins.StageSteps),
            });

        public static IReadOnlyList<PluginStep> AllSteps => TestPlugins.LossSteps.Concat(TestPlugins.StageSteps).ToArray();

        public static SolutionDefinition Definition(string version = "1.2.3.4", IReadOnlyList<PluginAssemblyDeclaration>? assemblies = null) => new SolutionDefinition
        {
            Version = version,
            PublisherPrefix = "lr",
            OptionValuePrefix = 10000,
            Catalog = new MetadataCatalog(new[] { CustomTable, OrganizationTable, LeadExtension, UntouchedSystemTable }),
            Assemblies = assemblies ?? new[] { TestAssembly },
        };

        /// <summary>The committed unpacked solution of the product.</summary>
        public static string ProductSource { get; } = Path.Combine(BuildLayout.RepositoryRoot, "Solution", "src");

        /// <summary>The test solution's maker-owned files: a manifest and the Customizations.xml placeholders, as pac writes them.</summary>
        public static string TestSolutionSkeleton { get; } = Path.Combine(BuildLayout.RepositoryRoot, "Tests", "Solution", "TestSolution");

        public static SolutionModel Model(string version = "1.2.3.4") => SolutionModel.Create(Definition(version));

        public static IReadOnlyCollection<string> TestAssemblyFiles => new[] { typeof(SolutionFixture).Assembly.Location };

        public static IReadOnlyCollection<string> ProductAssemblyFiles => new[]
        {
            BuildLayout.DeployedAssembly("Plugins", "LeadRecycle.Plugins"),
        };

        /// <summary>Generates the model's code-owned files into a copy of the test solution's skeleton and packs one zip from it.</summary>
        public static PackedZip Pack(SolutionModel model, bool managed, IReadOnlyCollection<string> assemblyFiles)
        {
            var source = Generate(model);
            try
            {
                return new PackedZip(SolutionPacker.BuildZip(source, managed, assemblyFiles));
            }
            finally
            {
                Directory.Delete(source, recursive: true);
            }
        }

        /// <summary>A fresh folder holding the test solution's skeleton and the model's code-owned files; the caller deletes it.</summary>
        public static string Generate(SolutionModel model)
        {
            var source = CopyToTemporaryFolder(TestSolutionSkeleton);
            CodeOwnedFiles.Write(model, source);
            return source;
        }

        /// <summary>A copy of <paramref name="folder"/> in a fresh temporary folder; the caller deletes it.</summary>
        public static string CopyToTemporaryFolder(string folder)
        {
            var copy = Path.Combine(Path.GetTempPath(), "leadrecycle-src-" + Guid.NewGuid().ToString("N"));
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(folder, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            return copy;
        }

        /// <summary>The product's zip, packed from the committed src/ as the build does.</summary>
        public static PackedZip PackProduct(bool managed) =>
            new PackedZip(SolutionPacker.BuildZip(ProductSource, managed, ProductAssemblyFiles));

        private static ColumnMetadata Custom(string name, ColumnType type, string displayName) =>
            new ColumnMetadata(name, type, displayName) { IsCustom = true };
    }

    /// <summary>A packed zip, read back.</summary>
    internal sealed class PackedZip
    {
        public PackedZip(byte[] bytes)
        {
            Bytes = bytes;
            using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            Entries = archive.Entries.Select(e =>
            {
                using var stream = e.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return new Entry(e.FullName, copy.ToArray());
            }).ToArray();
            CompressionMethods = ReadCompressionMethods(bytes);
        }

        /// <summary>Compression method per entry name, read from the zip's central directory (8 = Deflate, 0 = stored).</summary>
        public IReadOnlyDictionary<string, int> CompressionMethods { get; }

        public byte[] Bytes { get; }

        public IReadOnlyList<Entry> Entries { get; }

        public byte[] this[string name] => Entries.Single(e => e.Name == name).Content;

        public XElement Xml(string name)
        {
            using var stream = new MemoryStream(this[name]);
            return XDocument.Load(stream).Root!;
        }

        public sealed record Entry(string Name, byte[] Content);

        private static Dictionary<string, int> ReadCompressionMethods(byte[] zip)
        {
            var methods = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i + 46 <= zip.Length; i++)
            {
                if (BitConverter.ToUInt32(zip, i) != 0x02014b50)
                {
                    continue;
                }

                int method = BitConverter.ToUInt16(zip, i + 10);
                int nameLength = BitConverter.ToUInt16(zip, i + 28);
                methods[System.Text.Encoding.UTF8.GetString(zip, i + 46, nameLength)] = method;
                i += 45 + nameLength;
            }

            return methods;
        }
    }
}
