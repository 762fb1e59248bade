using System;

namespace LeadRecycle.InMemoryDataverse
{
    /// <summary>Adapts a delegate (for callers that keep time in a Func).</summary>
    public sealed class DelegateClock : IClock
    {
        private readonly Func<DateTime> _now;

        public DelegateClock(Func<DateTime> now)
        {
            _now = now ?? throw new ArgumentNullException(nameof(now));
        }

        public DateTime UtcNow => _now();
    }
}
