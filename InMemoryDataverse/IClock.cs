using System;

namespace LeadRecycle.InMemoryDataverse
{
    /// <summary>The emulator's notion of "now" (UTC): createdon, modifiedon, OperationCreatedOn, close dates.</summary>
    public interface IClock
    {
        DateTime UtcNow { get; }
    }
}
