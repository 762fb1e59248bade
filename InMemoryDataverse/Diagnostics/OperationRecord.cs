using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LeadRecycle.InMemoryDataverse.Diagnostics
{
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
}
