using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.InMemoryDataverse.Query
{
    internal sealed class CompiledCondition
    {
        private readonly string _attribute;
        private readonly ConditionOperator _operator;
        private readonly object?[] _values;
        private readonly object? _operand;
        private readonly Regex? _like;

        public CompiledCondition(ConditionExpression condition, int slot, Dictionary<string, Regex> likePatterns)
        {
            Slot = slot;
            _attribute = condition.AttributeName;
            _operator = condition.Operator;
            var values = new List<object?>();
            foreach (var value in condition.Values)
            {
                // Accept a collection passed as the single value (an easy mistake with params object[]).
                if (value is IEnumerable sequence && !(value is string))
                {
                    foreach (var item in sequence)
                    {
                        values.Add(Values.Normalize(item));
                    }
                }
                else
                {
                    values.Add(Values.Normalize(value));
                }
            }

            _values = values.ToArray();
            switch (_operator)
            {
                case ConditionOperator.Null:
                case ConditionOperator.NotNull:
                case ConditionOperator.In:
                case ConditionOperator.NotIn:
                    break;
                case ConditionOperator.Between:
                case ConditionOperator.NotBetween:
                    if (_values.Length != 2 || _values[0] == null || _values[1] == null)
                    {
                        throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture,
                            "The condition for attribute '{0}': operator '{1}' requires 2 values.", _attribute, _operator));
                    }

                    break;
                case ConditionOperator.EqualUserId:
                case ConditionOperator.NotEqualUserId:
                    break;
                default:
                    if (_values.Length != 1)
                    {
                        throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture,
                            "The condition for attribute '{0}': operator '{1}' requires 1 value, found {2}.", _attribute, _operator, _values.Length));
                    }

                    _operand = _values[0] ?? throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture,
                        "The condition for attribute '{0}' needs a non-null value.", _attribute));
                    break;
            }

            switch (_operator)
            {
                case ConditionOperator.On:
                case ConditionOperator.NotOn:
                case ConditionOperator.OnOrBefore:
                case ConditionOperator.OnOrAfter:
                    if (!(_operand is DateTime))
                    {
                        throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture,
                            "The condition for attribute '{0}' with operator '{1}' needs a DateTime value.", _attribute, _operator));
                    }

                    break;
                case ConditionOperator.Like:
                case ConditionOperator.NotLike:
                    _like = LikeRegex(Convert.ToString(_operand, CultureInfo.InvariantCulture) ?? string.Empty, likePatterns);
                    break;
                case ConditionOperator.Null:
                case ConditionOperator.NotNull:
                case ConditionOperator.Equal:
                case ConditionOperator.NotEqual:
                case ConditionOperator.In:
                case ConditionOperator.NotIn:
                case ConditionOperator.GreaterThan:
                case ConditionOperator.GreaterEqual:
                case ConditionOperator.LessThan:
                case ConditionOperator.LessEqual:
                case ConditionOperator.Between:
                case ConditionOperator.NotBetween:
                case ConditionOperator.BeginsWith:
                case ConditionOperator.DoesNotBeginWith:
                case ConditionOperator.EndsWith:
                case ConditionOperator.DoesNotEndWith:
                case ConditionOperator.EqualUserId:
                case ConditionOperator.NotEqualUserId:
                    break;
                default:
                    throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture,
                        "The condition operator {0} is not supported by the in-memory Dataverse.", _operator));
            }
        }

        public int Slot { get; }

        public string Attribute => _attribute;

        public ConditionOperator Operator => _operator;

        /// <summary>The single normalized value of a one-value operator (null for Null, NotNull, In, Between, ...).</summary>
        public object? Operand => _operand;

        /// <summary>The normalized values (Between's two bounds, In's list).</summary>
        public IReadOnlyList<object?> OperandValues => _values;

        public bool Evaluate(StoredRow? row, Guid callingUserId)
        {
            object? raw = null;
            row?.TryGetValue(_attribute, out raw);
            switch (_operator)
            {
                case ConditionOperator.Null:
                    return raw == null;
                case ConditionOperator.NotNull:
                    return raw != null;
                case ConditionOperator.Equal:
                    return raw != null && CompareRaw(raw, _operand!) == 0;
                case ConditionOperator.NotEqual:
                    return raw != null && CompareRaw(raw, _operand!) != 0;
                case ConditionOperator.GreaterThan:
                    return raw != null && CompareRaw(raw, _operand!) > 0;
                case ConditionOperator.GreaterEqual:
                    return raw != null && CompareRaw(raw, _operand!) >= 0;
                case ConditionOperator.LessThan:
                    return raw != null && CompareRaw(raw, _operand!) < 0;
                case ConditionOperator.LessEqual:
                    return raw != null && CompareRaw(raw, _operand!) <= 0;
            }

            var value = Values.Normalize(raw);
            switch (_operator)
            {
                case ConditionOperator.In:
                    return value != null && Contains(value);
                case ConditionOperator.NotIn:
                    return value != null && !Contains(value);
                case ConditionOperator.Between:
                case ConditionOperator.NotBetween:
                    if (value == null)
                    {
                        return false;
                    }

                    var inside = Values.Compare(value, _values[0]!) >= 0 && Values.Compare(value, _values[1]!) <= 0;
                    return _operator == ConditionOperator.Between ? inside : !inside;
                case ConditionOperator.On:
                    return value is DateTime onDate && onDate.Date == ((DateTime)_operand!).Date;
                case ConditionOperator.NotOn:
                    return value is DateTime notOnDate && notOnDate.Date != ((DateTime)_operand!).Date;
                case ConditionOperator.OnOrBefore:
                    return value is DateTime beforeDate && beforeDate.Date <= ((DateTime)_operand!).Date;
                case ConditionOperator.OnOrAfter:
                    return value is DateTime afterDate && afterDate.Date >= ((DateTime)_operand!).Date;
                case ConditionOperator.Like:
                    return value is string likeText && _like!.IsMatch(likeText);
                case ConditionOperator.NotLike:
                    return value is string notLikeText && !_like!.IsMatch(notLikeText);
                case ConditionOperator.BeginsWith:
                    return value is string begins && begins.StartsWith(Text, StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.DoesNotBeginWith:
                    return value is string notBegins && !notBegins.StartsWith(Text, StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.EndsWith:
                    return value is string ends && ends.EndsWith(Text, StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.DoesNotEndWith:
                    return value is string notEnds && !notEnds.EndsWith(Text, StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.EqualUserId:
                    return value is Guid userId && userId == callingUserId;
                case ConditionOperator.NotEqualUserId:
                    return value is Guid otherUserId && otherUserId != callingUserId;
                default:
                    return false;
            }
        }

        // Compares a stored value with a normalized operand without boxing the common SDK wrappers.
        private static int CompareRaw(object raw, object operand)
        {
            switch (raw)
            {
                case OptionSetValue option when operand is int number:
                    return option.Value.CompareTo(number);
                case Money money when operand is decimal amount:
                    return money.Value.CompareTo(amount);
                case EntityReference reference when operand is Guid id:
                    return reference.Id.CompareTo(id);
                default:
                    return Values.Compare(Values.Normalize(raw)!, operand);
            }
        }

        private string Text => Convert.ToString(_operand, CultureInfo.InvariantCulture) ?? string.Empty;

        private bool Contains(object value)
        {
            foreach (var candidate in _values)
            {
                if (candidate != null && Values.Compare(value, candidate) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static Regex LikeRegex(string pattern, Dictionary<string, Regex> cache)
        {
            if (!cache.TryGetValue(pattern, out var regex))
            {
                var builder = new StringBuilder("^");
                foreach (var character in pattern)
                {
                    builder.Append(character switch
                    {
                        '%' => ".*",
                        '_' => ".",
                        _ => Regex.Escape(character.ToString()),
                    });
                }

                builder.Append('$');
                regex = new Regex(builder.ToString(), RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
                cache[pattern] = regex;
            }

            return regex;
        }
    }
}
