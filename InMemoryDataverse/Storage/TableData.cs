using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Storage
{
    /// <summary>
    /// The rows of one table, stored compactly (<see cref="StoredRow"/>), with its alternate-key and column indexes.
    /// Writers hand over an Entity of their own; readers get a <see cref="StoredRow"/> or an Entity built from one.
    /// </summary>
    internal sealed class TableData
    {
        private readonly Dictionary<string, Guid>[] _keyIndexes;
        private readonly Dictionary<Guid, StoredRow> _rows = new Dictionary<Guid, StoredRow>();
        private long _nextSequence;
        private readonly List<ColumnIndex> _indexes = new List<ColumnIndex>();
        private readonly HashSet<string> _unindexable = new HashSet<string>(StringComparer.Ordinal);

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

        /// <summary>A table keeps this many indexes at most: each one costs every write a little.</summary>
        public const int MaxIndexes = 24;

        public int Count => _rows.Count;

        public bool Contains(Guid id) => _rows.ContainsKey(id);

        /// <summary>Every stored row, in no particular order (a query sorts what it keeps by sequence).</summary>
        public IEnumerable<StoredRow> StoredRows => _rows.Values;

        public bool TryGetRow(Guid id, out StoredRow row) => _rows.TryGetValue(id, out row!);

        /// <summary>The row as an Entity of the reader's own (its values are the stored ones: copy them to hand them out).</summary>
        public bool TryGet(Guid id, out Entity row)
        {
            if (_rows.TryGetValue(id, out var stored))
            {
                row = stored.ToEntity(Schema.LogicalName);
                return true;
            }

            row = null!;
            return false;
        }

        /// <summary>The row as an Entity (see <see cref="TryGet"/>); the row must exist.</summary>
        public Entity Get(Guid id) => _rows[id].ToEntity(Schema.LogicalName);

        /// <summary>One column of one row without building the row (a lookup's name, a user's business unit).</summary>
        public bool TryGetValue(Guid id, string column, out object? value)
        {
            if (_rows.TryGetValue(id, out var stored))
            {
                return stored.TryGetValue(column, out value);
            }

            value = null;
            return false;
        }

        /// <summary>The rows in scan (sequence) order, kept until the next write: a paged read of a whole table sorts it once, not once a page.</summary>
        public List<StoredRow> RowsInScanOrder()
        {
            if (_scanOrder == null)
            {
                _scanOrder = new List<StoredRow>(_rows.Values);
                _scanOrder.Sort((left, right) => left.Sequence.CompareTo(right.Sequence));
            }

            return _scanOrder;
        }

        private List<StoredRow>? _scanOrder;

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

        /// <summary>
        /// Writes a row (a new one, or over the stored one, which keeps its place in scan order) after checking its
        /// alternate keys (a duplicate throws and changes nothing); returns the row it replaced, or null.
        /// </summary>
        public StoredRow? Put(Guid id, Entity row)
        {
            _rows.TryGetValue(id, out var current);
            var stored = Store(id, current?.Sequence ?? _nextSequence, row);
            string?[]? newKeys = null;
            if (_keyIndexes.Length > 0)
            {
                newKeys = new string?[_keyIndexes.Length];
                for (var i = 0; i < _keyIndexes.Length; i++)
                {
                    var text = KeyText(stored, Schema.AlternateKeys[i].Columns);
                    if (text != null && _keyIndexes[i].TryGetValue(text, out var owner) && owner != id)
                    {
                        throw DuplicateKey(Schema.AlternateKeys[i], row);
                    }

                    newKeys[i] = text;
                }

                RemoveKeys(id, current);
                for (var i = 0; i < _keyIndexes.Length; i++)
                {
                    if (newKeys[i] != null)
                    {
                        _keyIndexes[i][newKeys[i]!] = id;
                    }
                }
            }

            _scanOrder = null;
            _rows[id] = stored;
            if (current != null)
            {
                foreach (var index in _indexes)
                {
                    if (index.SameKey(current, stored))
                    {
                        index.Replace(current, stored);
                    }
                    else
                    {
                        index.Remove(current);
                        index.Add(stored);
                    }
                }
            }
            else
            {
                _nextSequence++;
                foreach (var index in _indexes)
                {
                    index.Add(stored);
                }
            }

            DropBrokenIndexes();
            return current;
        }

        /// <summary>Puts a row back as it was, in its own place in scan order (null: removes it); used by rollback and delete, never checks keys.</summary>
        public StoredRow? Restore(Guid id, StoredRow? row)
        {
            _scanOrder = null;
            if (_rows.TryGetValue(id, out var current))
            {
                RemoveKeys(id, current);
                _rows.Remove(id);
                foreach (var index in _indexes)
                {
                    index.Remove(current);
                }
            }

            if (row == null)
            {
                return current;
            }

            _rows[id] = row;
            foreach (var index in _indexes)
            {
                index.Add(row);
            }

            DropBrokenIndexes();
            for (var i = 0; i < _keyIndexes.Length; i++)
            {
                var text = KeyText(row, Schema.AlternateKeys[i].Columns);
                if (text != null)
                {
                    _keyIndexes[i][text] = id;
                }
            }

            return current;
        }

        public void Clear()
        {
            _scanOrder = null;
            _sharedReferences.Clear();
            _sharedOptions.Clear();
            Array.Clear(_recentDates);
            Array.Clear(_recentTexts);
            _shapes.Clear();
            _lastShape = null;
            _rows.Clear();
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

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var index = ColumnIndex.Build(columns, _rows.Values, _rows.Count);
            if (Query.QueryProfile.On)
            {
                Query.QueryProfile.AddIndexBuild(Schema.LogicalName, columns, _rows.Count, System.Diagnostics.Stopwatch.GetTimestamp() - started);
            }
            if (index == null)
            {
                _unindexable.Add(name);
                return null;
            }

            _indexes.Add(index);
            return index;
        }

        // The shapes rows of this table have had; most writes have the shape of the write before (a page of deals).
        private readonly Dictionary<string, RowShape> _shapes = new Dictionary<string, RowShape>(StringComparer.Ordinal);
        private RowShape? _lastShape;

        /// <summary>The row to store for an Entity: its columns' shape found or made once, its values shared where they repeat.</summary>
        private StoredRow Store(Guid id, long sequence, Entity row)
        {
            var attributes = row.Attributes;
            var shape = _lastShape;
            if (shape == null || !shape.Matches(attributes))
            {
                var columns = new string[attributes.Count];
                var c = 0;
                foreach (var attribute in attributes)
                {
                    columns[c++] = attribute.Key;
                }

                var name = string.Join("\u001f", columns);
                if (!_shapes.TryGetValue(name, out shape))
                {
                    shape = new RowShape(_shapes.Count, columns);
                    _shapes.Add(name, shape);
                }

                _lastShape = shape;
            }

            var values = new object?[attributes.Count];
            var i = 0;
            foreach (var attribute in attributes)
            {
                values[i++] = Shared(attribute.Key, attribute.Value);
            }

            return new StoredRow(id, sequence, shape, values);
        }

        /// <summary>
        /// A column stops sharing its lookups once it holds this many different ones and under one row in four found
        /// its value already there (a row's own parent, say): the pool would cost more than it saves.
        /// </summary>
        private const int SharedReferencesOnTrial = 65536;

        // Per lookup column, one stored reference per target; null once the column proved to hold too many targets.
        private readonly Dictionary<string, ReferencePool?> _sharedReferences = new Dictionary<string, ReferencePool?>(StringComparer.Ordinal);
        private readonly Dictionary<int, OptionSetValue> _sharedOptions = new Dictionary<int, OptionSetValue>();
        private static readonly object BoxedTrue = true;
        private static readonly object BoxedFalse = false;

        /// <summary>
        /// Stored rows hold one shared instance of each plain lookup value per column (a deal's owner, its account), of
        /// each choice value and of each Boolean, and often of a date or a short text, instead of one each: a reference is some 70 bytes, a choice 24; stored
        /// values are never handed out or changed in place (readers get copies), so sharing is invisible.
        /// </summary>
        private object? Shared(string column, object? value)
        {
            switch (value)
            {
                case bool flag:
                    return flag ? BoxedTrue : BoxedFalse;
                case DateTime date:
                    return SharedRecent(_recentDates, (ulong)date.Ticks, value, SameDate);
                case string text when text.Length <= SharedTextMaxLength:
                    return SharedRecent(_recentTexts, (ulong)(uint)string.GetHashCode(text, StringComparison.Ordinal), text, SameText);
                case OptionSetValue option when option.ExtensionData == null:
                    if (!_sharedOptions.TryGetValue(option.Value, out var sharedOption))
                    {
                        sharedOption = option;
                        _sharedOptions.Add(option.Value, option);
                    }

                    return sharedOption;
                case EntityReference reference when reference.RowVersion == null && reference.ExtensionData == null
                    && (reference.KeyAttributes == null || reference.KeyAttributes.Count == 0):
                    return SharedReference(column, reference);
                default:
                    return value;
            }
        }

        /// <summary>
        /// Slots of recently stored dates and short texts: a row written at a clock time (created on, modified on) or on
        /// a calendar day mostly holds a date another row holds too, and a stage key or a status word repeats over a
        /// million rows, each written from an instance of its own. A value is shared when its slot (by its hash) holds an
        /// equal one; otherwise it takes the slot. Bounded, and a miss costs nothing but the slot. Both are immutable, so
        /// sharing is invisible.
        /// </summary>
        private const int RecentSlotBits = 12;
        private const int SharedTextMaxLength = 64;
        private readonly object?[] _recentDates = new object?[1 << RecentSlotBits];
        private readonly object?[] _recentTexts = new object?[1 << RecentSlotBits];

        private static object SharedRecent(object?[] slots, ulong hash, object value, Func<object, object, bool> same)
        {
            // Fibonacci hashing: whole days are multiples of 2^14 ticks, so the low bits alone would put them all in one slot.
            var slot = (int)((hash * 0x9E3779B97F4A7C15UL) >> (64 - RecentSlotBits));
            var recent = slots[slot];
            if (recent != null && same(recent, value))
            {
                return recent;
            }

            slots[slot] = value;
            return value;
        }

        private static bool SameDate(object recent, object value) =>
            recent is DateTime left && value is DateTime right && left.Ticks == right.Ticks && left.Kind == right.Kind;

        private static bool SameText(object recent, object value) => string.Equals((string)recent, (string)value, StringComparison.Ordinal);

        private EntityReference SharedReference(string column, EntityReference reference)
        {
            if (!_sharedReferences.TryGetValue(column, out var pool))
            {
                pool = new ReferencePool();
                _sharedReferences.Add(column, pool);
            }

            // An empty key collection is dropped (some 100 bytes): a stored reference is matched by its id, and every
            // reader copes with no collection (copies get a new one).
            reference.KeyAttributes = null;
            if (pool == null)
            {
                return reference;
            }

            if (!pool.References.TryGetValue(reference.Id, out var shared))
            {
                if (pool.References.Count >= SharedReferencesOnTrial && pool.Hits * 4 < pool.References.Count)
                {
                    _sharedReferences[column] = null;
                    return reference;
                }

                pool.References.Add(reference.Id, reference);
                return reference;
            }

            if (!ReferenceEquals(shared, reference) && shared.LogicalName == reference.LogicalName && shared.Name == reference.Name)
            {
                pool.Hits++;
                return shared;
            }

            return reference;
        }

        private sealed class ReferencePool
        {
            public Dictionary<Guid, EntityReference> References { get; } = new Dictionary<Guid, EntityReference>();

            public long Hits { get; set; }
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

        private void RemoveKeys(Guid id, StoredRow? row)
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

        private static string? KeyText(StoredRow row, IReadOnlyList<string> columns)
        {
            var values = new object?[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                row.TryGetValue(columns[c], out var value);
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
