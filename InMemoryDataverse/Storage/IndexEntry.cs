namespace LeadRecycle.InMemoryDataverse.Storage
{
    /// <summary>
    /// One position in a <see cref="ColumnIndex"/>: a stored row (its key values are read from the row, so an entry
    /// holds no copy of them), or a bound a seek searches from or to (its key values given, with IndexBound markers).
    /// Ordered by the key values, then the insertion sequence as the tie-break.
    /// </summary>
    internal readonly struct IndexEntry
    {
        public IndexEntry(StoredRow row)
        {
            Row = row;
            Bound = null;
            Sequence = row.Sequence;
        }

        public IndexEntry(object?[] bound, long sequence)
        {
            Row = null;
            Bound = bound;
            Sequence = sequence;
        }

        /// <summary>The row (null for a bound); the index replaces it when a write stores a new version with the same key.</summary>
        public StoredRow? Row { get; }

        /// <summary>A bound's normalized key values (null for a row).</summary>
        public object?[]? Bound { get; }

        public long Sequence { get; }
    }
}
