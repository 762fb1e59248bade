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
