namespace LeadRecycle.Schema
{
    /// <summary>lr_returnoutcome: how the sales effort a recycled lead went back to ended (closed-loop attribution).</summary>
    public enum ReturnOutcome
    {
        Won = 100000000,
        Lost = 100000001,
    }
}
