namespace LeadRecycle.Schema
{
    /// <summary>lr_agingstatus: where a deal stands against its stage's threshold.</summary>
    public enum AgingStatus
    {
        OnTrack = 100000000,
        Warning = 100000001,
        Stalled = 100000002,
    }
}
