using System;
using System.Buffers.Binary;

namespace LeadRecycle.InMemoryDataverse.Storage
{
    /// <summary>
    /// Sequential ids, like the sequential GUIDs Dataverse assigns: a random (or seeded) 8-byte prefix per
    /// organization and a counter. Guid.NewGuid costs a system call per id; this costs a few nanoseconds, and a
    /// seed makes a whole sandbox run reproducible.
    /// </summary>
    internal sealed class IdGenerator
    {
        private readonly ulong _prefix;
        private ulong _counter;

        public IdGenerator(int? seed)
        {
            var random = seed.HasValue ? new Random(seed.Value) : new Random();
            Span<byte> prefix = stackalloc byte[8];
            random.NextBytes(prefix);
            _prefix = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        }

        public Guid Next()
        {
            _counter++;
            Span<byte> bytes = stackalloc byte[16];
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, _prefix);
            BinaryPrimitives.WriteUInt64BigEndian(bytes.Slice(8), _counter);
            // Version 4 / RFC 4122 variant bits, so the value looks like any other GUID.
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes);
        }
    }
}
