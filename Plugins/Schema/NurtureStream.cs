namespace LeadRecycle.Schema
{
    /// <summary>lr_nurturestream: the marketing program a recycled lead is nurtured in.</summary>
    public enum NurtureStream
    {
        NewStakeholder = 100000000,
        BudgetCycle = 100000001,
        BusinessPriorities = 100000002,
        LongTermTiming = 100000003,
        ReEngagement = 100000004,
        CompetitiveDisplacement = 100000005,
        ValueAndRoi = 100000006,
        StalledDealRequalification = 100000007,
    }
}
