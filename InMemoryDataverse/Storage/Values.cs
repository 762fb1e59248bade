using System;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Storage
{
    /// <summary>Copying and comparing attribute values the way the store needs them.</summary>
    internal static class Values
    {
        /// <summary>A copy of a value whose type is mutable in the SDK (EntityReference, OptionSetValue, Money).</summary>
        public static object? Copy(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case EntityReference reference:
                    return new EntityReference(reference.LogicalName, reference.Id) { Name = reference.Name };
                case OptionSetValue option:
                    return new OptionSetValue(option.Value);
                case Money money:
                    return new Money(money.Value);
                case Entity entity:
                    return CopyEntity(entity);
                case EntityCollection collection:
                    var copy = new EntityCollection { EntityName = collection.EntityName };
                    foreach (var item in collection.Entities)
                    {
                        copy.Entities.Add(CopyEntity(item));
                    }

                    return copy;
                case AliasedValue aliased:
                    return new AliasedValue(aliased.EntityLogicalName, aliased.AttributeLogicalName, Copy(aliased.Value));
                default:
                    return value;
            }
        }

        /// <summary>A copy for a reader: lookups carry the current primary name of the row they point at, as Dataverse returns them.</summary>
        public static object? CopyOut(object? value, Func<EntityReference, string?>? names) =>
            value is EntityReference reference && names != null
                ? new EntityReference(reference.LogicalName, reference.Id) { Name = names(reference) }
                : Copy(value);

        public static Entity CopyEntity(Entity source)
        {
            var copy = new Entity(source.LogicalName, source.Id);
            foreach (var attribute in source.Attributes)
            {
                copy.Attributes[attribute.Key] = Copy(attribute.Value);
            }

            if (source.KeyAttributes != null)
            {
                foreach (var key in source.KeyAttributes)
                {
                    copy.KeyAttributes[key.Key] = key.Value;
                }
            }

            return copy;
        }

        /// <summary>The comparable core of a value: a Guid for references, an int for options, a decimal for money.</summary>
        public static object? Normalize(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case EntityReference reference:
                    return reference.Id;
                case OptionSetValue option:
                    return option.Value;
                case Money money:
                    return money.Value;
                case AliasedValue aliased:
                    return Normalize(aliased.Value);
                case Enum enumValue:
                    return Convert.ToInt32(enumValue, CultureInfo.InvariantCulture);
                default:
                    return value;
            }
        }

        /// <summary>
        /// <see cref="Compare"/> of the normalized values, without normalizing (which boxes a lookup's id or money's
        /// amount): either side may be a stored value (EntityReference, OptionSetValue, Money) or a normalized one.
        /// </summary>
        public static int CompareStored(object left, object right)
        {
            switch (left)
            {
                case EntityReference leftReference:
                    return right is EntityReference rightReference ? leftReference.Id.CompareTo(rightReference.Id)
                        : right is Guid rightId ? leftReference.Id.CompareTo(rightId)
                        : Compare(leftReference.Id, Normalize(right)!);
                case OptionSetValue leftOption:
                    return right is OptionSetValue rightOption ? leftOption.Value.CompareTo(rightOption.Value)
                        : right is int rightInt ? leftOption.Value.CompareTo(rightInt)
                        : Compare(leftOption.Value, Normalize(right)!);
                case Money leftMoney:
                    return right is Money rightMoney ? leftMoney.Value.CompareTo(rightMoney.Value)
                        : right is decimal rightDecimal ? leftMoney.Value.CompareTo(rightDecimal)
                        : Compare(leftMoney.Value, Normalize(right)!);
            }

            if (right is EntityReference || right is OptionSetValue || right is Money)
            {
                return -CompareStored(right, left);
            }

            return left is Enum || right is Enum || left is AliasedValue || right is AliasedValue
                ? Compare(Normalize(left)!, Normalize(right)!)
                : Compare(left, right);
        }

        /// <summary>The type <see cref="Normalize"/> turns a value into, without normalizing it.</summary>
        public static Type NormalizedType(object value)
        {
            switch (value)
            {
                case EntityReference _:
                    return typeof(Guid);
                case OptionSetValue _:
                case Enum _:
                    return typeof(int);
                case Money _:
                    return typeof(decimal);
                case AliasedValue aliased:
                    return aliased.Value == null ? typeof(object) : NormalizedType(aliased.Value);
                default:
                    return value.GetType();
            }
        }

        /// <summary>Equality under Dataverse's rules: strings ignore case, numbers compare by value.</summary>
        public static bool AreEqual(object? left, object? right)
        {
            left = Normalize(left);
            right = Normalize(right);
            if (left == null || right == null)
            {
                return left == null && right == null;
            }

            return Compare(left, right) == 0;
        }

        /// <summary>Orders two normalized non-null values; values of unrelated types compare as their invariant strings.</summary>
        public static int Compare(object left, object right)
        {
            // Most comparisons (an index's sort and seeks) are of two values of one type, often the same shared box.
            if (ReferenceEquals(left, right))
            {
                return 0;
            }

            if (left.GetType() == right.GetType())
            {
                switch (left)
                {
                    case int sameInt:
                        return sameInt.CompareTo((int)right);
                    case DateTime sameDate:
                        var otherDate = (DateTime)right;
                        return sameDate.Kind != DateTimeKind.Local && otherDate.Kind != DateTimeKind.Local
                            ? sameDate.Ticks.CompareTo(otherDate.Ticks)
                            : ToUtc(sameDate).CompareTo(ToUtc(otherDate));
                    case Guid sameGuid:
                        return sameGuid.CompareTo((Guid)right);
                    case decimal sameDecimal:
                        return sameDecimal.CompareTo((decimal)right);
                    case string sameText:
                        return string.Compare(sameText, (string)right, StringComparison.OrdinalIgnoreCase);
                    case long sameLong:
                        return sameLong.CompareTo((long)right);
                    case bool sameBool:
                        return sameBool.CompareTo((bool)right);
                }
            }

            if (left is int leftInt && right is int rightInt)
            {
                return leftInt.CompareTo(rightInt);
            }

            if (left is decimal leftDecimal && right is decimal rightDecimal)
            {
                return leftDecimal.CompareTo(rightDecimal);
            }

            if (left is Guid leftId && right is Guid rightId)
            {
                return leftId.CompareTo(rightId);
            }

            if (left is string leftText && right is string rightText)
            {
                return string.Compare(leftText, rightText, StringComparison.OrdinalIgnoreCase);
            }

            if (IsNumeric(left) && IsNumeric(right))
            {
                if (left is double || left is float || right is double || right is float)
                {
                    return Convert.ToDouble(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(right, CultureInfo.InvariantCulture));
                }

                return Convert.ToDecimal(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(right, CultureInfo.InvariantCulture));
            }

            if (left is DateTime leftDate && right is DateTime rightDate)
            {
                return ToUtc(leftDate).CompareTo(ToUtc(rightDate));
            }

            if (left is Guid leftGuid)
            {
                if (right is Guid rightGuid)
                {
                    return leftGuid.CompareTo(rightGuid);
                }

                if (right is string guidText && Guid.TryParse(guidText, out var parsed))
                {
                    return leftGuid.CompareTo(parsed);
                }
            }

            if (left is string text && right is Guid otherGuid && Guid.TryParse(text, out var parsedLeft))
            {
                return parsedLeft.CompareTo(otherGuid);
            }

            if (left is bool leftBool && right is bool rightBool)
            {
                return leftBool.CompareTo(rightBool);
            }

            if (left is bool boolValue && IsNumeric(right))
            {
                return (boolValue ? 1m : 0m).CompareTo(Convert.ToDecimal(right, CultureInfo.InvariantCulture));
            }

            if (right is bool && IsNumeric(left))
            {
                return -Compare(right, left);
            }

            return string.Compare(
                Convert.ToString(left, CultureInfo.InvariantCulture),
                Convert.ToString(right, CultureInfo.InvariantCulture),
                StringComparison.OrdinalIgnoreCase);
        }

        public static DateTime ToUtc(DateTime value) =>
            value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);

        public static bool IsNumeric(object value) =>
            value is int || value is long || value is decimal || value is double || value is float || value is short || value is byte;

        /// <summary>A value as an alternate-key component: stable text, case-insensitive like SQL's collation.</summary>
        public static string KeyText(object value)
        {
            var normalized = Normalize(value);
            switch (normalized)
            {
                case string text:
                    return "s:" + text.ToUpperInvariant();
                case DateTime date:
                    return "d:" + ToUtc(date).Ticks.ToString(CultureInfo.InvariantCulture);
                case Guid guid:
                    return "g:" + guid.ToString("N");
                default:
                    if (normalized != null && IsNumeric(normalized))
                    {
                        return "n:" + Convert.ToDecimal(normalized, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
                    }

                    return "o:" + Convert.ToString(normalized, CultureInfo.InvariantCulture);
            }
        }
    }
}
