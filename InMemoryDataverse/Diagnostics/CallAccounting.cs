using System;

namespace LeadRecycle.InMemoryDataverse.Diagnostics
{
    /// <summary>Read access to the call accounting of recent operations.</summary>
    public sealed class CallAccounting
    {
        private readonly InMemoryOrganization _organization;

        internal CallAccounting(InMemoryOrganization organization)
        {
            _organization = organization;
        }

        /// <summary>Plug-in calls of the most recent top-level operation (empty when there was none).</summary>
        public CallCounts ForLastOperation() => _organization.LastOperation?.PluginCalls ?? CallCounts.Empty;

        /// <summary>Plug-in calls summed over every operation recorded since <paramref name="sequenceExclusive"/>.</summary>
        public CallCounts Since(long sequenceExclusive)
        {
            var total = new CallCounts();
            foreach (var operation in _organization.Operations)
            {
                if (operation.Sequence > sequenceExclusive)
                {
                    total.Add(operation.PluginCalls);
                }
            }

            return total;
        }

        /// <summary>Runs an action and returns the plug-in calls of every operation it started (async jobs it drains included).</summary>
        public CallCounts During(Action action)
        {
            if (action == null)
            {
                throw new ArgumentNullException(nameof(action));
            }

            var before = _organization.LastSequence;
            action();
            return Since(before);
        }
    }
}
