using System;
using System.Globalization;
using LeadRecycle.Metadata;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Storage
{
    /// <summary>Checks a Target against the table's metadata the way Dataverse does before it writes.</summary>
    internal static class Validator
    {
        public static void ValidateAttributes(TableSchema schema, Entity entity, Func<string, Guid, bool>? recordExists)
        {
            foreach (var attribute in entity.Attributes)
            {
                var column = schema.GetColumn(attribute.Key);
                if (attribute.Value != null)
                {
                    ValidateValue(schema, column, attribute.Value, recordExists);
                }
            }
        }

        public static void ValidateValue(TableSchema schema, ColumnSchema column, object value, Func<string, Guid, bool>? recordExists)
        {
            switch (column.Type)
            {
                case ColumnType.Uniqueidentifier:
                    Expect<Guid>(schema, column, value);
                    break;
                case ColumnType.String:
                case ColumnType.Memo:
                case ColumnType.EntityName:
                    var text = Expect<string>(schema, column, value);
                    if (column.Metadata.MaxLength is int maxLength && text.Length > maxLength)
                    {
                        throw new DataverseFaultException(DataverseErrorCodes.StringLengthTooLong, string.Format(CultureInfo.InvariantCulture,
                            "A validation error occurred. The length of the '{0}' attribute of the '{1}' entity exceeded the maximum allowed length of '{2}'.",
                            column.LogicalName, schema.LogicalName, maxLength));
                    }

                    break;
                case ColumnType.Integer:
                    CheckRange(schema, column, Expect<int>(schema, column, value));
                    break;
                case ColumnType.BigInt:
                    Expect<long>(schema, column, value);
                    break;
                case ColumnType.Decimal:
                    CheckRange(schema, column, Expect<decimal>(schema, column, value));
                    break;
                case ColumnType.Double:
                    CheckRange(schema, column, (decimal)Expect<double>(schema, column, value));
                    break;
                case ColumnType.Money:
                    CheckRange(schema, column, Expect<Money>(schema, column, value).Value);
                    break;
                case ColumnType.Boolean:
                    Expect<bool>(schema, column, value);
                    break;
                case ColumnType.DateTime:
                    Expect<DateTime>(schema, column, value);
                    break;
                case ColumnType.Picklist:
                case ColumnType.State:
                case ColumnType.Status:
                    var option = Expect<OptionSetValue>(schema, column, value);
                    if (!column.IsOptionValid(option.Value))
                    {
                        throw new DataverseFaultException(DataverseErrorCodes.PicklistValueOutOfRange, string.Format(CultureInfo.InvariantCulture,
                            "A validation error occurred. The value {0} of '{1}' on record of type '{2}' is outside the valid range. Accepted Values: {3}",
                            option.Value, column.LogicalName, schema.LogicalName, column.AcceptedOptions));
                    }

                    break;
                case ColumnType.Lookup:
                case ColumnType.Owner:
                case ColumnType.Customer:
                    var reference = Expect<EntityReference>(schema, column, value);
                    if (string.IsNullOrEmpty(reference.LogicalName) || !column.IsTargetValid(reference.LogicalName))
                    {
                        throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture,
                            "The entity reference to '{0}' is not valid for attribute '{1}' of entity '{2}'; it may point at: {3}.",
                            reference.LogicalName, column.LogicalName, schema.LogicalName, string.Join(", ", column.Metadata.Targets)));
                    }

                    if (recordExists != null && !recordExists(reference.LogicalName, reference.Id))
                    {
                        throw Faults.DoesNotExist(reference.LogicalName, reference.Id);
                    }

                    break;
                default:
                    throw new NotSupportedException($"Column type {column.Type} is not supported by the in-memory Dataverse.");
            }
        }

        private static T Expect<T>(TableSchema schema, ColumnSchema column, object value)
        {
            if (value is T typed)
            {
                return typed;
            }

            throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture,
                "Incorrect type of attribute value {0} for attribute '{1}' of entity '{2}': a {3} column takes {4}.",
                value.GetType().FullName, column.LogicalName, schema.LogicalName, column.Type, typeof(T).FullName));
        }

        private static void CheckRange(TableSchema schema, ColumnSchema column, decimal value)
        {
            if ((column.Metadata.MinValue is decimal min && value < min) || (column.Metadata.MaxValue is decimal max && value > max))
            {
                throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture,
                    "A validation error occurred. The value of '{0}' on record of type '{1}' is outside the valid range.",
                    column.LogicalName, schema.LogicalName));
            }
        }
    }
}
