using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Storage
{
    /// <summary>
    /// A sorted index over some columns of one table, kept in step with every write of the table (and so with rollback,
    /// which writes rows back through the table). Built when a query first asks for its columns; the emulator needs no
    /// knowledge of which columns a product filters on.
    /// </summary>
    internal sealed class ColumnIndex
    {
        private SortedEntries _entries = new SortedEntries(IndexEntryComparer.Instance);
        private readonly Type?[] _types;

        public ColumnIndex(string[] columns)
        {
            Columns = columns;
            _types = new Type?[columns.Length];
        }

        public string[] Columns { get; }

        /// <summary>Set when a column held values of two types or of a type without a total order: the index cannot be trusted then.</summary>
        public bool Broken { get; private set; }

        /// <summary>The one type of the non-null values stored at this key position (null while there are none).</summary>
        public Type? TypeAt(int position) => _types[position];

        public void Add(StoredRow row)
        {
            var key = KeyOf(row);
            if (Accepts(key))
            {
                _entries.Add(new IndexEntry(key, row.Sequence, row.Id));
            }
        }

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
                var key = index.KeyOf(row);
                if (!index.Accepts(key))
                {
                    return null;
                }

                entries[built++] = new IndexEntry(key, row.Sequence, row.Id);
            }

            // Every entry is distinct (the sequence is unique).
            IndexSort.Sort(entries, built, columns.Length);
            index._entries = SortedEntries.FromSorted(IndexEntryComparer.Instance, entries, built);
            return index;
        }

        // Records the key's value types; false (and the index broken) when one cannot be ordered or differs from the column's.
        private bool Accepts(object?[] key)
        {
            for (var i = 0; i < key.Length; i++)
            {
                var value = key[i];
                if (value == null)
                {
                    continue;
                }

                var type = value.GetType();
                if (!IsOrderable(type) || (_types[i] != null && _types[i] != type))
                {
                    Broken = true;
                    return false;
                }

                _types[i] = type;
            }

            return true;
        }

        public void Remove(StoredRow row) => _entries.Remove(new IndexEntry(KeyOf(row), row.Sequence, row.Id));

        public bool SameKey(StoredRow left, StoredRow right)
        {
            foreach (var column in Columns)
            {
                left.TryGetValue(column, out var leftValue);
                right.TryGetValue(column, out var rightValue);
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
            IndexEntryComparer.Instance.Compare(low, high) > 0 ? Array.Empty<IndexEntry>() : _entries.Between(low, high);

        public static bool IsOrderable(Type type) =>
            type == typeof(int) || type == typeof(decimal) || type == typeof(Guid) || type == typeof(string) || type == typeof(DateTime)
            || type == typeof(bool) || type == typeof(long);

        private static readonly object[] SmallInts = CreateSmallInts();

        // Choice values are few: one box apiece serves every entry of every index instead of one box per entry.
        private static object SharedBox(int value) => value >= 0 && value < SmallInts.Length ? SmallInts[value] : value;

        private static object[] CreateSmallInts()
        {
            var boxes = new object[1024];
            for (var i = 0; i < boxes.Length; i++)
            {
                boxes[i] = i;
            }

            return boxes;
        }

        private object?[] KeyOf(StoredRow row)
        {
            var key = new object?[Columns.Length];
            for (var i = 0; i < Columns.Length; i++)
            {
                row.TryGetValue(Columns[i], out var value);
                key[i] = value is OptionSetValue option ? SharedBox(option.Value) : Values.Normalize(value);
            }

            return key;
        }
    }
}
