using System;
using System.Collections.Generic;

namespace LeadRecycle.InMemoryDataverse.Storage
{
    internal sealed class StoreTransaction
    {
        public List<UndoEntry> UndoLog { get; } = new List<UndoEntry>();

        private List<Action>? _onCommit;

        /// <summary>Async steps triggered inside the transaction: queued only when it commits.</summary>
        public List<Action> OnCommit => _onCommit ??= new List<Action>();

        public bool HasOnCommit => _onCommit != null;

        /// <summary>Set when an operation inside the transaction failed: Dataverse ends the transaction then.</summary>
        public bool Doomed { get; set; }
    }
}
