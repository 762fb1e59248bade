using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// The policy's segments (stall.segmentColumn, stall.segmentBands): large deals often move slower than small ones,
    /// so one mean per stage flags large deals on their normal pace and is late for small ones that stall. A deal's
    /// segment is the value of one opportunity column, keyed "&lt;column&gt;:&lt;value&gt;": a lookup or owner by its id, a
    /// choice by its number, a Boolean as true or false, a number or money column by its band (bands
    /// [-inf, b1), [b1, b2), ..., [bn, inf)), written by its bounds. A deal with no value has no segment: its stage's threshold applies.
    /// The kind of value is read from the value itself, so the scan needs no metadata request.
    /// </summary>
    public sealed class StallSegments
    {
        private const string TrueText = "true";
        private const string FalseText = "false";

        public StallSegments(string column, IReadOnlyList<decimal> bands)
        {
            Column = column;
            Bands = bands;
        }

        /// <summary>The opportunity column's logical name.</summary>
        public string Column { get; }

        /// <summary>The bounds of a number or money column's bands, ascending; empty for any other column.</summary>
        public IReadOnlyList<decimal> Bands { get; }

        /// <summary>The deal's segment, or null when it has no value (or a value the setting cannot segment).</summary>
        public SegmentValue? Of(Entity opportunity)
        {
            if (!opportunity.Attributes.TryGetValue(Column, out var value) || value == null)
            {
                return null;
            }

            opportunity.FormattedValues.TryGetValue(Column, out var formatted);
            var number = NumberOf(value);
            if (Bands.Count > 0)
            {
                // A number is banded; anything else under bands (a column changed kind after the policy was saved) has no segment.
                if (number == null)
                {
                    return null;
                }

                var band = Bands.Count(bound => number.Value >= bound);
                return new SegmentValue(Key(BandText(band)), BandLabel(band));
            }

            switch (value)
            {
                case EntityReference reference:
                    return new SegmentValue(Key(reference.Id.ToString("D")), reference.Name ?? formatted ?? reference.Id.ToString("D"));
                case OptionSetValue choice:
                    return new SegmentValue(Key(choice.Value.ToString(CultureInfo.InvariantCulture)), formatted ?? choice.Value.ToString(CultureInfo.InvariantCulture));
                case bool flag:
                    return new SegmentValue(Key(flag ? TrueText : FalseText), formatted ?? (flag ? "Yes" : "No"));
                default:
                    // A number without bands would make one segment per amount: none (PolicySaveCheck refuses it when it can see a value).
                    return null;
            }
        }

        /// <summary>Restricts a query of opportunities to one segment: its value, or its band's range.</summary>
        public void AddIn(FilterExpression criteria, string segmentKey)
        {
            var band = BandOf(segmentKey);
            if (band != null)
            {
                AddBand(criteria, band.Value);
            }
            else
            {
                criteria.AddCondition(Column, ConditionOperator.Equal, ValueOf(segmentKey));
            }
        }

        /// <summary>Restricts a query of opportunities to deals in none of <paramref name="segmentKeys"/> (no value counts as none).</summary>
        public void AddOutside(FilterExpression criteria, IReadOnlyCollection<string> segmentKeys)
        {
            if (segmentKeys.Count == 0)
            {
                return;
            }

            var outside = criteria.AddFilter(LogicalOperator.Or);
            outside.AddCondition(Column, ConditionOperator.Null);
            if (Bands.Count > 0)
            {
                var excluded = new HashSet<int>(segmentKeys.Select(key => BandOf(key) ?? -1));
                for (var band = 0; band <= Bands.Count; band++)
                {
                    if (!excluded.Contains(band))
                    {
                        AddBand(outside.AddFilter(LogicalOperator.And), band);
                    }
                }
            }
            else
            {
                outside.AddCondition(Column, ConditionOperator.NotIn, segmentKeys.Select(ValueOf).ToArray());
            }
        }

        /// <summary>A band as people read it: "under 50,000", "50,000 to 100,000", "100,000 or more".</summary>
        public string BandLabel(int band) =>
            band == 0 ? "under " + Amount(Bands[0])
            : band == Bands.Count ? Amount(Bands[band - 1]) + " or more"
            : Amount(Bands[band - 1]) + " to " + Amount(Bands[band]);

        private static decimal? NumberOf(object value) => value switch
        {
            Money money => money.Value,
            decimal d => d,
            int i => i,
            long l => l,
            double x => (decimal)x,
            _ => (decimal?)null,
        };

        private static string Amount(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

        private string Key(string value) => Column + ":" + value;

        private string ValuePart(string segmentKey) =>
            segmentKey.StartsWith(Column + ":", StringComparison.Ordinal)
                ? segmentKey.Substring(Column.Length + 1)
                : throw new ArgumentException("'" + segmentKey + "' is not a segment of " + Column + ".", nameof(segmentKey));

        /// <summary>Whether a statistics row's segment key is one of this setting's segments (not of a column or bands since changed).</summary>
        public bool IsCurrent(string segmentKey)
        {
            if (!segmentKey.StartsWith(Column + ":", StringComparison.Ordinal))
            {
                return false;
            }

            if (Bands.Count > 0)
            {
                return BandOf(segmentKey) != null;
            }

            var text = ValuePart(segmentKey);
            return Guid.TryParse(text, out _) || text == TrueText || text == FalseText
                || int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
        }

        /// <summary>
        /// A band's key names its bounds ("..50000", "50000..100000", "100000..") rather than its index, as the design
        /// first had it: when an admin changes the bands, the statistics of a band whose bounds changed are no longer
        /// used for the new band with the same index (they describe other deals), and a band kept as it was keeps its
        /// history.
        /// </summary>
        private string BandText(int band) =>
            (band == 0 ? string.Empty : Bound(Bands[band - 1])) + ".." + (band == Bands.Count ? string.Empty : Bound(Bands[band]));

        private static string Bound(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

        private int? BandOf(string segmentKey)
        {
            if (Bands.Count == 0 || !segmentKey.StartsWith(Column + ":", StringComparison.Ordinal))
            {
                return null;
            }

            var text = ValuePart(segmentKey);
            for (var band = 0; band <= Bands.Count; band++)
            {
                if (string.Equals(BandText(band), text, StringComparison.Ordinal))
                {
                    return band;
                }
            }

            return null;
        }

        /// <summary>The column's value a key stands for: a lookup's id, a choice's number, or a Boolean.</summary>
        private object ValueOf(string segmentKey)
        {
            var text = ValuePart(segmentKey);
            if (Guid.TryParse(text, out var id))
            {
                return id;
            }

            if (text == TrueText || text == FalseText)
            {
                return text == TrueText;
            }

            return int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        }

        private void AddBand(FilterExpression filter, int band)
        {
            if (band > 0)
            {
                filter.AddCondition(Column, ConditionOperator.GreaterEqual, Bands[band - 1]);
            }

            if (band < Bands.Count)
            {
                filter.AddCondition(Column, ConditionOperator.LessThan, Bands[band]);
            }
        }
    }

    /// <summary>A deal's segment: the key its statistics are kept under and the label people read.</summary>
    public sealed class SegmentValue
    {
        public SegmentValue(string key, string label)
        {
            Key = key;
            Label = label;
        }

        public string Key { get; }

        public string Label { get; }
    }
}
