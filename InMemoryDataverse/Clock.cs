using System;

namespace LeadRecycle.InMemoryDataverse
{
    /// <summary>The emulator's notion of "now" (UTC): createdon, modifiedon, OperationCreatedOn, close dates.</summary>
    public interface IClock
    {
        DateTime UtcNow { get; }
    }

    /// <summary>The machine's clock.</summary>
    public sealed class SystemClock : IClock
    {
        public static SystemClock Instance { get; } = new SystemClock();

        public DateTime UtcNow => DateTime.UtcNow;
    }

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
