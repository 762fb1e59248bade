using System;

namespace LeadRecycle.InMemoryDataverse.Diagnostics
{
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
