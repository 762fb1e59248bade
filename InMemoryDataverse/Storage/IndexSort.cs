using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Storage
{
    /// <summary>
    /// Sorts a new index's entries as its <see cref="IndexEntryComparer"/> orders them, fast: each key value becomes a number
    /// with the same order (a date its ticks, a choice its value, a text or an id its rank among the column's distinct
    /// values), and the numbers are sorted side by side in one array. Comparing boxed values through the general comparer
    /// reads three or four objects scattered over the heap per comparison, which at a million rows made building an index
    /// take seconds.
    /// </summary>
    internal static class IndexSort
    {
        /// <summary>Key columns the fast path handles; wider keys use the general comparer.</summary>
        public const int MaxColumns = 4;

        /// <summary>Sorts the entries (rows) in place; each key position holds values of at most one type (the index checked it).</summary>
        public static void Sort(ColumnIndex index, IndexEntry[] entries, int count)
        {
            var width = index.Columns.Length;
            if (width > MaxColumns || !TryRank(index, entries, count, width, out var keys))
            {
                Array.Sort(entries, 0, count, index.Comparer);
                return;
            }

            Array.Sort(keys, 0, count, new RankedKeyOrder());
            var sorted = new IndexEntry[count];
            for (var i = 0; i < count; i++)
            {
                sorted[i] = entries[keys[i].Index];
            }

            Array.Copy(sorted, entries, count);
        }

        // Null sorts first, below every number a value can become.
        private const long NullRank = long.MinValue;

        // Each entry's key as numbers in the comparer's order, reading each row once for all its key values (the rows are
        // scattered over the heap: reading one is what costs); false when a value has no such number.
        private static bool TryRank(ColumnIndex index, IndexEntry[] entries, int count, int width, out RankedKey[] keys)
        {
            keys = new RankedKey[count];
            var rankings = new IRanking?[width];
            for (var i = 0; i < count; i++)
            {
                var row = entries[i].Row!;
                var slots = index.SlotsOf(row.Shape);
                keys[i].Sequence = row.Sequence;
                keys[i].Index = i;
                for (var position = 0; position < width; position++)
                {
                    var value = slots[position] < 0 ? null : row.ValueAt(slots[position]);
                    long rank = 0;
                    switch (value)
                    {
                        case null:
                            rank = NullRank;
                            break;
                        case int number:
                            rank = number;
                            break;
                        case OptionSetValue option:
                            rank = option.Value;
                            break;
                        case bool flag:
                            rank = flag ? 1 : 0;
                            break;
                        case long number when number != NullRank:
                            rank = number;
                            break;
                        case DateTime date:
                            rank = Values.ToUtc(date).Ticks;
                            break;

                        // Texts, ids and amounts are ranked among the position's distinct values once all are known. One
                        // position holds one normalized type (the index checked it), so it has one ranking.
                        case string text:
                            Texts(ref rankings[position]).Add(i, text);
                            break;
                        case EntityReference reference:
                            Ids(ref rankings[position]).Add(i, reference.Id);
                            break;
                        case Guid id:
                            Ids(ref rankings[position]).Add(i, id);
                            break;
                        case Money money:
                            Amounts(ref rankings[position]).Add(i, money.Value);
                            break;
                        case decimal amount:
                            Amounts(ref rankings[position]).Add(i, amount);
                            break;
                        default:
                            return false;
                    }

                    keys[i].Set(position, rank);
                }
            }

            for (var position = 0; position < width; position++)
            {
                rankings[position]?.Apply(keys, position);
            }

            return true;
        }

        private static Ranking<string> Texts(ref IRanking? ranking) =>
            (Ranking<string>)(ranking ??= new Ranking<string>(StringComparer.OrdinalIgnoreCase, (x, y) => string.Compare(x, y, StringComparison.OrdinalIgnoreCase)));

        private static Ranking<Guid> Ids(ref IRanking? ranking) =>
            (Ranking<Guid>)(ranking ??= new Ranking<Guid>(EqualityComparer<Guid>.Default, (x, y) => x.CompareTo(y)));

        private static Ranking<decimal> Amounts(ref IRanking? ranking) =>
            (Ranking<decimal>)(ranking ??= new Ranking<decimal>(EqualityComparer<decimal>.Default, (x, y) => x.CompareTo(y)));

        private interface IRanking
        {
            /// <summary>Sets each entry's number at the position to its value's rank among the distinct values.</summary>
            void Apply(RankedKey[] keys, int position);
        }

        /// <summary>The values of one key position, each with its entry, ranked among the distinct ones in the comparer's order.</summary>
        private sealed class Ranking<T> : IRanking
            where T : notnull
        {
            private readonly Dictionary<T, long> _ranks;
            private readonly Comparison<T> _order;
            private readonly List<(int Entry, T Value)> _values = new List<(int Entry, T Value)>();

            public Ranking(IEqualityComparer<T> equality, Comparison<T> order)
            {
                _ranks = new Dictionary<T, long>(equality);
                _order = order;
            }

            public void Add(int entry, T value)
            {
                _ranks[value] = 0;
                _values.Add((entry, value));
            }

            public void Apply(RankedKey[] keys, int position)
            {
                var ordered = new List<T>(_ranks.Keys);
                ordered.Sort(_order);
                for (var rank = 0; rank < ordered.Count; rank++)
                {
                    _ranks[ordered[rank]] = rank;
                }

                foreach (var (entry, value) in _values)
                {
                    keys[entry].Set(position, _ranks[value]);
                }
            }
        }

        private struct RankedKey
        {
            public long K0;
            public long K1;
            public long K2;
            public long K3;
            public long Sequence;
            public int Index;

            public void Set(int position, long rank)
            {
                switch (position)
                {
                    case 0: K0 = rank; break;
                    case 1: K1 = rank; break;
                    case 2: K2 = rank; break;
                    default: K3 = rank; break;
                }
            }
        }

        private readonly struct RankedKeyOrder : IComparer<RankedKey>
        {
            public int Compare(RankedKey x, RankedKey y)
            {
                if (x.K0 != y.K0)
                {
                    return x.K0.CompareTo(y.K0);
                }

                if (x.K1 != y.K1)
                {
                    return x.K1.CompareTo(y.K1);
                }

                if (x.K2 != y.K2)
                {
                    return x.K2.CompareTo(y.K2);
                }

                return x.K3 != y.K3 ? x.K3.CompareTo(y.K3) : x.Sequence.CompareTo(y.Sequence);
            }
        }
    }
}
