namespace LeadRecycle.InMemoryDataverse
{
    /// <summary>Which row the pre-image of the second (state) pass of a split Update is taken from.</summary>
    public enum SpecialUpdatePreImage
    {
        /// <summary>The row as the first pass left it (the non-state columns already written): the default.</summary>
        AfterFirstPass,

        /// <summary>The row as it was before the whole request, the same pre-image as the first pass.</summary>
        BeforeRequest,
    }
}
