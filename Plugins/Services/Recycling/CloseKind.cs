namespace LeadRecycle.Services.Recycling
{
    /// <summary>What a close or disqualification is leaving the pipeline for.</summary>
    public enum CloseKind
    {
        OpportunityLoss,
        LeadDisqualification,
    }
}
