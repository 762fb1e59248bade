using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Storage
{
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

        /// <summary>Each row's insertion sequence: the order a scan returns rows in, and the tie-break of every index.</summary>
        private readonly Dictionary<Guid, long> _sequences = new Dictionary<Guid, long>();
        private long _nextSequence;
        private readonly List<ColumnIndex> _indexes = new List<ColumnIndex>();
        private readonly HashSet<string> _unindexable = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>A table keeps this many indexes at most: each one costs every write a little.</summary>
        public const int MaxIndexes = 24;

        public long SequenceOf(Guid id) => _sequences[id];

        /// <summary>The rows in scan (sequence) order, kept until the next write: a paged read of a whole table sorts it once, not once a page.</summary>
        public List<Entity> RowsInScanOrder()
        {
            if (_scanOrder == null)
            {
                var keyed = new (long Sequence, Entity Row)[Rows.Count];
                var i = 0;
                foreach (var pair in Rows)
                {
                    keyed[i++] = (_sequences[pair.Key], pair.Value);
                }

                Array.Sort(keyed, (left, right) => left.Sequence.CompareTo(right.Sequence));
                _scanOrder = new List<Entity>(keyed.Length);
                foreach (var item in keyed)
                {
                    _scanOrder.Add(item.Row);
                }
            }

            return _scanOrder;
        }

        private List<Entity>? _scanOrder;

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
            _scanOrder = null;
            Compact(row);
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

            if (Rows.TryGetValue(id, out var current))
            {
                var sequence = _sequences[id];
                Rows[id] = row;
                foreach (var index in _indexes)
                {
                    if (!index.SameKey(current, row))
                    {
                        index.Remove(id, sequence, current);
                        index.Add(id, sequence, row);
                    }
                }
            }
            else
            {
                Rows[id] = row;
                AddToIndexes(id, row, null);
            }

            DropBrokenIndexes();
        }

        /// <summary>Puts a row back as it was (null: removes it); used by rollback and delete, never checks keys.</summary>
        /// <param name="sequence">The row's sequence when it was removed (a rolled-back delete puts it back in its place).</param>
        public void Restore(Guid id, Entity? row, long? sequence = null)
        {
            _scanOrder = null;
            if (Rows.TryGetValue(id, out var current))
            {
                RemoveKeys(id, current);
                Rows.Remove(id);
                var currentSequence = _sequences[id];
                sequence ??= currentSequence;
                foreach (var index in _indexes)
                {
                    index.Remove(id, currentSequence, current);
                }

                _sequences.Remove(id);
            }

            if (row == null)
            {
                return;
            }

            Rows[id] = row;
            AddToIndexes(id, row, sequence);
            DropBrokenIndexes();
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
            _scanOrder = null;
            _sharedReferences.Clear();
            Rows.Clear();
            _sequences.Clear();
            _indexes.Clear();
            foreach (var index in _keyIndexes)
            {
                index.Clear();
            }
        }

        /// <summary>
        /// The index over exactly these columns, built now from every row if there is none yet; null when their values
        /// cannot be ordered (mixed or unorderable types) or the table has as many indexes as it keeps.
        /// </summary>
        public ColumnIndex? IndexOn(string[] columns)
        {
            var name = string.Join("\u001f", columns);
            foreach (var existing in _indexes)
            {
                if (string.Join("\u001f", existing.Columns) == name)
                {
                    return existing;
                }
            }

            if (_indexes.Count >= MaxIndexes || _unindexable.Contains(name))
            {
                return null;
            }

            var index = ColumnIndex.Build(columns, RowsWithSequences());
            if (index == null)
            {
                _unindexable.Add(name);
                return null;
            }

            _indexes.Add(index);
            return index;
        }

        /// <summary>
        /// A column stops sharing its lookups once it holds this many different ones and under one row in four found
        /// its value already there (a row's own parent, say): the pool would cost more than it saves.
        /// </summary>
        private const int SharedReferencesOnTrial = 65536;

        // Per lookup column, one stored reference per target; null once the column proved to hold too many targets.
        private readonly Dictionary<string, ReferencePool?> _sharedReferences = new Dictionary<string, ReferencePool?>(StringComparer.Ordinal);
        private readonly List<KeyValuePair<string, EntityReference>> _referencesToShare = new List<KeyValuePair<string, EntityReference>>();

        /// <summary>
        /// Stored rows hold one shared instance of each plain lookup value per column (a deal's owner, its account)
        /// instead of one each: a reference with its empty key collection is some 170 bytes, and stored values are never
        /// handed out or changed in place (readers get copies), so sharing is invisible.
        /// </summary>
        /// <remarks>
        /// An empty key collection (a row's or a reference's) is dropped too, some 100 bytes each: a stored row is found
        /// by its id, and every reader copes with no collection (copies get a new one).
        /// </remarks>
        private void Compact(Entity row)
        {
            if (row.KeyAttributes != null && row.KeyAttributes.Count == 0)
            {
                row.KeyAttributes = null;
            }

            _referencesToShare.Clear();
            foreach (var attribute in row.Attributes)
            {
                if (attribute.Value is EntityReference reference && reference.RowVersion == null && reference.ExtensionData == null
                    && (reference.KeyAttributes == null || reference.KeyAttributes.Count == 0))
                {
                    reference.KeyAttributes = null;
                    _referencesToShare.Add(new KeyValuePair<string, EntityReference>(attribute.Key, reference));
                }
            }

            foreach (var pair in _referencesToShare)
            {
                if (!_sharedReferences.TryGetValue(pair.Key, out var pool))
                {
                    pool = new ReferencePool();
                    _sharedReferences.Add(pair.Key, pool);
                }

                if (pool == null)
                {
                    continue;
                }

                var reference = pair.Value;
                if (!pool.References.TryGetValue(reference.Id, out var shared))
                {
                    if (pool.References.Count >= SharedReferencesOnTrial && pool.Hits * 4 < pool.References.Count)
                    {
                        _sharedReferences[pair.Key] = null;
                        continue;
                    }

                    pool.References.Add(reference.Id, reference);
                }
                else if (!ReferenceEquals(shared, reference) && shared.LogicalName == reference.LogicalName && shared.Name == reference.Name)
                {
                    row.Attributes[pair.Key] = shared;
                    pool.Hits++;
                }
            }
        }

        private sealed class ReferencePool
        {
            public Dictionary<Guid, EntityReference> References { get; } = new Dictionary<Guid, EntityReference>();

            public long Hits { get; set; }
        }

        private IEnumerable<(Guid Id, long Sequence, Entity Row)> RowsWithSequences()
        {
            foreach (var pair in Rows)
            {
                yield return (pair.Key, _sequences[pair.Key], pair.Value);
            }
        }

        private void AddToIndexes(Guid id, Entity row, long? sequence)
        {
            var assigned = sequence ?? _nextSequence++;
            _sequences[id] = assigned;
            foreach (var index in _indexes)
            {
                index.Add(id, assigned, row);
            }
        }

        // A write that stored a value the index cannot order retires the index for good; queries fall back to the scan.
        private void DropBrokenIndexes()
        {
            for (var i = _indexes.Count - 1; i >= 0; i--)
            {
                if (_indexes[i].Broken)
                {
                    _unindexable.Add(string.Join("\u001f", _indexes[i].Columns));
                    _indexes.RemoveAt(i);
                }
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
