using System;

namespace LeadRecycle.InMemoryDataverse.Storage
{
    /// <summary>One row in a <see cref="ColumnIndex"/>: its normalized key values, then its insertion sequence as the tie-break.</summary>
    internal readonly struct IndexEntry
    {
        public IndexEntry(object?[] key, long sequence, Guid id)
        {
            Key = key;
            Sequence = sequence;
            Id = id;
        }

        public object?[] Key { get; }

        public long Sequence { get; }

        public Guid Id { get; }
    }
}
