using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    [DataContract(Name = "Entity", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public class Entity : IExtensibleDataObject
    {
        private Guid _id;

        public Entity()
        {
            Attributes = new AttributeCollection();
            FormattedValues = new FormattedValueCollection();
            RelatedEntities = new RelatedEntityCollection();
            KeyAttributes = new KeyAttributeCollection();
        }

        public Entity(string entityName)
            : this()
        {
            LogicalName = entityName;
        }

        public Entity(string entityName, Guid id)
            : this(entityName)
        {
            _id = id;
        }

        public Entity(string entityName, KeyAttributeCollection keyAttributes)
            : this(entityName)
        {
            KeyAttributes = keyAttributes;
        }

        public Entity(string entityName, string keyName, object keyValue)
            : this(entityName)
        {
            KeyAttributes.Add(keyName, keyValue);
        }

        [DataMember]
        public AttributeCollection Attributes { get; set; }

        [DataMember]
        public EntityState? EntityState { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        [DataMember]
        public FormattedValueCollection FormattedValues { get; internal set; }

        [DataMember]
        public virtual Guid Id
        {
            get => _id;
            set => _id = value;
        }

        [DataMember]
        public KeyAttributeCollection KeyAttributes { get; set; }

        [DataMember]
        public string LogicalName { get; set; }

        [DataMember]
        public RelatedEntityCollection RelatedEntities { get; internal set; }

        [DataMember]
        public string RowVersion { get; set; }

        public object this[string attributeName]
        {
            get => Attributes[attributeName];
            set => Attributes[attributeName] = value;
        }

        public bool Contains(string attributeName) => Attributes.Contains(attributeName);

        /// <summary>The value cast to T, or default(T) when the column is absent or null (Microsoft's behaviour).</summary>
        public virtual T GetAttributeValue<T>(string attributeLogicalName)
        {
            if (!Attributes.TryGetValue(attributeLogicalName, out var value) || value == null)
            {
                return default;
            }

            return (T)value;
        }

        public EntityReference ToEntityReference()
        {
            var reference = new EntityReference(LogicalName, Id);
            if (KeyAttributes != null && KeyAttributes.Count > 0)
            {
                reference.KeyAttributes = KeyAttributes;
            }

            return reference;
        }
    }

    [DataContract(Name = "EntityReference", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    [Serializable]
    public sealed class EntityReference : IExtensibleDataObject
    {
        public EntityReference()
        {
            KeyAttributes = new KeyAttributeCollection();
        }

        public EntityReference(string logicalName)
            : this()
        {
            LogicalName = logicalName;
        }

        public EntityReference(string logicalName, Guid id)
            : this(logicalName)
        {
            Id = id;
        }

        public EntityReference(string logicalName, KeyAttributeCollection keyAttributeCollection)
            : this(logicalName)
        {
            KeyAttributes = keyAttributeCollection;
        }

        public EntityReference(string logicalName, string keyName, object keyValue)
            : this(logicalName)
        {
            KeyAttributes.Add(keyName, keyValue);
        }

        [DataMember]
        public Guid Id { get; set; }

        [DataMember]
        public string LogicalName { get; set; }

        [DataMember]
        public string Name { get; set; }

        [DataMember]
        public KeyAttributeCollection KeyAttributes { get; set; }

        [DataMember]
        public string RowVersion { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }
    }

    [DataContract(Name = "EntityCollection", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class EntityCollection : IExtensibleDataObject
    {
        public EntityCollection()
        {
            Entities = new DataCollection<Entity>();
        }

        public EntityCollection(IList<Entity> list)
        {
            Entities = new DataCollection<Entity>(list ?? throw new ArgumentNullException(nameof(list)));
        }

        [DataMember]
        public DataCollection<Entity> Entities { get; private set; }

        public string EntityName { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        public Entity this[int index]
        {
            get => Entities[index];
            set => Entities[index] = value;
        }

        [DataMember]
        public string MinActiveRowVersion { get; set; }

        public bool MoreRecords { get; set; }

        [DataMember]
        public string PagingCookie { get; set; }

        public int TotalRecordCount { get; set; }

        public bool TotalRecordCountLimitExceeded { get; set; }
    }

    [DataContract(Name = "OptionSetValue", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class OptionSetValue : IExtensibleDataObject
    {
        public OptionSetValue()
        {
        }

        public OptionSetValue(int value)
        {
            Value = value;
        }

        [DataMember]
        public int Value { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        public override bool Equals(object obj) => obj is OptionSetValue other && other.Value == Value;

        public override int GetHashCode() => Value.GetHashCode();
    }

    [DataContract(Name = "Money", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class Money : IExtensibleDataObject
    {
        public Money()
        {
        }

        public Money(decimal value)
        {
            Value = value;
        }

        [DataMember]
        public decimal Value { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        public override bool Equals(object obj) => obj is Money other && other.Value == Value;

        public override int GetHashCode() => Value.GetHashCode();
    }

    [DataContract(Name = "Relationship", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class Relationship : IExtensibleDataObject
    {
        public Relationship()
        {
        }

        public Relationship(string schemaName)
        {
            SchemaName = schemaName;
        }

        [DataMember]
        public EntityRole? PrimaryEntityRole { get; set; }

        [DataMember]
        public string SchemaName { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        public override bool Equals(object obj) =>
            obj is Relationship other
            && string.Equals(other.SchemaName, SchemaName, StringComparison.Ordinal)
            && other.PrimaryEntityRole == PrimaryEntityRole;

        public override int GetHashCode() => (SchemaName ?? string.Empty).GetHashCode() ^ PrimaryEntityRole.GetHashCode();
    }

    [DataContract(Name = "AliasedValue", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class AliasedValue : IExtensibleDataObject
    {
        public AliasedValue()
        {
        }

        public AliasedValue(string entityLogicalName, string attributeLogicalName, object value)
        {
            EntityLogicalName = entityLogicalName;
            AttributeLogicalName = attributeLogicalName;
            Value = value;
        }

        [DataMember]
        public string EntityLogicalName { get; internal set; }

        [DataMember]
        public string AttributeLogicalName { get; internal set; }

        [DataMember]
        public object Value { get; internal set; }

        public ExtensionDataObject ExtensionData { get; set; }
    }

    [DataContract(Name = "OrganizationRequest", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public class OrganizationRequest : IExtensibleDataObject
    {
        public OrganizationRequest()
        {
            Parameters = new ParameterCollection();
        }

        public OrganizationRequest(string requestName)
            : this()
        {
            RequestName = requestName;
        }

        public ExtensionDataObject ExtensionData { get; set; }

        public object this[string parameterName]
        {
            get => Parameters[parameterName];
            set => Parameters[parameterName] = value;
        }

        [DataMember]
        public ParameterCollection Parameters { get; set; }

        [DataMember]
        public Guid? RequestId { get; set; }

        [DataMember]
        public string RequestName { get; set; }
    }

    [DataContract(Name = "OrganizationResponse", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public class OrganizationResponse : IExtensibleDataObject
    {
        public OrganizationResponse()
        {
            Results = new ParameterCollection();
        }

        public ExtensionDataObject ExtensionData { get; set; }

        public object this[string parameterName]
        {
            get => Results[parameterName];
            set => Results[parameterName] = value;
        }

        [DataMember]
        public string ResponseName { get; set; }

        [DataMember]
        public ParameterCollection Results { get; set; }
    }
}
