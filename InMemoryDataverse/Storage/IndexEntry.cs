using System;

namespace LeadRecycle.InMemoryDataverse.Storage
{
    /// <summary>
    /// One row in a <see cref="ColumnIndex"/>: its normalized key values, then its insertion sequence as the tie-break,
    /// and the row's id (the stored row is looked up by it: a write that leaves the key alone stores a new row and does not
    /// touch the index).
    /// </summary>
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
