namespace LeadRecycle.Schema
{
    /// <summary>lr_recycletype: active (sales disqualified) or passive (the deal stalled).</summary>
    public enum RecycleType
    {
        Active = 100000000,
        Passive = 100000001,
    }
}
