using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LeadRecycle.InMemoryDataverse.Diagnostics
{
    /// <summary>One plug-in execution: which step, in which event, what it traced, how it ended.</summary>
    public sealed class PluginExecutionRecord
    {
        internal PluginExecutionRecord(string stepName, Type pluginType, string messageName, string primaryEntityName, Guid primaryEntityId,
            int stage, int mode, int depth, Guid correlationId, IReadOnlyList<string> traceLines)
        {
            StepName = stepName;
            PluginType = pluginType;
            MessageName = messageName;
            PrimaryEntityName = primaryEntityName;
            PrimaryEntityId = primaryEntityId;
            Stage = stage;
            Mode = mode;
            Depth = depth;
            CorrelationId = correlationId;
            TraceLines = traceLines;
        }

        public string StepName { get; }

        public Type PluginType { get; }

        public string MessageName { get; }

        public string PrimaryEntityName { get; }

        public Guid PrimaryEntityId { get; }

        public int Stage { get; }

        public int Mode { get; }

        public int Depth { get; }

        public Guid CorrelationId { get; }

        public IReadOnlyList<string> TraceLines { get; }

        public string Trace => string.Join(Environment.NewLine, TraceLines);

        public Exception? Error { get; internal set; }

        public TimeSpan Elapsed { get; internal set; }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} [{1} of {2}, stage {3}, depth {4}]{5}",
                PluginType.Name, MessageName, PrimaryEntityName, Stage, Depth, Error == null ? string.Empty : " failed: " + Error.Message);
    }

    /// <summary>How many organization-service calls plug-in code made, in total and per message name.</summary>
    public sealed class CallCounts
    {
        private static readonly Dictionary<string, int> NoCalls = new Dictionary<string, int>();
        private Dictionary<string, int>? _byMessage;

        public static CallCounts Empty { get; } = new CallCounts();

        public int Total { get; private set; }

        public IReadOnlyDictionary<string, int> ByMessage => _byMessage ?? NoCalls;

        /// <summary>Calls of one message ("Retrieve", "RetrieveMultiple", "Create", "LoseOpportunity", ...).</summary>
        public int this[string messageName] => _byMessage != null && _byMessage.TryGetValue(messageName, out var count) ? count : 0;

        internal void Add(string messageName)
        {
            Total++;
            _byMessage ??= new Dictionary<string, int>(StringComparer.Ordinal);
            _byMessage.TryGetValue(messageName, out var count);
            _byMessage[messageName] = count + 1;
        }

        internal void Add(CallCounts other)
        {
            foreach (var pair in other.ByMessage)
            {
                Total += pair.Value;
                _byMessage ??= new Dictionary<string, int>(StringComparer.Ordinal);
                _byMessage.TryGetValue(pair.Key, out var count);
                _byMessage[pair.Key] = count + pair.Value;
            }
        }

        public override string ToString() =>
            Total.ToString(CultureInfo.InvariantCulture) + " call(s)"
            + (Total == 0 ? string.Empty : ": " + string.Join(", ", ByMessage.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + " " + p.Value.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>
    /// One operation started from outside the pipeline: a call by the test or sandbox (not by a plug-in), or one
    /// asynchronous job run by DrainAsyncQueue. Plug-in executions and plug-in service calls are charged to it.
    /// </summary>
    public sealed class OperationRecord
    {
        private static readonly PluginExecutionRecord[] NoExecutions = Array.Empty<PluginExecutionRecord>();
        private List<PluginExecutionRecord>? _executions;
        private CallCounts? _pluginCalls;

        internal OperationRecord(long sequence, string messageName, Guid correlationId, bool isAsyncJob)
        {
            Sequence = sequence;
            MessageName = messageName;
            CorrelationId = correlationId;
            IsAsyncJob = isAsyncJob;
        }

        public long Sequence { get; }

        /// <summary>The request name as the caller sent it ("LoseOpportunity"), or the async step's message.</summary>
        public string MessageName { get; }

        public Guid CorrelationId { get; internal set; }

        public bool IsAsyncJob { get; }

        public bool Succeeded => Error == null;

        public Exception? Error { get; internal set; }

        /// <summary>Calls made by plug-in code during this operation (the caller's own call is not counted).</summary>
        public CallCounts PluginCalls => _pluginCalls ??= new CallCounts();

        public IReadOnlyList<PluginExecutionRecord> Executions => (IReadOnlyList<PluginExecutionRecord>?)_executions ?? NoExecutions;

        /// <summary>Every trace line of every plug-in execution, in order.</summary>
        public IEnumerable<string> TraceLines => Executions.SelectMany(e => e.TraceLines);

        internal void AddExecution(PluginExecutionRecord record) => (_executions ??= new List<PluginExecutionRecord>()).Add(record);

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "#{0} {1}{2}: {3} plug-in execution(s), {4}",
                Sequence, MessageName, IsAsyncJob ? " (async)" : string.Empty, Executions.Count, PluginCalls);
    }

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

    /// <summary>How one asynchronous job ended.</summary>
    public sealed class AsyncJobResult
    {
        internal AsyncJobResult(string stepName, string messageName, string primaryEntityName, Guid primaryEntityId, Exception? error, OperationRecord operation)
        {
            StepName = stepName;
            MessageName = messageName;
            PrimaryEntityName = primaryEntityName;
            PrimaryEntityId = primaryEntityId;
            Error = error;
            Operation = operation;
        }

        public string StepName { get; }

        public string MessageName { get; }

        public string PrimaryEntityName { get; }

        public Guid PrimaryEntityId { get; }

        public bool Succeeded => Error == null;

        /// <summary>Set when the job failed; its own writes were rolled back, the triggering operation was not.</summary>
        public Exception? Error { get; }

        public OperationRecord Operation { get; }
    }
}
