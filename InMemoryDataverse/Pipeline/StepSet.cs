using System.Collections.Generic;

namespace LeadRecycle.InMemoryDataverse.Pipeline
{
    /// <summary>The steps of one message on one table, by stage, in execution order.</summary>
    internal sealed class StepSet
    {
        public List<StepEntry>? PreValidation { get; private set; }

        public List<StepEntry>? PreOperation { get; private set; }

        public List<StepEntry>? PostOperation { get; private set; }

        public List<StepEntry>? Async { get; private set; }

        public bool NeedsImages { get; private set; }

        public static StepSet From(IEnumerable<StepEntry> entries)
        {
            var sorted = new List<StepEntry>(entries);
            sorted.Sort((a, b) => a.Registration.Rank != b.Registration.Rank
                ? a.Registration.Rank.CompareTo(b.Registration.Rank)
                : a.Order.CompareTo(b.Order));
            var set = new StepSet();
            foreach (var entry in sorted)
            {
                var registration = entry.Registration;
                set.NeedsImages |= registration.Images.Count > 0;
                if (registration.Mode == StepMode.Asynchronous)
                {
                    (set.Async ??= new List<StepEntry>()).Add(entry);
                }
                else if (registration.Stage == StepStage.PreValidation)
                {
                    (set.PreValidation ??= new List<StepEntry>()).Add(entry);
                }
                else if (registration.Stage == StepStage.PreOperation)
                {
                    (set.PreOperation ??= new List<StepEntry>()).Add(entry);
                }
                else
                {
                    (set.PostOperation ??= new List<StepEntry>()).Add(entry);
                }
            }

            return set;
        }
    }
}
