using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using Xunit;

namespace LeadRecycle.Tests.Fidelity
{
    /// <summary>
    /// Reads the .NET Framework DLLs that the solution deploys and checks what Dataverse's sandbox will see:
    /// signed with LeadRecycle's key, referencing only the .NET Framework and Microsoft's SDK identities.
    /// </summary>
    public sealed class DeployableAssemblyTests
    {
        internal const string MicrosoftSdkToken = "31bf3856ad364e35";
        // The token of build/LeadRecycle.snk as the compiler records it.
        internal const string LeadRecycleToken = "fa74af5abd452819";

        private static readonly string[] FrameworkTokens = { "b77a5c561934e089", "b03f5f7f11d50a3a", "31bf3856ad364e35" };

        public static IEnumerable<object[]> DeployableAssemblies() => new[]
        {
            new object[] { "Plugins", "LeadRecycle.Plugins", new[] { "Microsoft.Xrm.Sdk" } },
        };

        [Theory]
        [MemberData(nameof(DeployableAssemblies))]
        public void Should_be_strong_name_signed_with_the_project_key(string folder, string assemblyName, string[] requiredSdkReferences)
        {
            _ = requiredSdkReferences;
            var assembly = AssemblyFacts.Read(BuildLayout.DeployedAssembly(folder, assemblyName));

            Assert.Equal(assemblyName, assembly.Name);
            Assert.True(assembly.StrongNameSigned, $"{assemblyName} is not strong-name signed (CorFlags).");
            Assert.False(assembly.SignatureBlobIsEmpty, $"{assemblyName} has room for a signature but it was never written (public or delay signed).");
            Assert.Equal(LeadRecycleToken, assembly.PublicKeyToken);
            Assert.Equal(".NETFramework,Version=v4.6.2", assembly.TargetFramework);
        }

        [Theory]
        [MemberData(nameof(DeployableAssemblies))]
        public void Should_reference_only_the_framework_and_microsofts_sdk_identities(string folder, string assemblyName, string[] requiredSdkReferences)
        {
            var assembly = AssemblyFacts.Read(BuildLayout.DeployedAssembly(folder, assemblyName));
            var allowedSdk = new HashSet<string> { "Microsoft.Xrm.Sdk", "Microsoft.Crm.Sdk.Proxy" };

            var sdkReferences = assembly.References.Where(r => allowedSdk.Contains(r.Name)).ToList();
            var others = assembly.References.Where(r => !allowedSdk.Contains(r.Name) && !IsFramework(r)).ToList();

            Assert.True(others.Count == 0, $"{assemblyName} references assemblies the sandbox cannot load: {string.Join(", ", others)}");
            foreach (var reference in sdkReferences)
            {
                Assert.Equal(new Version(9, 0, 0, 0), reference.Version);
                Assert.Equal(MicrosoftSdkToken, reference.PublicKeyToken);
            }

            foreach (var required in requiredSdkReferences)
            {
                Assert.Contains(sdkReferences, r => r.Name == required);
            }
        }

        private static bool IsFramework(AssemblyFacts.Reference reference) =>
            (reference.Name == "mscorlib" || reference.Name == "System" || reference.Name.StartsWith("System.", StringComparison.Ordinal))
            && FrameworkTokens.Contains(reference.PublicKeyToken)
            && reference.Version == new Version(4, 0, 0, 0);
    }

    /// <summary>What System.Reflection.Metadata says about an assembly on disk, without loading it.</summary>
    internal sealed class AssemblyFacts
    {
        private AssemblyFacts(string name, Version version, string publicKeyToken, bool strongNameSigned, bool signatureBlobIsEmpty, string targetFramework, IReadOnlyList<Reference> references)
        {
            Name = name;
            Version = version;
            PublicKeyToken = publicKeyToken;
            StrongNameSigned = strongNameSigned;
            SignatureBlobIsEmpty = signatureBlobIsEmpty;
            TargetFramework = targetFramework;
            References = references;
        }

        public string Name { get; }

        public Version Version { get; }

        public string PublicKeyToken { get; }

        public bool StrongNameSigned { get; }

        public bool SignatureBlobIsEmpty { get; }

        public string TargetFramework { get; }

        public IReadOnlyList<Reference> References { get; }

        public static AssemblyFacts Read(string path)
        {
            Assert.True(File.Exists(path), $"Build output not found: {path}");
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            var definition = reader.GetAssemblyDefinition();
            var publicKey = reader.GetBlobBytes(definition.PublicKey);
            var corHeader = pe.PEHeaders.CorHeader!;
            var signature = corHeader.StrongNameSignatureDirectory;
            var signatureBytes = signature.Size > 0 && pe.PEHeaders.TryGetDirectoryOffset(signature, out var offset)
                ? ReadBytes(path, offset, signature.Size)
                : Array.Empty<byte>();

            var references = reader.AssemblyReferences
                .Select(handle => reader.GetAssemblyReference(handle))
                .Select(reference => new Reference(
                    reader.GetString(reference.Name),
                    reference.Version,
                    Hex(reader.GetBlobBytes(reference.PublicKeyOrToken))))
                .ToList();

            var targetFramework = reader.CustomAttributes
                .Select(handle => reader.GetCustomAttribute(handle))
                .Where(attribute => AttributeTypeName(reader, attribute) == "TargetFrameworkAttribute")
                .Select(attribute => DecodeFirstStringArgument(reader, attribute))
                .FirstOrDefault() ?? string.Empty;

            return new AssemblyFacts(
                reader.GetString(definition.Name),
                definition.Version,
                publicKey.Length == 0 ? string.Empty : TokenOf(publicKey),
                (corHeader.Flags & CorFlags.StrongNameSigned) != 0,
                signatureBytes.Length == 0 || signatureBytes.All(b => b == 0),
                targetFramework,
                references);
        }

        private static byte[] ReadBytes(string path, int offset, int size)
        {
            var bytes = File.ReadAllBytes(path);
            return bytes.Skip(offset).Take(size).ToArray();
        }

        private static string TokenOf(byte[] publicKey)
        {
            var hash = SHA1.HashData(publicKey);
            return Hex(hash.Skip(hash.Length - 8).Reverse().ToArray());
        }

        private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

        private static string AttributeTypeName(MetadataReader reader, CustomAttribute attribute)
        {
            if (attribute.Constructor.Kind == HandleKind.MemberReference)
            {
                var member = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                if (member.Parent.Kind == HandleKind.TypeReference)
                {
                    return reader.GetString(reader.GetTypeReference((TypeReferenceHandle)member.Parent).Name);
                }
            }

            return string.Empty;
        }

        private static string? DecodeFirstStringArgument(MetadataReader reader, CustomAttribute attribute)
        {
            var blob = reader.GetBlobReader(attribute.Value);
            blob.ReadUInt16(); // prolog
            return blob.ReadSerializedString();
        }

        public sealed record Reference(string Name, Version Version, string PublicKeyToken)
        {
            public override string ToString() => $"{Name}, Version={Version}, PublicKeyToken={PublicKeyToken}";
        }
    }
}
