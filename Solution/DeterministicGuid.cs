using System;
using System.Security.Cryptography;
using System.Text;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// Name-based UUIDs (RFC 4122 version 5, SHA-1): the same name always gives the same id, so re-packing gives
    /// the same step, image, assembly and plug-in type ids, and an upgrade keeps each component's identity.
    /// </summary>
    public static class DeterministicGuid
    {
        /// <summary>LeadRecycle's namespace for solution component ids. Never change it: every id hangs off it.</summary>
        public static readonly Guid LeadRecycleNamespace = new Guid("6f0c7a52-3e1d-4b8e-9a55-1c2d7e4b9f30");

        public static Guid Create(string name) => Create(LeadRecycleNamespace, name);

        public static Guid Create(Guid namespaceId, string name)
        {
            ArgumentNullException.ThrowIfNull(name);
            Span<byte> namespaceBytes = stackalloc byte[16];
            namespaceId.TryWriteBytes(namespaceBytes, bigEndian: true, out _);
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var input = new byte[16 + nameBytes.Length];
            namespaceBytes.CopyTo(input);
            nameBytes.CopyTo(input, 16);

            Span<byte> hash = stackalloc byte[20];
            SHA1.HashData(input, hash);
            var bytes = hash[..16];
            bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes, bigEndian: true);
        }

        /// <summary>Seeds, one per kind of component, so two kinds never share an id.</summary>
        public static Guid ForAssembly(string assemblyName) => Create("pluginassembly:" + assemblyName);

        public static Guid ForPluginType(string typeFullName) => Create("plugintype:" + typeFullName);

        public static Guid ForStep(string stepName) => Create("step:" + stepName);

        public static Guid ForImage(string stepName, string alias) => Create("stepimage:" + stepName + "|" + alias);
    }
}
