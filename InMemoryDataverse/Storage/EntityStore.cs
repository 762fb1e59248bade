using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Storage
{
    /// <summary>
    /// The rows of every table (<see cref="TableData"/>) and the undo log of the running transaction.
    /// Stored values are never handed out: readers get copies, writers store copies.
    /// </summary>
    internal sealed class EntityStore
    {
        private readonly Dictionary<string, TableData> _tables = new Dictionary<string, TableData>(StringComparer.Ordinal);

        public StoreTransaction? Current { get; private set; }

        /// <summary>Queries may use (and build) column indexes; off, every query scans (the reference the indexed path is tested against).</summary>
        public bool UseIndexes { get; set; } = true;

        /// <summary>A table smaller than this is scanned: an index only pays for itself over many rows.</summary>
        public int IndexMinimumRows { get; set; } = 1000;

        public long IndexedQueries { get; set; }

        public TableData Table(TableSchema schema)
        {
            if (!_tables.TryGetValue(schema.LogicalName, out var table))
            {
                table = new TableData(schema);
                _tables.Add(schema.LogicalName, table);
            }

            return table;
        }

        /// <summary>Starts a transaction unless one is running; returns the one started, or null when joining.</summary>
        public StoreTransaction? BeginIfNone()
        {
            if (Current != null)
            {
                return null;
            }

            Current = new StoreTransaction();
            return Current;
        }

        public void Commit(StoreTransaction transaction)
        {
            if (!ReferenceEquals(Current, transaction))
            {
                throw new InvalidOperationException("Only the running transaction can be committed.");
            }

            Current = null;
        }

        public void Rollback(StoreTransaction transaction)
        {
            if (!ReferenceEquals(Current, transaction))
            {
                throw new InvalidOperationException("Only the running transaction can be rolled back.");
            }

            var log = transaction.UndoLog;
            for (var i = log.Count - 1; i >= 0; i--)
            {
                var entry = log[i];
                if (entry.Custom != null)
                {
                    entry.Custom();
                }
                else
                {
                    entry.Table!.Restore(entry.Id, entry.Previous);
                }
            }

            log.Clear();
            Current = null;
        }

        /// <summary>Stores a new row or a new version of a stored one (the writer's own Entity, not kept).</summary>
        public void Write(TableData table, Entity row)
        {
            var previous = table.Put(row.Id, row);
            Current?.UndoLog.Add(new UndoEntry(table, row.Id, previous, null));
        }

        public void Remove(TableData table, Guid id)
        {
            var previous = table.Restore(id, null);
            Current?.UndoLog.Add(new UndoEntry(table, id, previous, null));
        }

        /// <summary>Records how to undo a change that is not a row write (shares, queued jobs).</summary>
        public void OnRollback(Action undo) => Current?.UndoLog.Add(new UndoEntry(null, Guid.Empty, null, undo));
    }

    internal readonly struct UndoEntry
    {
        public UndoEntry(TableData? table, Guid id, StoredRow? previous, Action? custom)
        {
            Table = table;
            Id = id;
            Previous = previous;
            Custom = custom;
        }

        public TableData? Table { get; }

        public Guid Id { get; }

        /// <summary>The row as it was before the change (null: there was none), with its place in scan order.</summary>
        public StoredRow? Previous { get; }

        public Action? Custom { get; }
    }
}
