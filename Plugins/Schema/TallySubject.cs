namespace LeadRecycle.Schema
{
    /// <summary>lr_tallysubject: which records a recycling tally row counts.</summary>
    public enum TallySubject
    {
        RecycledLeads = 100000000,
        OpenDeals = 100000001,
    }
}
