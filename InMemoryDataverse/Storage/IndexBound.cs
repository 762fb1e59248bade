namespace LeadRecycle.InMemoryDataverse.Storage
{
    /// <summary>
    /// Markers that sort outside the stored values, so a seek can name "before everything", "after the nulls" (a range
    /// condition never matches null) and "after everything" without knowing the column's type.
    /// </summary>
    internal sealed class IndexBound
    {
        public static readonly IndexBound Lowest = new IndexBound(0);
        public static readonly IndexBound AboveNull = new IndexBound(2);
        public static readonly IndexBound Highest = new IndexBound(4);

        private IndexBound(int rank) => Rank = rank;

        /// <summary>Where the marker sorts: null is 1, every stored value 3.</summary>
        public int Rank { get; }
    }
}
