using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>
    /// Tally: recounts the totals behind the app's charts (lr_recyclingtally), a month of creation per page, by paging
    /// through that month's records and adding them up, never by a FetchXML aggregate. Dataverse refuses an aggregate
    /// whose filter selects more than 50,000 rows ("AggregateQueryRecordLimit exceeded", and a chart shows "The maximum
    /// record limit is exceeded"); Microsoft's advice is to split the query and combine the results
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/aggregate-data#limitations). Counting by
    /// pages of 5,000 cannot meet that limit however large the month is, and the charts then sum at most one row per
    /// group and month. Each month's page is idempotent: rows that changed are written, rows of groups that no longer
    /// exist are deleted, and a month with more changes than a page allows is finished on the next page.
    /// </summary>
    internal abstract class TallyPhase : StallScanPhase
    {
        /// <summary>Records read per request while counting (Dataverse's largest page).</summary>
        public const int ReadPageSize = 5000;

        /// <summary>The stage index of a phase that has not looked for its oldest month yet.</summary>
        private const int NotStarted = 0;

        protected TallyPhase(ScanCall call)
            : base(call)
        {
        }

        /// <summary>Which records the phase counts (the tally rows' subject).</summary>
        protected abstract TallySubject Subject { get; }

        /// <summary>The table counted.</summary>
        protected abstract string EntityName { get; }

        /// <summary>The columns a record's group and sums need.</summary>
        protected abstract ColumnSet CountedColumns { get; }

        /// <summary>Restricts the counted records (open deals only, for example).</summary>
        protected virtual void AddCountedFilter(FilterExpression criteria)
        {
        }

        /// <summary>The group a record falls in.</summary>
        protected abstract TallyGroup GroupOf(Entity record);

        /// <summary>Adds a record into its group's tally row.</summary>
        protected abstract void Add(Entity tally, Entity record);

        /// <summary>The whole-number columns this subject writes.</summary>
        protected abstract string[] CountColumns { get; }

        /// <summary>The money columns this subject writes.</summary>
        protected abstract string[] AmountColumns { get; }

        /// <summary>Every column this subject writes (compared to decide whether a row changed).</summary>
        private string[] TallyColumns => CountColumns.Concat(AmountColumns).ToArray();

        /// <param name="stageIndex">0 before the phase starts; then the month being counted (months since year 0, plus one).</param>
        public override bool RunPage(ref int stageIndex)
        {
            if (stageIndex == NotStarted)
            {
                var oldest = OldestMonth();
                if (oldest == null)
                {
                    // Nothing to count: the subject's tally rows all go.
                    return DeleteTallies(before: null) < PageSize;
                }

                if (DeleteTallies(before: oldest.Value) >= PageSize)
                {
                    return false;
                }

                stageIndex = MonthNumber(oldest.Value);
                return false;
            }

            var month = MonthOf(stageIndex);
            if (month > Call.Now)
            {
                return true;
            }

            if (RecountMonth(month))
            {
                stageIndex++;
            }

            return false;
        }

        private static int MonthNumber(DateTime month) => (month.Year * 12) + month.Month;

        private static DateTime MonthOf(int monthNumber) => new DateTime((monthNumber - 1) / 12, ((monthNumber - 1) % 12) + 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private static DateTime StartOfMonth(DateTime value) => new DateTime(value.Year, value.Month, 1, 0, 0, 0, DateTimeKind.Utc);

        private DateTime? OldestMonth()
        {
            var query = new QueryExpression(EntityName) { ColumnSet = new ColumnSet(CommonColumns.CreatedOn), TopCount = 1 };
            AddCountedFilter(query.Criteria);
            query.AddOrder(CommonColumns.CreatedOn, OrderType.Ascending);
            var oldest = Call.RetrieveMultiple(query).FirstOrDefault()?.GetAttributeValue<DateTime?>(CommonColumns.CreatedOn);
            return oldest == null ? (DateTime?)null : StartOfMonth(oldest.Value.ToUniversalTime());
        }

        /// <summary>Deletes a page of this subject's tally rows for months before a date (all when null); returns how many.</summary>
        private int DeleteTallies(DateTime? before)
        {
            var query = new QueryExpression(RecyclingTally.EntityName) { ColumnSet = new ColumnSet(false), TopCount = PageSize };
            query.Criteria.AddCondition(RecyclingTally.Subject, ConditionOperator.Equal, (int)Subject);
            if (before != null)
            {
                query.Criteria.AddCondition(RecyclingTally.Month, ConditionOperator.LessThan, before.Value);
            }

            var stale = Call.RetrieveMultiple(query);
            foreach (var row in stale)
            {
                Call.Service.Delete(RecyclingTally.EntityName, row.Id);
                Call.Result.TalliesWritten++;
            }

            return stale.Count;
        }

        /// <summary>Counts one month and writes what changed; true when the month's tally rows are all current.</summary>
        private bool RecountMonth(DateTime month)
        {
            var counted = CountMonth(month);
            var existing = ExistingTallies(month);
            var writes = 0;
            foreach (var pair in counted)
            {
                if (writes >= PageSize)
                {
                    return false;
                }

                if (existing.TryGetValue(pair.Key, out var current))
                {
                    existing.Remove(pair.Key);
                    if (TallyColumns.All(column => Same(current.GetAttributeValue<object>(column), pair.Value.GetAttributeValue<object>(column))))
                    {
                        continue;
                    }

                    var update = new Entity(RecyclingTally.EntityName, current.Id) { [RecyclingTally.TalliedOn] = Call.Now };
                    foreach (var column in TallyColumns)
                    {
                        update[column] = pair.Value.GetAttributeValue<object>(column);
                    }

                    Call.Update(update);
                }
                else
                {
                    pair.Value[RecyclingTally.TalliedOn] = Call.Now;
                    Call.Create(pair.Value);
                }

                writes++;
                Call.Result.TalliesWritten++;
            }

            foreach (var gone in existing.Values)
            {
                if (writes >= PageSize)
                {
                    return false;
                }

                Call.Service.Delete(RecyclingTally.EntityName, gone.Id);
                writes++;
                Call.Result.TalliesWritten++;
            }

            return true;
        }

        /// <summary>The month's tally rows as they should be, by key: every record created in it, read a page at a time.</summary>
        private SortedDictionary<string, Entity> CountMonth(DateTime month)
        {
            var tallies = new SortedDictionary<string, Entity>(StringComparer.Ordinal);
            var query = new QueryExpression(EntityName)
            {
                ColumnSet = CountedColumns,
                PageInfo = new PagingInfo { Count = ReadPageSize, PageNumber = 1 },
            };
            query.Criteria.AddCondition(CommonColumns.CreatedOn, ConditionOperator.GreaterEqual, month);
            query.Criteria.AddCondition(CommonColumns.CreatedOn, ConditionOperator.LessThan, month.AddMonths(1));
            AddCountedFilter(query.Criteria);
            query.AddOrder(CommonColumns.CreatedOn, OrderType.Ascending);
            while (true)
            {
                var page = Call.Service.RetrieveMultiple(query);
                foreach (var record in page.Entities)
                {
                    var group = GroupOf(record);
                    var key = string.Join("|", Subject == TallySubject.RecycledLeads ? "R" : "O", month.ToString("yyyy-MM", CultureInfo.InvariantCulture), group.Key);
                    if (!tallies.TryGetValue(key, out var tally))
                    {
                        tally = new Entity(RecyclingTally.EntityName)
                        {
                            [RecyclingTally.TallyKey] = key,
                            [RecyclingTally.Name] = Text.Truncate(month.ToString("yyyy-MM", CultureInfo.InvariantCulture) + " · " + group.Name, 200),
                            [RecyclingTally.Subject] = new OptionSetValue((int)Subject),
                            [RecyclingTally.Month] = month,
                        };
                        foreach (var column in CountColumns)
                        {
                            tally[column] = 0;
                        }

                        foreach (var column in AmountColumns)
                        {
                            tally[column] = new Money(0m);
                        }

                        group.Describe?.Invoke(tally);
                        tallies.Add(key, tally);
                    }

                    Add(tally, record);
                }

                if (!page.MoreRecords)
                {
                    return tallies;
                }

                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = page.PagingCookie;
            }
        }

        private Dictionary<string, Entity> ExistingTallies(DateTime month)
        {
            var columns = new ColumnSet(TallyColumns);
            columns.AddColumn(RecyclingTally.TallyKey);
            var query = new QueryExpression(RecyclingTally.EntityName) { ColumnSet = columns };
            query.Criteria.AddCondition(RecyclingTally.Subject, ConditionOperator.Equal, (int)Subject);
            query.Criteria.AddCondition(RecyclingTally.Month, ConditionOperator.Equal, month);

            // Only the scan writes tallies (the guard refuses anyone else), always with the key, which is unique.
            return Call.RetrieveMultiple(query).ToDictionary(row => row.GetAttributeValue<string>(RecyclingTally.TallyKey), StringComparer.Ordinal);
        }

        protected static void Increment(Entity tally, string column) => tally[column] = tally.GetAttributeValue<int>(column) + 1;

        protected static void AddAmount(Entity tally, string column, Money? amount)
        {
            if (amount != null)
            {
                tally[column] = new Money(tally.GetAttributeValue<Money>(column).Value + amount.Value);
            }
        }

        private static bool Same(object? current, object? counted)
        {
            var left = current is Money m1 ? m1.Value : current is int i1 ? (decimal)i1 : (decimal?)null;
            var right = counted is Money m2 ? m2.Value : counted is int i2 ? (decimal)i2 : (decimal?)null;
            return (left ?? 0m) == (right ?? 0m);
        }
    }
}

