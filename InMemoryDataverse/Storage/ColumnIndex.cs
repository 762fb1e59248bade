using System;
using System.Collections.Generic;

namespace LeadRecycle.InMemoryDataverse.Storage
{
    /// <summary>
    /// A sorted index over some columns of one table, kept in step with every write of the table (and so with rollback,
    /// which writes rows back through the table). Built when a query first asks for its columns; the emulator needs no
    /// knowledge of which columns a product filters on. An entry is the stored row itself: its key values are read from
    /// the row (through each row shape's slots), so the index keeps no copy of them.
    /// </summary>
    internal sealed class ColumnIndex
    {
        private SortedEntries _entries;
        private readonly Type?[] _types;

        // Each row shape's slot for each key column (-1: the shape lacks the column), by shape id; a table has few shapes.
        private int[]?[] _slotsByShape = new int[]?[8];

        public ColumnIndex(string[] columns)
        {
            Columns = columns;
            _types = new Type?[columns.Length];
            Comparer = new IndexEntryComparer(this);
            _entries = new SortedEntries(Comparer);
        }

        public string[] Columns { get; }

        /// <summary>This index's order of entries (rows and bounds).</summary>
        public IndexEntryComparer Comparer { get; }

        /// <summary>Set when a column held values of two types or of a type without a total order: the index cannot be trusted then.</summary>
        public bool Broken { get; private set; }

        /// <summary>The one type of the non-null values stored at this key position, normalized (null while there are none).</summary>
        public Type? TypeAt(int position) => _types[position];

        /// <summary>An entry's key value at a position: the row's stored value (not normalized), or the bound's.</summary>
        public object? ValueAt(IndexEntry entry, int position)
        {
            var row = entry.Row;
            if (row == null)
            {
                return entry.Bound![position];
            }

            var slot = SlotsOf(row.Shape)[position];
            return slot < 0 ? null : row.ValueAt(slot);
        }

        /// <summary>An entry's key value at a position, normalized (a lookup's id, a choice's number), as a bound holds it.</summary>
        public object? KeyAt(IndexEntry entry, int position) => Values.Normalize(ValueAt(entry, position));

        public void Add(StoredRow row)
        {
            if (Accepts(row))
            {
                _entries.Add(new IndexEntry(row));
            }
        }

        public void Remove(StoredRow row) => _entries.Remove(new IndexEntry(row));

        /// <summary>A new version of a row whose key did not change takes the old one's place (<see cref="SameKey"/> holds).</summary>
        public void Replace(StoredRow previous, StoredRow current) => _entries.Replace(new IndexEntry(previous), new IndexEntry(current));

        /// <summary>
        /// The index over every row at once, or null when a value cannot be ordered: one sort (<see cref="IndexSort"/>),
        /// which costs a fraction of adding the rows one by one.
        /// </summary>
        public static ColumnIndex? Build(string[] columns, IEnumerable<StoredRow> rows, int count)
        {
            var index = new ColumnIndex(columns);
            var entries = new IndexEntry[count];
            var built = 0;
            foreach (var row in rows)
            {
                if (!index.Accepts(row))
                {
                    return null;
                }

                entries[built++] = new IndexEntry(row);
            }

            // Every entry is distinct (the sequence is unique).
            IndexSort.Sort(index, entries, built);
            index._entries = SortedEntries.FromSorted(index.Comparer, entries, built);
            return index;
        }

        // Records the row's key value types; false (and the index broken) when one cannot be ordered or differs from the column's.
        private bool Accepts(StoredRow row)
        {
            var slots = SlotsOf(row.Shape);
            for (var i = 0; i < slots.Length; i++)
            {
                var value = slots[i] < 0 ? null : row.ValueAt(slots[i]);
                if (value == null)
                {
                    continue;
                }

                var type = Values.NormalizedType(value);
                if (!IsOrderable(type) || (_types[i] != null && _types[i] != type))
                {
                    Broken = true;
                    return false;
                }

                _types[i] = type;
            }

            return true;
        }

        public bool SameKey(StoredRow left, StoredRow right)
        {
            foreach (var column in Columns)
            {
                left.TryGetValue(column, out var leftValue);
                right.TryGetValue(column, out var rightValue);
                if (ReferenceEquals(leftValue, rightValue))
                {
                    // The new version mostly holds the old one's very values (shared, or carried over): nothing to normalize.
                    continue;
                }

                leftValue = Values.Normalize(leftValue);
                rightValue = Values.Normalize(rightValue);
                if (leftValue == null || rightValue == null)
                {
                    if (leftValue != rightValue)
                    {
                        return false;
                    }

                    continue;
                }

                // Equal under the index's order is not enough: "Abc" and "ABC" sort together but are different values.
                if (!leftValue.Equals(rightValue) || (leftValue is DateTime leftDate && leftDate.Kind != ((DateTime)rightValue).Kind))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The entries from low to high (both inclusive), in index order; costs O(log N) to start.</summary>
        public IEnumerable<IndexEntry> Between(IndexEntry low, IndexEntry high) =>
            Comparer.Compare(low, high) > 0 ? Array.Empty<IndexEntry>() : _entries.Between(low, high);

        public static bool IsOrderable(Type type) =>
            type == typeof(int) || type == typeof(decimal) || type == typeof(Guid) || type == typeof(string) || type == typeof(DateTime)
            || type == typeof(bool) || type == typeof(long);

        public int[] SlotsOf(RowShape shape)
        {
            if (shape.Id < _slotsByShape.Length && _slotsByShape[shape.Id] is { } known)
            {
                return known;
            }

            if (shape.Id >= _slotsByShape.Length)
            {
                Array.Resize(ref _slotsByShape, Math.Max(shape.Id + 1, _slotsByShape.Length * 2));
            }

            var slots = new int[Columns.Length];
            for (var i = 0; i < slots.Length; i++)
            {
                slots[i] = shape.SlotOf(Columns[i]);
            }

            _slotsByShape[shape.Id] = slots;
            return slots;
        }
    }
}
