using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Storage
{
    /// <summary>
    /// One stored row: its id, its place in scan order, and its values in the slots of a <see cref="RowShape"/> shared by
    /// every row with the same columns. An <see cref="Entity"/> keeps three dictionaries (attributes, formatted values,
    /// related entities), some 1 KB for a deal's twenty columns; this keeps an array (some 200 bytes), and builds an
    /// Entity only for the reader who asks for one. Immutable: a write stores a new row, so the undo log and the indexes
    /// can hold the old one as it was.
    /// </summary>
    internal sealed class StoredRow
    {
        private readonly object?[] _values;

        public StoredRow(Guid id, long sequence, RowShape shape, object?[] values)
        {
            Id = id;
            Sequence = sequence;
            Shape = shape;
            _values = values;
        }

        public Guid Id { get; }

        /// <summary>The row's insertion sequence: the order a scan returns rows in, and the tie-break of every index.</summary>
        public long Sequence { get; }

        public RowShape Shape { get; }

        public int Count => _values.Length;

        public string ColumnAt(int slot) => Shape.Columns[slot];

        public object? ValueAt(int slot) => _values[slot];

        /// <summary>The stored value of a column (never to be changed or handed out: copy it), as Entity.Attributes.TryGetValue.</summary>
        public bool TryGetValue(string column, out object? value)
        {
            var slot = Shape.SlotOf(column);
            if (slot < 0)
            {
                value = null;
                return false;
            }

            value = _values[slot];
            return true;
        }

        /// <summary>
        /// An Entity holding the stored values themselves: for the emulator's own reading (a pre-image to merge, a state to
        /// check); whoever hands it out copies it, as the stored row itself was never handed out.
        /// </summary>
        public Entity ToEntity(string logicalName)
        {
            var entity = new Entity(logicalName, Id);
            var columns = Shape.Columns;
            for (var i = 0; i < _values.Length; i++)
            {
                entity.Attributes[columns[i]] = _values[i];
            }

            return entity;
        }
    }

    /// <summary>The columns of a row, in the order they were written, and each column's slot; one instance per set of columns per table.</summary>
    internal sealed class RowShape
    {
        private readonly Dictionary<string, int> _slots;

        public RowShape(int id, string[] columns)
        {
            Id = id;
            Columns = columns;
            _slots = new Dictionary<string, int>(columns.Length, StringComparer.Ordinal);
            for (var i = 0; i < columns.Length; i++)
            {
                _slots[columns[i]] = i;
            }
        }

        /// <summary>The shape's number in its table (0, 1, 2, ...): indexes keep their slots per shape in an array.</summary>
        public int Id { get; }

        public string[] Columns { get; }

        public int SlotOf(string column) => _slots.TryGetValue(column, out var slot) ? slot : -1;

        /// <summary>True when the attributes are these columns in this order.</summary>
        public bool Matches(AttributeCollection attributes)
        {
            if (attributes.Count != Columns.Length)
            {
                return false;
            }

            var i = 0;
            foreach (var attribute in attributes)
            {
                if (!string.Equals(attribute.Key, Columns[i++], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
