using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace LeadRecycle.Tests.InMemoryDataverse
{
    /// <summary>
    /// The indexed query path against the plain scan: two organizations take the same random writes (creates, updates,
    /// deletes, and transactions a failing step rolls back) and answer the same random queries (equality, ranges, null
    /// tests, nested or-filters, orders with ties, top, paging, distinct, links); every answer must be the same rows in
    /// the same order with the same paging. Seeded: a failure names its seed and query number.
    /// LEADRECYCLE_INDEX_SEEDS sets how many data sets (CI's default below).
    /// </summary>
    public sealed class IndexedQueryEquivalenceTests
    {
        private const int DefaultDataSets = 40;
        private const int QueriesPerRound = 25;
        private const int Rounds = 6;
        private const string Table = "lr_gizmo";

        private static readonly string?[] Names = { "alpha", "Alpha", "ALPHA", "beta", "Beta", "gamma", "boom", null };
        private static readonly int?[] Counts = { 0, 1, 2, 3, 5, 8, -1, null };
        private static readonly string[] Columns = { "lr_name", "lr_count", "lr_when", "lr_flag", "lr_opportunityid", "createdon" };

        private static TableMetadata Gizmo { get; } = new TableMetadata(Table, "Gizmo", "Gizmos", "lr_gizmoid", "lr_name")
        {
            IsCustom = true,
            Columns = new[]
            {
                new ColumnMetadata("lr_gizmoid", ColumnType.Uniqueidentifier, "Gizmo"),
                new ColumnMetadata("lr_name", ColumnType.String, "Name") { MaxLength = 20 },
                new ColumnMetadata("lr_count", ColumnType.Integer, "Count"),
                new ColumnMetadata("lr_when", ColumnType.DateTime, "When"),
                new ColumnMetadata("lr_flag", ColumnType.Boolean, "Flag"),
                new ColumnMetadata("lr_opportunityid", ColumnType.Lookup, "Opportunity") { Targets = new[] { "opportunity" } },
                new ColumnMetadata("createdon", ColumnType.DateTime, "Created On"),
                new ColumnMetadata("modifiedon", ColumnType.DateTime, "Modified On"),
                new ColumnMetadata("ownerid", ColumnType.Owner, "Owner") { Targets = new[] { "systemuser", "team" } },
            },
        };

        [Fact]
        public void Should_return_the_same_rows_in_the_same_order_when_queries_are_served_by_indexes()
        {
            var dataSets = int.TryParse(Environment.GetEnvironmentVariable("LEADRECYCLE_INDEX_SEEDS"), out var configured) ? configured : DefaultDataSets;
            long indexed = 0;
            var queries = 0;
            for (var seed = 1; seed <= dataSets; seed++)
            {
                var world = new World(seed);
                for (var round = 0; round < Rounds; round++)
                {
                    world.Write(world.Random.Next(5, 60));
                    queries += CheckQueries(world, seed, round);
                }

                indexed += world.Indexed.IndexedQueries;
            }

            // Most random queries have an equality, a range or an order an index can serve.
            Assert.True(indexed > queries / 2, string.Format(CultureInfo.InvariantCulture, "only {0} of {1} queries used an index", indexed, queries));
        }

        /// <summary>
        /// Thousands of rows: an index is built from many rows at once (the sort by ranks) and holds many chunks, which
        /// later writes split and empty, so the chunk boundaries are crossed by every kind of query.
        /// </summary>
        [Fact]
        public void Should_return_the_same_rows_in_the_same_order_when_indexes_hold_thousands_of_rows()
        {
            const int seed = 1001;
            var world = new World(seed);
            world.Write(6000);
            var queries = 0;
            for (var round = 0; round < 4; round++)
            {
                queries += CheckQueries(world, seed, round);
                world.Write(3000);
            }

            Assert.True(world.RowCount > 2 * SortedEntriesChunkSize, "the data set must span several index chunks: " + world.RowCount.ToString(CultureInfo.InvariantCulture));
            Assert.True(world.Indexed.IndexedQueries > queries / 2, string.Format(CultureInfo.InvariantCulture, "only {0} of {1} queries used an index", world.Indexed.IndexedQueries, queries));
        }

        // The emulator's index chunk size (SortedEntries.ChunkSize, internal to the emulator).
        private const int SortedEntriesChunkSize = 512;

        private static int CheckQueries(World world, int seed, int round)
        {
            for (var q = 0; q < QueriesPerRound; q++)
            {
                var query = world.RandomQuery();
                var expected = world.Run(world.Scanned, query);
                var actual = world.Run(world.Indexed, query);
                Assert.True(expected == actual, string.Format(CultureInfo.InvariantCulture,
                    "seed {0}, round {1}, query {2}:\n{3}\nscan:\n{4}\nindexed:\n{5}", seed, round, q, Describe(query), expected, actual));
            }

            return QueriesPerRound;
        }

        private static string Describe(QueryExpression query)
        {
            var text = new StringBuilder();
            Describe(query.Criteria, text, "  ");
            foreach (var order in query.Orders)
            {
                text.Append("  order ").Append(order.AttributeName).Append(' ').Append(order.OrderType).Append('\n');
            }

            text.Append("  top ").Append(query.TopCount?.ToString(CultureInfo.InvariantCulture) ?? "-")
                .Append(" page ").Append(query.PageInfo?.PageNumber.ToString(CultureInfo.InvariantCulture) ?? "-")
                .Append(" size ").Append(query.PageInfo?.Count.ToString(CultureInfo.InvariantCulture) ?? "-")
                .Append(" distinct ").Append(query.Distinct).Append(" links ").Append(query.LinkEntities.Count);
            return text.ToString();
        }

        private static void Describe(FilterExpression filter, StringBuilder text, string indent)
        {
            text.Append(indent).Append(filter.FilterOperator).Append('\n');
            foreach (var condition in filter.Conditions)
            {
                text.Append(indent).Append("  ").Append(condition.AttributeName).Append(' ').Append(condition.Operator).Append(' ')
                    .Append(string.Join(",", condition.Values.Select(v => Convert.ToString(v is OptionSetValue o ? o.Value : v, CultureInfo.InvariantCulture))))
                    .Append('\n');
            }

            foreach (var child in filter.Filters)
            {
                Describe(child, text, indent + "  ");
            }
        }

        /// <summary>The two organizations, the random source and the ids both hold (the same seed gives the same ids).</summary>
        private sealed class World
        {
            private readonly List<Guid> _ids = new List<Guid>();
            private readonly List<Guid> _opportunities = new List<Guid>();
            private readonly Guid[] _victim = new Guid[1];
            private readonly DateTime _start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

            public World(int seed)
            {
                Random = new Random(seed);
                var clock = new ManualClock(TestOrganization.Start);
                Scanned = Create(seed, clock, indexes: false);
                Indexed = Create(seed, clock, indexes: true);
                for (var i = 0; i < 3; i++)
                {
                    var scanned = Scanned.Service.CreateOpportunity("Deal " + i.ToString(CultureInfo.InvariantCulture));
                    var indexed = Indexed.Service.CreateOpportunity("Deal " + i.ToString(CultureInfo.InvariantCulture));
                    Assert.Equal(scanned, indexed);
                    _opportunities.Add(scanned);
                }
            }

            public Random Random { get; }

            public int RowCount => _ids.Count;

            public InMemoryOrganization Scanned { get; }

            public InMemoryOrganization Indexed { get; }

            public void Write(int operations)
            {
                for (var i = 0; i < operations; i++)
                {
                    var kind = _ids.Count == 0 ? 0 : Random.Next(10);
                    Entity? entity = null;
                    Guid? delete = null;
                    if (kind < 4)
                    {
                        entity = RandomValues(new Entity(Table), all: true);
                    }
                    else if (kind < 8)
                    {
                        entity = RandomValues(new Entity(Table, _ids[Random.Next(_ids.Count)]), all: false);
                    }
                    else
                    {
                        delete = _ids[Random.Next(_ids.Count)];
                    }

                    _victim[0] = _ids.Count > 0 ? _ids[Random.Next(_ids.Count)] : Guid.Empty;
                    var advance = TimeSpan.FromMinutes(Random.Next(3) * 7);
                    var outcomes = new[] { Scanned, Indexed }.Select(organization => Apply(organization, entity, delete, advance)).ToArray();
                    Assert.Equal(outcomes[0], outcomes[1]);
                    if (outcomes[0] is Guid created)
                    {
                        _ids.Add(created);
                    }

                    if (delete != null && outcomes[0] is bool deleted && deleted)
                    {
                        _ids.Remove(delete.Value);
                    }

                    if (outcomes[0] is string && _ids.Contains(_victim[0]) && !Exists(_victim[0]))
                    {
                        _ids.Remove(_victim[0]);
                    }
                }
            }

            public string Run(InMemoryOrganization organization, QueryExpression query)
            {
                EntityCollection result;
                try
                {
                    result = organization.Service.RetrieveMultiple(query);
                }
                catch (DataverseFaultException fault)
                {
                    return "fault: " + fault.Message;
                }

                var text = new StringBuilder();
                text.Append("more=").Append(result.MoreRecords).Append(" total=").Append(result.TotalRecordCount)
                    .Append(" cookie=").Append(result.PagingCookie).Append('\n');
                foreach (var entity in result.Entities)
                {
                    text.Append(entity.Id.ToString("N").Substring(0, 8));
                    foreach (var attribute in entity.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
                    {
                        var value = attribute.Value is AliasedValue aliased ? aliased.Value : attribute.Value;
                        text.Append(' ').Append(attribute.Key).Append('=').Append(Convert.ToString(value switch
                        {
                            EntityReference reference => reference.Id.ToString("N").Substring(0, 8),
                            DateTime date => date.ToString("O", CultureInfo.InvariantCulture),
                            _ => value,
                        }, CultureInfo.InvariantCulture));
                    }

                    text.Append('\n');
                }

                return text.ToString();
            }

            public QueryExpression RandomQuery()
            {
                var query = new QueryExpression(Table) { ColumnSet = new ColumnSet("lr_name", "lr_count", "lr_when") };
                var conditions = Random.Next(4);
                for (var i = 0; i < conditions; i++)
                {
                    query.Criteria.Conditions.Add(RandomCondition());
                }

                if (Random.Next(5) == 0)
                {
                    var either = new FilterExpression(LogicalOperator.Or);
                    either.Conditions.Add(RandomCondition());
                    either.Conditions.Add(RandomCondition());
                    query.Criteria.Filters.Add(either);
                }

                if (Random.Next(4) == 0)
                {
                    // "x null or x not in (...)" and its kin: the index reads these as a skip scan over x's values.
                    var column = Columns[Random.Next(Columns.Length)];
                    var membership = new FilterExpression(LogicalOperator.Or);
                    var tests = Random.Next(1, 4);
                    for (var i = 0; i < tests; i++)
                    {
                        membership.Conditions.Add(RandomMembership(column));
                    }

                    query.Criteria.Filters.Add(membership);
                }

                if (Random.Next(10) == 0)
                {
                    query.Criteria.FilterOperator = LogicalOperator.Or;
                }

                var orders = Random.Next(10) < 6 ? 1 : Random.Next(3);
                for (var i = 0; i < orders; i++)
                {
                    query.AddOrder(Columns[Random.Next(Columns.Length)], Random.Next(4) == 0 ? OrderType.Descending : OrderType.Ascending);
                }

                switch (Random.Next(4))
                {
                    case 0:
                        query.TopCount = Random.Next(0, 12);
                        break;
                    case 1:
                    case 2:
                        query.PageInfo = new PagingInfo
                        {
                            Count = Random.Next(1, 8),
                            PageNumber = Random.Next(1, 4),
                            ReturnTotalRecordCount = Random.Next(5) == 0,
                        };
                        break;
                }

                query.Distinct = Random.Next(8) == 0;
                if (Random.Next(6) == 0)
                {
                    var link = query.AddLink("opportunity", "lr_opportunityid", "opportunityid",
                        Random.Next(2) == 0 ? JoinOperator.Inner : JoinOperator.LeftOuter);
                    link.EntityAlias = "deal";
                    link.Columns = new ColumnSet("name");
                }

                return query;
            }

            private bool Exists(Guid id) => Scanned.Find(Table, id) != null;

            private object? Apply(InMemoryOrganization organization, Entity? entity, Guid? delete, TimeSpan advance)
            {
                ((ManualClock)organization.Clock).Advance(advance);
                try
                {
                    if (delete != null)
                    {
                        organization.Service.Delete(Table, delete.Value);
                        return true;
                    }

                    if (entity!.Id == Guid.Empty)
                    {
                        return organization.Service.Create(Copy(entity));
                    }

                    organization.Service.Update(Copy(entity));
                    return null;
                }
                catch (Exception failure) when (failure is DataverseFaultException || failure is InvalidPluginExecutionException)
                {
                    return "failed";
                }
            }

            private Entity RandomValues(Entity entity, bool all)
            {
                if (all || Random.Next(2) == 0)
                {
                    entity["lr_name"] = Names[Random.Next(Names.Length)];
                }

                if (all || Random.Next(2) == 0)
                {
                    entity["lr_count"] = Counts[Random.Next(Counts.Length)];
                }

                if (all || Random.Next(2) == 0)
                {
                    entity["lr_when"] = Random.Next(6) == 0 ? null : (object)_start.AddDays(Random.Next(8));
                }

                if (all || Random.Next(3) == 0)
                {
                    entity["lr_flag"] = Random.Next(3) == 0 ? null : (object)(Random.Next(2) == 0);
                }

                if (all || Random.Next(3) == 0)
                {
                    entity["lr_opportunityid"] = Random.Next(4) == 0 ? null : new EntityReference("opportunity", _opportunities[Random.Next(_opportunities.Count)]);
                }

                return entity;
            }

            private ConditionExpression RandomCondition()
            {
                var column = Columns[Random.Next(Columns.Length)];
                var value = RandomValue(column);
                var other = RandomValue(column);
                return Random.Next(12) switch
                {
                    0 or 1 or 2 => new ConditionExpression(column, ConditionOperator.Equal, value),
                    3 => new ConditionExpression(column, ConditionOperator.Null),
                    4 => new ConditionExpression(column, ConditionOperator.NotNull),
                    5 => new ConditionExpression(column, ConditionOperator.GreaterThan, value),
                    6 => new ConditionExpression(column, ConditionOperator.GreaterEqual, value),
                    7 => new ConditionExpression(column, ConditionOperator.LessThan, value),
                    8 => new ConditionExpression(column, ConditionOperator.LessEqual, value),
                    9 => new ConditionExpression(column, ConditionOperator.Between, value, other),
                    10 => new ConditionExpression(column, ConditionOperator.In, value, other),
                    _ => new ConditionExpression(column, ConditionOperator.NotEqual, value),
                };
            }

            private ConditionExpression RandomMembership(string column)
            {
                return Random.Next(6) switch
                {
                    0 => new ConditionExpression(column, ConditionOperator.Null),
                    1 => new ConditionExpression(column, ConditionOperator.NotNull),
                    2 => new ConditionExpression(column, ConditionOperator.Equal, RandomValue(column)),
                    3 => new ConditionExpression(column, ConditionOperator.NotEqual, RandomValue(column)),
                    4 => new ConditionExpression(column, ConditionOperator.In, RandomValue(column), RandomValue(column)),
                    _ => new ConditionExpression(column, ConditionOperator.NotIn, RandomValue(column), RandomValue(column)),
                };
            }

            private object RandomValue(string column)
            {
                switch (column)
                {
                    case "lr_name":
                        return Names[Random.Next(Names.Length - 1)]!;
                    case "lr_count":
                        // Now and then an operand of another type: the index must step aside, not compare it wrongly.
                        return Random.Next(15) == 0 ? (object)(long)Random.Next(4) : Counts[Random.Next(Counts.Length - 1)]!.Value;
                    case "lr_when":
                        return _start.AddDays(Random.Next(8)).AddHours(Random.Next(3) * 12);
                    case "createdon":
                        return TestOrganization.Start.AddMinutes(Random.Next(40) * 7);
                    case "lr_flag":
                        return Random.Next(2) == 0;
                    default:
                        return _opportunities[Random.Next(_opportunities.Count)];
                }
            }

            private static Entity Copy(Entity entity)
            {
                var copy = new Entity(entity.LogicalName, entity.Id);
                foreach (var attribute in entity.Attributes)
                {
                    copy[attribute.Key] = attribute.Value is EntityReference reference ? new EntityReference(reference.LogicalName, reference.Id) : attribute.Value;
                }

                return copy;
            }

            private InMemoryOrganization Create(int seed, ManualClock clock, bool indexes)
            {
                var organization = new InMemoryOrganization(new MetadataCatalog(SystemTables.All.Concat(new[] { Gizmo })), new ManualClock(clock.UtcNow),
                    new InMemoryOrganizationOptions { IdSeed = seed, UseQueryIndexes = indexes, QueryIndexMinimumRows = 0 });

                // A write named "boom" fails after its step deleted one row and created another: the whole transaction rolls back.
                foreach (var message in new[] { "Create", "Update" })
                {
                    organization.Register(TestOrganization.Step(message, Table, StepStage.PostOperation, provider =>
                    {
                        var target = (Entity)provider.Context().InputParameters["Target"];
                        if (target.GetAttributeValue<string>("lr_name") != "boom")
                        {
                            return;
                        }

                        var service = provider.UserService();
                        if (_victim[0] != Guid.Empty && _victim[0] != target.Id)
                        {
                            service.Delete(Table, _victim[0]);
                        }

                        service.Create(new Entity(Table) { ["lr_name"] = "ghost", ["lr_count"] = 3 });
                        throw new InvalidPluginExecutionException("boom");
                    }));
                }

                return organization;
            }
        }
    }
}
