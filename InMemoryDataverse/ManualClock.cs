using System;

namespace LeadRecycle.InMemoryDataverse
{
    /// <summary>A clock the caller moves: the sandbox plays months forward with it.</summary>
    public sealed class ManualClock : IClock
    {
        private DateTime _now;

        public ManualClock(DateTime utcNow)
        {
            _now = DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);
        }

        public DateTime UtcNow => _now;

        public void Set(DateTime utcNow) => _now = DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);

        public void Advance(TimeSpan by) => _now = _now.Add(by);
    }
}
