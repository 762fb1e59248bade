using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using LeadRecycle.Testing;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// Imports a history as it stood on the as-of date (open deals open in their stage since they entered it, closed
    /// deals closed, every completed stay recorded for the stage statistics), runs the stall scan once at that date,
    /// and reports. What the importer assumed where the data has gaps is counted and reported.
    /// </summary>
    public sealed class HistoryReplay
    {
        private readonly Dictionary<string, Guid> _users = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Guid> _accounts = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);

        /// <param name="asOf">The moment the history is replayed as of.</param>
        /// <param name="policyJson">The policy environment variable's value (replay and simulate --policy); saving it runs the solution's save check.</param>
        public HistoryReplay(DateTime asOf, string policyJson = "{}")
        {
            AsOf = DateTime.SpecifyKind(asOf, DateTimeKind.Utc);
            Clock = new ManualClock(AsOf);
            Organization = LeadRecycleInstallation.Create(Clock, policyJson: policyJson, idSeed: 1);
        }

        public DateTime AsOf { get; }

        public ManualClock Clock { get; }

        public InMemoryOrganization Organization { get; }

        /// <summary>What the importer assumed, with how many rows each assumption touched.</summary>
        public Dictionary<string, int> Assumptions { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

        public int Imported { get; private set; }

        public int NotYetCreated { get; private set; }

        public int ScanCalls { get; private set; }

        /// <summary>The imported deals' record ids, by their id in the history.</summary>
        public Dictionary<string, Guid> Ids { get; } = new Dictionary<string, Guid>(StringComparer.Ordinal);

        /// <summary>
        /// Imports the rows as they stand at the clock's current time (the as-of date for a replay);
        /// <paramref name="rowsDone"/> hears how many rows have been handled, for a progress display.
        /// </summary>
        public void Import(IEnumerable<HistoryRow> rows, Action<int>? rowsDone = null)
        {
            var now = Clock.UtcNow;
            var done = 0;
            foreach (var row in rows)
            {
                rowsDone?.Invoke(done++);
                var created = row.CreatedOn ?? row.StageEnteredOn;
                if (created != null && created > now)
                {
                    NotYetCreated++;
                    continue;
                }

                var owner = User(row.Owner, row.OwnerManager);
                var closedBeforeAsOf = row.State != "open" && row.ClosedOn != null && row.ClosedOn <= now;
                var stage = row.Stage;
                if (stage == null)
                {
                    Assume("a deal with no stage is counted in the unnamed stage 'Unknown'");
                    stage = "Unknown";
                }

                var enteredOn = row.StageEnteredOn;
                if (enteredOn == null)
                {
                    if (row.CreatedOn != null)
                    {
                        Assume("a deal with no stage_entered_on entered its stage on created_on");
                        enteredOn = row.CreatedOn;
                    }
                    else if (!closedBeforeAsOf)
                    {
                        Assume("an open deal with neither stage_entered_on nor created_on entered its stage on the as-of date (it cannot stall yet)");
                        enteredOn = now;
                    }
                }

                var stageKey = StageKeys.ForNamedStage(stage);
                var opportunity = new Entity(Opportunity.EntityName)
                {
                    [Opportunity.Name] = row.OpportunityId,
                    [Opportunity.StageKey] = stageKey,
                    [CommonColumns.OwnerId] = new EntityReference(SystemUser.EntityName, owner),
                };
                if (row.Value != null)
                {
                    opportunity[Opportunity.EstimatedValue] = new Money(row.Value.Value);
                }

                if (row.Account != null)
                {
                    opportunity[Opportunity.ParentAccount] = new EntityReference("account", Account(row.Account));
                }

                if (closedBeforeAsOf)
                {
                    var won = row.State == "won";
                    opportunity[CommonColumns.StateCode] = new OptionSetValue(won ? Opportunity.State.Won : Opportunity.State.Lost);
                    opportunity[CommonColumns.StatusCode] = new OptionSetValue(won ? Opportunity.Status.Won : Opportunity.Status.Canceled);
                    if (!won && row.LossReason == null)
                    {
                        Assume("a lost deal with no loss_reason is history: it counts in the statistics and is not recycled");
                    }
                }
                else
                {
                    if (row.State != "open")
                    {
                        Assume("a deal closed after the as-of date is open on the as-of date");
                    }

                    opportunity[Opportunity.StageEnteredOn] = enteredOn;
                }

                var id = Organization.Seed(opportunity);
                Ids[row.OpportunityId] = id;
                if (closedBeforeAsOf && enteredOn != null)
                {
                    Organization.Seed(new Entity(StageDuration.EntityName)
                    {
                        [StageDuration.Name] = stage,
                        [StageDuration.StageKey] = stageKey,
                        [StageDuration.Days] = Math.Round((decimal)Math.Max(0, (row.ClosedOn!.Value - enteredOn.Value).TotalDays), 4),
                        [StageDuration.Opportunity] = new EntityReference(Opportunity.EntityName, id),
                        [StageDuration.ExitedOn] = row.ClosedOn.Value,
                        [StageDuration.Folded] = false,
                    });
                }
                else if (closedBeforeAsOf)
                {
                    Assume("a closed deal with no stage dates adds no stay to the statistics");
                }

                Imported++;
            }

            rowsDone?.Invoke(done);
        }

        /// <summary>
        /// The nightly scan, once, at the as-of date. Each call's background jobs run before the next call, as the
        /// asynchronous service runs them during the night: a large history queues a job per stalled deal (the follow-up
        /// task's activity stamp), and held to the end they would fill memory and trip the emulator's runaway guard.
        /// </summary>
        public void Scan() => ScanCalls = LeadRecycleInstallation.ScanToEnd(Organization, Organization.Service, (response, _) => ScanTotals.Add(response), drainEachCall: true);

        /// <summary>What every scan of this organization did, added up (the report's service levels read it).</summary>
        public ScanTotals ScanTotals { get; } = new ScanTotals();

        private Guid User(string name, string? manager)
        {
            if (_users.TryGetValue(name, out var id))
            {
                return id;
            }

            Guid? managerId = manager == null ? null : User(manager, null);
            // The history's owners and their managers are sellers: Salesperson + LeadRecycle Sales.
            id = Organization.CreateUser(name, managerId, roles: LeadRecycleInstallation.RepRoles);
            _users.Add(name, id);
            return id;
        }

        private Guid Account(string name)
        {
            if (!_accounts.TryGetValue(name, out var id))
            {
                id = Organization.Service.Create(new Entity("account") { ["name"] = name });
                _accounts.Add(name, id);
            }

            return id;
        }

        private void Assume(string assumption)
        {
            Assumptions.TryGetValue(assumption, out var count);
            Assumptions[assumption] = count + 1;
        }
    }

    /// <summary>Turns the Maven Analytics CRM sample (third-party/maven-crm in the repository) into the generic history CSV.</summary>
    public static class MavenCrmConverter
    {
        /// <summary>The sample's two files, each with the columns the conversion reads (the checks and their messages use these).</summary>
        public static readonly IReadOnlyDictionary<string, string[]> Files = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["sales_teams.csv"] = new[] { "sales_agent", "manager" },
            ["sales_pipeline.csv"] = new[] { "opportunity_id", "sales_agent", "account", "deal_stage", "engage_date", "close_date", "close_value" },
        };

        /// <summary>
        /// The history's lines, header first. Both files are read in full before the first line is returned, so a file
        /// that cannot be read (<see cref="UnreadableFileException"/>, its message naming the file) yields nothing.
        /// </summary>
        public static IReadOnlyList<string> Convert(string folder)
        {
            var managers = new Dictionary<string, string>(StringComparer.Ordinal);
            Read(folder, "sales_teams.csv", field =>
            {
                var agent = field("sales_agent");
                var manager = field("manager");
                if (agent != null && manager != null)
                {
                    managers[agent] = manager;
                }
            });

            var lines = new List<string> { "opportunity_id,owner,owner_manager,account,stage,stage_entered_on,created_on,closed_on,state,loss_reason,value" };
            Read(folder, "sales_pipeline.csv", field =>
            {
                var stage = field("deal_stage");
                var state = stage == "Won" ? "won" : stage == "Lost" ? "lost" : "open";
                var openStage = stage == "Prospecting" ? "Prospecting" : "Engaging";
                var agent = field("sales_agent") ?? string.Empty;
                managers.TryGetValue(agent, out var manager);
                var engaged = field("engage_date") ?? string.Empty;
                lines.Add(string.Join(",", new[]
                {
                    Quote(field("opportunity_id") ?? string.Empty), Quote(agent), Quote(manager ?? string.Empty), Quote(field("account") ?? string.Empty), openStage,
                    engaged, engaged, state == "open" ? string.Empty : field("close_date") ?? string.Empty, state, string.Empty, field("close_value") ?? string.Empty,
                }));
            });
            return lines;
        }

        private static void Read(string folder, string file, Action<Func<string, string?>> readRow)
        {
            using var reader = new System.IO.StreamReader(System.IO.Path.Combine(folder, file));
            try
            {
                HistoryCsv.ReadTable(reader, Files[file], (_, field) =>
                {
                    readRow(field);
                    return null;
                });
            }
            catch (UnreadableFileException unreadable)
            {
                // The user gave a folder: say which of its files is wrong.
                throw new UnreadableFileException(file + ": " + unreadable.Message, unreadable);
            }
        }

        private static string Quote(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal)
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }
}
