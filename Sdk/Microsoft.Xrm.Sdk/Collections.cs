using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A keyed collection; like Microsoft's, it is enumerable but not an IDictionary.</summary>
    [Serializable]
    public abstract class DataCollection<TKey, TValue> : IEnumerable<KeyValuePair<TKey, TValue>>, IEnumerable
    {
        private readonly Dictionary<TKey, TValue> _items = new Dictionary<TKey, TValue>();

        protected internal DataCollection()
        {
        }

        public int Count => _items.Count;

        public bool IsReadOnly => false;

        public virtual TValue this[TKey key]
        {
            get => _items[key];
            set => _items[key] = value;
        }

        public ICollection<TKey> Keys => _items.Keys;

        public ICollection<TValue> Values => _items.Values;

        public void Add(TKey key, TValue value) => _items.Add(key, value);

        public void Add(KeyValuePair<TKey, TValue> item) => _items.Add(item.Key, item.Value);

        public void AddRange(params KeyValuePair<TKey, TValue>[] items) => AddRange((IEnumerable<KeyValuePair<TKey, TValue>>)items);

        public void AddRange(IEnumerable<KeyValuePair<TKey, TValue>> items)
        {
            if (items == null)
            {
                throw new ArgumentNullException(nameof(items));
            }

            foreach (var item in items)
            {
                _items.Add(item.Key, item.Value);
            }
        }

        public void Clear() => _items.Clear();

        public bool Contains(TKey key) => _items.ContainsKey(key);

        public bool Contains(KeyValuePair<TKey, TValue> key) => ((ICollection<KeyValuePair<TKey, TValue>>)_items).Contains(key);

        public bool ContainsKey(TKey key) => _items.ContainsKey(key);

        public void CopyTo(KeyValuePair<TKey, TValue>[] array, int index) => ((ICollection<KeyValuePair<TKey, TValue>>)_items).CopyTo(array, index);

        public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _items.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

        public bool Remove(TKey key) => _items.Remove(key);

        public bool Remove(KeyValuePair<TKey, TValue> item) => ((ICollection<KeyValuePair<TKey, TValue>>)_items).Remove(item);

        public bool TryGetValue(TKey key, out TValue value) => _items.TryGetValue(key, out value);
    }

    /// <summary>
    /// Only the SDK itself creates a DataCollection&lt;T&gt; (the Entities of an EntityCollection, the parts of a
    /// query): Microsoft documents no constructor for it in the 9.0 assemblies ("DataCollection&lt;T&gt; Class",
    /// Dynamics CRM 2015/2016 SDK reference, lists methods only), so both are internal. Code outside the SDK uses the
    /// derived collections Microsoft exposes (EntityCollection, EntityReferenceCollection, ...).
    /// </summary>
    [Serializable]
    public class DataCollection<T> : Collection<T>
    {
        internal DataCollection()
        {
        }

        // Copies, so that a caller's array or read-only list never becomes the backing store.
        internal DataCollection(IList<T> list)
            : base(new List<T>(list))
        {
        }

        public void AddRange(params T[] items) => AddRange((IEnumerable<T>)items);

        public void AddRange(IEnumerable<T> items)
        {
            if (items == null)
            {
                throw new ArgumentNullException(nameof(items));
            }

            foreach (var item in items)
            {
                Add(item);
            }
        }

        public T[] ToArray()
        {
            var array = new T[Count];
            CopyTo(array, 0);
            return array;
        }
    }

    [CollectionDataContract(Name = "AttributeCollection", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class AttributeCollection : DataCollection<string, object>
    {
        public AttributeCollection()
        {
        }
    }

    [CollectionDataContract(Name = "ParameterCollection", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class ParameterCollection : DataCollection<string, object>
    {
        public ParameterCollection()
        {
        }
    }

    [CollectionDataContract(Name = "EntityImageCollection", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class EntityImageCollection : DataCollection<string, Entity>
    {
        public EntityImageCollection()
        {
        }
    }

    [CollectionDataContract(Name = "FormattedValueCollection", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class FormattedValueCollection : DataCollection<string, string>
    {
        public FormattedValueCollection()
        {
        }
    }

    [CollectionDataContract(Name = "KeyAttributeCollection", Namespace = "http://schemas.microsoft.com/xrm/7.1/Contracts")]
    [Serializable]
    public sealed class KeyAttributeCollection : DataCollection<string, object>
    {
        public KeyAttributeCollection()
        {
        }
    }

    [CollectionDataContract(Name = "RelatedEntityCollection", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class RelatedEntityCollection : DataCollection<Relationship, EntityCollection>
    {
        public RelatedEntityCollection()
        {
        }
    }

    [CollectionDataContract(Name = "EntityReferenceCollection", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class EntityReferenceCollection : DataCollection<EntityReference>
    {
        public EntityReferenceCollection()
        {
        }

        public EntityReferenceCollection(IList<EntityReference> list)
            : base(list ?? throw new ArgumentNullException(nameof(list)))
        {
        }
    }
}
