using System;
using System.Collections.Generic;
using System.Globalization;

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
}
