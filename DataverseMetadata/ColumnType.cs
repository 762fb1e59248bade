namespace LeadRecycle.Metadata
{
    /// <summary>Column types, named as Dataverse's AttributeTypeCode names them.</summary>
    public enum ColumnType
    {
        Uniqueidentifier,
        String,
        Memo,
        Integer,
        BigInt,
        Decimal,
        Double,
        Money,
        Boolean,
        DateTime,
        Picklist,
        State,
        Status,
        Lookup,
        Owner,
        Customer,
        EntityName,
    }
}
