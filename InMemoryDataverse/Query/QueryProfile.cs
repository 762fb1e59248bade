using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.InMemoryDataverse.Query
{
    /// <summary>
    /// With LEADRECYCLE_QUERY_PROFILE=1, every query's time and rows examined are summed per query shape (table, seek or
    /// scan, filter operators, orders, links), with each index build, and written to standard error at exit, slowest
    /// first: how the emulator's share of a long replay was found without a profiler on the machine.
    /// </summary>
    internal static class QueryProfile
    {
        public static readonly bool On = Environment.GetEnvironmentVariable("LEADRECYCLE_QUERY_PROFILE") == "1";
        private static readonly Dictionary<string, long[]> Totals = new Dictionary<string, long[]>(StringComparer.Ordinal);

        static QueryProfile()
        {
            if (On)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Write();
            }
        }

        public static void Add(QueryExpression query, bool indexed, long elapsedTicks, long rowsExamined)
        {
            var shape = new StringBuilder(query.EntityName).Append(indexed ? " SEEK " : " SCAN ");
            Shape(query.Criteria, shape);
            foreach (var order in query.Orders)
            {
                shape.Append(" order ").Append(order.AttributeName);
            }

            foreach (var link in query.LinkEntities)
            {
                shape.Append(" link ").Append(link.LinkToEntityName);
            }

            var key = shape.ToString();
            lock (Totals)
            {
                if (!Totals.TryGetValue(key, out var totals))
                {
                    totals = new long[3];
                    Totals.Add(key, totals);
                }

                totals[0]++;
                totals[1] += elapsedTicks;
                totals[2] += rowsExamined;
            }
        }

        /// <summary>An index built from every row of its table (each one is a sort of the table, once).</summary>
        public static void AddIndexBuild(string table, string[] columns, int rows, long elapsedTicks)
        {
            var key = "INDEX BUILD " + table + "(" + string.Join(", ", columns) + ")";
            lock (Totals)
            {
                Totals[key] = new long[] { 1, elapsedTicks, rows };
            }
        }

        private static void Write()
        {
            foreach (var pair in Totals.OrderByDescending(p => p.Value[1]))
            {
                Console.Error.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0,8} ms {1,8} queries {2,12} rows  {3}",
                    pair.Value[1] * 1000 / Stopwatch.Frequency, pair.Value[0], pair.Value[2], pair.Key));
            }
        }

        private static void Shape(FilterExpression filter, StringBuilder shape)
        {
            shape.Append(filter.FilterOperator == LogicalOperator.Or ? "OR(" : "AND(");
            foreach (var condition in filter.Conditions)
            {
                shape.Append(condition.AttributeName).Append(' ').Append(condition.Operator).Append(", ");
            }

            foreach (var child in filter.Filters)
            {
                Shape(child, shape);
            }

            shape.Append(')');
        }
    }
}
