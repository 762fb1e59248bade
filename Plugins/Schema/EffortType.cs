namespace LeadRecycle.Schema
{
    /// <summary>lr_efforttype: the type of effort the prospect needs next (the Return to Nurture checklist of the article "Are opportunities flowing, or are they silently killing your year?").</summary>
    public enum EffortType
    {
        MarketingNurture = 100000000,
        TeleprospectingOutreach = 100000001,
        ExecutiveOutreach = 100000002,
        Requalification = 100000003,
        EventInvitation = 100000004,
    }
}
