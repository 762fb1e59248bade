using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Storage
{
    /// <summary>
    /// The rows of every table (one dictionary per table, keyed by id) with alternate-key indexes and an undo log.
    /// Stored entities are never handed out: readers get copies, writers store copies.
    /// </summary>
    internal sealed class EntityStore
    {
        private readonly Dictionary<string, TableData> _tables = new Dictionary<string, TableData>(StringComparer.Ordinal);

        public StoreTransaction? Current { get; private set; }

        public TableData Table(TableSchema schema)
        {
            if (!_tables.TryGetValue(schema.LogicalName, out var table))
            {
                table = new TableData(schema);
                _tables.Add(schema.LogicalName, table);
            }

            return table;
        }

        public bool TryGetTable(string logicalName, out TableData table) => _tables.TryGetValue(logicalName, out table!);

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

        public void Insert(TableData table, Entity row)
        {
            table.Put(row.Id, row, null);
            Current?.UndoLog.Add(new UndoEntry(table, row.Id, null, null));
        }

        public void Replace(TableData table, Entity previous, Entity row)
        {
            table.Put(row.Id, row, previous);
            Current?.UndoLog.Add(new UndoEntry(table, row.Id, previous, null));
        }

        public void Remove(TableData table, Entity previous)
        {
            table.Restore(previous.Id, null);
            Current?.UndoLog.Add(new UndoEntry(table, previous.Id, previous, null));
        }

        /// <summary>Records how to undo a change that is not a row write (shares, queued jobs).</summary>
        public void OnRollback(Action undo) => Current?.UndoLog.Add(new UndoEntry(null, Guid.Empty, null, undo));
    }

    internal readonly struct UndoEntry
    {
        public UndoEntry(TableData? table, Guid id, Entity? previous, Action? custom)
        {
            Table = table;
            Id = id;
            Previous = previous;
            Custom = custom;
        }

        public TableData? Table { get; }

        public Guid Id { get; }

        public Entity? Previous { get; }

        public Action? Custom { get; }
    }

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

    internal sealed class TableData
    {
        private readonly Dictionary<string, Guid>[] _keyIndexes;

        public TableData(TableSchema schema)
        {
            Schema = schema;
            _keyIndexes = new Dictionary<string, Guid>[schema.AlternateKeys.Count];
            for (var i = 0; i < _keyIndexes.Length; i++)
            {
                _keyIndexes[i] = new Dictionary<string, Guid>(StringComparer.Ordinal);
            }
        }

        public TableSchema Schema { get; }

        public Dictionary<Guid, Entity> Rows { get; } = new Dictionary<Guid, Entity>();

        public bool TryGet(Guid id, out Entity row) => Rows.TryGetValue(id, out row!);

        /// <summary>The id of the row holding these alternate-key values, or null.</summary>
        public Guid? FindByKey(KeyAttributeCollection keyAttributes)
        {
            for (var i = 0; i < _keyIndexes.Length; i++)
            {
                var key = Schema.AlternateKeys[i];
                if (key.Columns.Count != keyAttributes.Count)
                {
                    continue;
                }

                var values = new object?[key.Columns.Count];
                var matches = true;
                for (var c = 0; c < key.Columns.Count; c++)
                {
                    if (!keyAttributes.TryGetValue(key.Columns[c], out var value))
                    {
                        matches = false;
                        break;
                    }

                    values[c] = value;
                }

                if (!matches)
                {
                    continue;
                }

                var text = KeyText(values);
                return text != null && _keyIndexes[i].TryGetValue(text, out var id) ? id : null;
            }

            throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture,
                "The key attributes provided do not match an alternate key of entity '{0}'.", Schema.LogicalName));
        }

        /// <summary>Writes a row after checking its alternate keys (a duplicate throws and changes nothing).</summary>
        public void Put(Guid id, Entity row, Entity? previous)
        {
            string?[]? newKeys = null;
            if (_keyIndexes.Length > 0)
            {
                newKeys = new string?[_keyIndexes.Length];
                for (var i = 0; i < _keyIndexes.Length; i++)
                {
                    var text = KeyText(row, Schema.AlternateKeys[i].Columns);
                    if (text != null && _keyIndexes[i].TryGetValue(text, out var owner) && owner != id)
                    {
                        throw DuplicateKey(Schema.AlternateKeys[i], row);
                    }

                    newKeys[i] = text;
                }

                RemoveKeys(id, previous);
                for (var i = 0; i < _keyIndexes.Length; i++)
                {
                    if (newKeys[i] != null)
                    {
                        _keyIndexes[i][newKeys[i]!] = id;
                    }
                }
            }

            Rows[id] = row;
        }

        /// <summary>Puts a row back as it was (null: removes it); used by rollback and delete, never checks keys.</summary>
        public void Restore(Guid id, Entity? row)
        {
            if (Rows.TryGetValue(id, out var current))
            {
                RemoveKeys(id, current);
                Rows.Remove(id);
            }

            if (row == null)
            {
                return;
            }

            Rows[id] = row;
            for (var i = 0; i < _keyIndexes.Length; i++)
            {
                var text = KeyText(row, Schema.AlternateKeys[i].Columns);
                if (text != null)
                {
                    _keyIndexes[i][text] = id;
                }
            }
        }

        public void Clear()
        {
            Rows.Clear();
            foreach (var index in _keyIndexes)
            {
                index.Clear();
            }
        }

        private void RemoveKeys(Guid id, Entity? row)
        {
            if (row == null)
            {
                return;
            }

            for (var i = 0; i < _keyIndexes.Length; i++)
            {
                var text = KeyText(row, Schema.AlternateKeys[i].Columns);
                if (text != null && _keyIndexes[i].TryGetValue(text, out var owner) && owner == id)
                {
                    _keyIndexes[i].Remove(text);
                }
            }
        }

        private static string? KeyText(Entity row, IReadOnlyList<string> columns)
        {
            var values = new object?[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                row.Attributes.TryGetValue(columns[c], out var value);
                values[c] = value;
            }

            return KeyText(values);
        }

        // A key with an empty component is not indexed (Dataverse's key indexes leave out null values).
        private static string? KeyText(object?[] values)
        {
            var builder = new StringBuilder();
            foreach (var value in values)
            {
                if (value == null)
                {
                    return null;
                }

                builder.Append(Values.KeyText(value)).Append('\u001f');
            }

            return builder.ToString();
        }

        private DataverseFaultException DuplicateKey(Metadata.AlternateKeyMetadata key, Entity row)
        {
            var parts = new List<string>();
            foreach (var column in key.Columns)
            {
                row.Attributes.TryGetValue(column, out var value);
                parts.Add(Convert.ToString(Values.Normalize(value), CultureInfo.InvariantCulture) ?? string.Empty);
            }

            return new DataverseFaultException(DataverseErrorCodes.DuplicateRecordEntityKey, string.Format(CultureInfo.InvariantCulture,
                "A record that has the attribute values {0} already exists. The entity key {1} requires that this set of attributes contains unique values. Select unique values and try again.",
                string.Join(", ", parts), key.LogicalName));
        }
    }
}
