namespace LeadRecycle.Services.Aging
{
    /// <summary>The phases of the stall scan in the order they run (the numbers are kept stable: they travel in continuation tokens).</summary>
    public enum ScanPhase
    {
        Fold = 0,
        Adopt = 5,
        Flag = 1,
        SnoozeEnded = 6,
        Lapse = 2,
        LeadLapse = 3,
        Expire = 7,
        TallyRecycledLeads = 8,
        TallyOpenDeals = 9,
        Remind = 10,
        Escalate = 11,
        Done = 4,
    }
}
