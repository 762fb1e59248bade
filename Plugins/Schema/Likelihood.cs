namespace LeadRecycle.Schema
{
    /// <summary>lr_likelihood: the prospect's own answer, 1 to 4, to "how likely are we to move forward in 30 days" ("Opportunity Nurturing: Sending “Stuff” Isn’t Always the Best Solution").</summary>
    public enum Likelihood
    {
        One = 100000001,
        Two = 100000002,
        Three = 100000003,
        Four = 100000004,
    }
}
