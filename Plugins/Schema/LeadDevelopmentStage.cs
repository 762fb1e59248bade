namespace LeadRecycle.Schema
{
    /// <summary>lr_leaddevelopmentstage: where in lead development the prospect re-enters.</summary>
    public enum LeadDevelopmentStage
    {
        Inquiry = 100000000,
        MarketingQualified = 100000001,
        TeleprospectingAccepted = 100000002,
        TeleprospectingQualified = 100000003,
    }
}
