using System;

namespace LeadRecycle.InMemoryDataverse
{
    /// <summary>The machine's clock.</summary>
    public sealed class SystemClock : IClock
    {
        public static SystemClock Instance { get; } = new SystemClock();

        public DateTime UtcNow => DateTime.UtcNow;
    }
}
