using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>Where a scan stopped, so the next call resumes there.</summary>
    public enum ScanPhase
    {
        Fold = 0,
        Flag = 1,
        Lapse = 2,
        LeadLapse = 3,
        Done = 4,
    }

    public sealed class ScanResult
    {
        public bool Done { get; set; }

        /// <summary>Pass back to continue; null when the scan is done.</summary>
        public string? ContinuationToken { get; set; }

        public int DurationsFolded { get; set; }

        public int Warned { get; set; }

        public int Stalled { get; set; }

        public int TasksCreated { get; set; }

        public int Recycled { get; set; }

        /// <summary>Sales-accepted leads recycled after going without activity past their service level.</summary>
        public int LeadsRecycled { get; set; }

        /// <summary>Organization-service requests this call made itself (not counting the plug-ins its Lose runs).</summary>
        public int Requests { get; set; }
    }

    /// <summary>
    /// The scheduled stall scan (seed 000's 3x rule, seed 002's service levels), in bounded calls:
    /// 1. Fold: recorded stage stays are merged into their stage's statistics row (the only writer of it).
    /// 2. Flag: per stage, one bounded query finds open deals past the warning threshold and one finds deals
    ///    past the stall threshold ("stage = S and entered on before now - multiplier x mean(S)"); stages with too
    ///    little history share one query with the fallback threshold. A newly stalled deal gets a follow-up task
    ///    for its owner with the service-level due date.
    /// 4. Lead lapse: open, sales-accepted leads with no activity for the lead service level are disqualified
    ///    with the system reason, so the lead path creates their passive Recycled Lead.
    /// 3. Lapse: stalled deals whose service level passed with no stage change and no snooze are returned to
    ///    nurture through Lose with the system reason, so active recycling creates the (passive) Recycled Lead.
    /// Each call stops after a request budget and returns a continuation token. A flagged deal drops out of its
    /// own query, so re-running is idempotent and needs no paging cookie.
    /// </summary>
    public sealed class StallScanService
    {
        public const int DefaultRequestBudget = 400;
        public const int DefaultPageSize = 100;
        private const string TokenPrefix = "v1";
        private const string UntrustedStages = "*";

        private readonly IOrganizationService _service;
        private readonly RecyclePolicy _policy;
        private readonly DateTime _now;
        private readonly int _requestBudget;
        private readonly int _pageSize;
        private readonly ScanResult _result = new ScanResult();

        public StallScanService(IOrganizationService service, RecyclePolicy policy, DateTime utcNow, int requestBudget = DefaultRequestBudget, int pageSize = DefaultPageSize)
        {
            _service = service;
            _policy = policy;
            _now = utcNow;
            _requestBudget = Math.Max(1, requestBudget);
            _pageSize = Math.Max(4, pageSize);
        }

        private int PageSize => _pageSize;

        public ScanResult Run(string? continuationToken)
        {
            var position = ParseToken(continuationToken);
            var phase = position.Phase;
            var stageIndex = position.StageIndex;
            while (phase != ScanPhase.Done)
            {
                // Every call makes progress (at least one page), so a caller that loops on the token always finishes.
                if (_result.Requests > 0 && OutOfBudget)
                {
                    return Pause(phase, stageIndex);
                }

                switch (phase)
                {
                    case ScanPhase.Fold:
                        if (FoldPage())
                        {
                            phase = ScanPhase.Flag;
                            stageIndex = 0;
                        }

                        break;
                    case ScanPhase.Flag:
                        var stages = StageThresholds();
                        if (stageIndex >= stages.Count)
                        {
                            phase = ScanPhase.Lapse;
                            break;
                        }

                        if (FlagStagePage(stages[stageIndex]))
                        {
                            stageIndex++;
                        }

                        break;
                    case ScanPhase.Lapse:
                        if (LapsePage())
                        {
                            phase = ScanPhase.LeadLapse;
                        }

                        break;
                    case ScanPhase.LeadLapse:
                        if (LeadLapsePage())
                        {
                            phase = ScanPhase.Done;
                        }

                        break;
                }
            }

            _result.Done = true;
            _result.ContinuationToken = null;
            return _result;
        }

        private bool OutOfBudget => _result.Requests + PageSize + 5 > _requestBudget;

        private ScanResult Pause(ScanPhase phase, int stageIndex)
        {
            _result.Done = false;
            _result.ContinuationToken = string.Join("|", TokenPrefix, ((int)phase).ToString(CultureInfo.InvariantCulture), stageIndex.ToString(CultureInfo.InvariantCulture));
            return _result;
        }

        private static ScanPosition ParseToken(string? token)
        {
            if (string.IsNullOrWhiteSpace(token))
            {
                return new ScanPosition(ScanPhase.Fold, 0);
            }

            var parts = token!.Split('|');
            if (parts.Length != 3 || parts[0] != TokenPrefix
                || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var phase) || phase < 0 || phase > (int)ScanPhase.Done
                || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var stageIndex) || stageIndex < 0)
            {
                throw new InvalidPluginExecutionException($"'{token}' is not a continuation token from this scan. Start again without one.");
            }

            return new ScanPosition((ScanPhase)phase, stageIndex);
        }

        // ---- Fold --------------------------------------------------------------------------------------------

        /// <summary>Folds one page of recorded stays; true when none are left.</summary>
        private bool FoldPage()
        {
            var query = new QueryExpression(StageDuration.EntityName)
            {
                ColumnSet = new ColumnSet(StageDuration.StageKey, StageDuration.Days),
                TopCount = PageSize,
            };
            query.Criteria.AddCondition(StageDuration.Folded, ConditionOperator.Equal, false);
            query.AddOrder(StageDuration.ExitedOn, OrderType.Ascending);
            var durations = RetrieveMultiple(query);
            if (durations.Count == 0)
            {
                return true;
            }

            var statistics = LoadStatistics();
            foreach (var group in durations.GroupBy(d => d.GetAttributeValue<string>(StageDuration.StageKey)))
            {
                if (group.Key == null)
                {
                    continue;
                }

                var batch = group.Aggregate(StageStatistics.Empty, (s, d) => s.Add((double)d.GetAttributeValue<decimal>(StageDuration.Days)));
                statistics.TryGetValue(group.Key, out var existing);
                var merged = (existing == null ? StageStatistics.Empty : existing.Statistics).Merge(batch);
                var row = new Entity(StageStatistic.EntityName)
                {
                    [StageStatistic.Count] = (int)merged.Count,
                    [StageStatistic.MeanDays] = merged.Mean,
                    [StageStatistic.M2] = merged.M2,
                    [StageStatistic.UpdatedOn] = _now,
                };
                if (existing == null)
                {
                    row[StageStatistic.StageKey] = group.Key;
                    row[StageStatistic.Name] = StageKeys.DisplayName(group.Key);
                    Create(row);
                }
                else
                {
                    row.Id = existing.Row.Id;
                    Update(row);
                }
            }

            foreach (var duration in durations)
            {
                Update(new Entity(StageDuration.EntityName, duration.Id) { [StageDuration.Folded] = true });
            }

            _result.DurationsFolded += durations.Count;
            return durations.Count < PageSize;
        }

        private Dictionary<string, StatisticRow> LoadStatistics()
        {
            var query = new QueryExpression(StageStatistic.EntityName)
            {
                ColumnSet = new ColumnSet(StageStatistic.StageKey, StageStatistic.Count, StageStatistic.MeanDays, StageStatistic.M2),
            };
            return RetrieveMultiple(query)
                .Where(row => row.GetAttributeValue<string>(StageStatistic.StageKey) != null)
                .ToDictionary(
                    row => row.GetAttributeValue<string>(StageStatistic.StageKey),
                    row => new StatisticRow(row, new StageStatistics(
                        row.GetAttributeValue<int?>(StageStatistic.Count) ?? 0,
                        row.GetAttributeValue<double?>(StageStatistic.MeanDays) ?? 0,
                        row.GetAttributeValue<double?>(StageStatistic.M2) ?? 0)),
                    StringComparer.Ordinal);
        }

        // ---- Flag --------------------------------------------------------------------------------------------

        private List<StageThreshold>? _stageThresholds;

        /// <summary>The trusted stages in a stable order, then one entry for every stage still on the fallback.</summary>
        private List<StageThreshold> StageThresholds()
        {
            if (_stageThresholds != null)
            {
                return _stageThresholds;
            }

            var stall = _policy.Stall;
            var trusted = LoadStatistics()
                .Where(pair => stall.Trusts(pair.Value.Statistics))
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => new StageThreshold(pair.Key, stall.WarningDays(pair.Value.Statistics), stall.StallDays(pair.Value.Statistics)))
                .ToList();
            var untrusted = new StageThreshold(UntrustedStages, stall.WarningDays(StageStatistics.Empty), stall.StallDays(StageStatistics.Empty))
            {
                TrustedKeys = trusted.Select(t => t.StageKey).ToArray(),
            };
            trusted.Add(untrusted);
            _stageThresholds = trusted;
            return trusted;
        }

        /// <summary>Flags one page of deals in a stage; true when the stage has none left to flag.</summary>
        private bool FlagStagePage(StageThreshold stage)
        {
            var stalled = OpenDealsInStage(stage, enteredBefore: _now.AddDays(-stage.StallDays), notIn: new[] { AgingStatus.Stalled });
            foreach (var deal in stalled)
            {
                MarkStalled(deal, stage);
            }

            var remaining = PageSize - stalled.Count;
            var warned = remaining <= 0
                ? new List<Entity>()
                : OpenDealsInStage(stage, enteredBefore: _now.AddDays(-stage.WarningDays), notIn: new[] { AgingStatus.Warning, AgingStatus.Stalled }, top: remaining);
            foreach (var deal in warned)
            {
                Update(new Entity(Opportunity.EntityName, deal.Id) { [Opportunity.AgingStatus] = new OptionSetValue((int)AgingStatus.Warning) });
                _result.Warned++;
            }

            return stalled.Count < PageSize && warned.Count < remaining;
        }

        private List<Entity> OpenDealsInStage(StageThreshold stage, DateTime enteredBefore, AgingStatus[] notIn, int? top = null)
        {
            var query = new QueryExpression(Opportunity.EntityName)
            {
                ColumnSet = new ColumnSet(Opportunity.Name, Opportunity.StageKey, Opportunity.StageEnteredOn, CommonColumns.OwnerId),
                TopCount = top ?? PageSize,
            };
            var criteria = query.Criteria;
            criteria.AddCondition(CommonColumns.StateCode, ConditionOperator.Equal, Opportunity.State.Open);
            criteria.AddCondition(Opportunity.StageEnteredOn, ConditionOperator.LessThan, enteredBefore);
            if (stage.StageKey == UntrustedStages)
            {
                if (stage.TrustedKeys.Length > 0)
                {
                    var keys = criteria.AddFilter(LogicalOperator.Or);
                    keys.AddCondition(Opportunity.StageKey, ConditionOperator.Null);
                    keys.AddCondition(Opportunity.StageKey, ConditionOperator.NotIn, stage.TrustedKeys.Cast<object>().ToArray());
                }
            }
            else
            {
                criteria.AddCondition(Opportunity.StageKey, ConditionOperator.Equal, stage.StageKey);
            }

            var status = criteria.AddFilter(LogicalOperator.Or);
            status.AddCondition(Opportunity.AgingStatus, ConditionOperator.Null);
            status.AddCondition(Opportunity.AgingStatus, ConditionOperator.NotIn, notIn.Select(s => (object)(int)s).ToArray());
            AddNotSnoozed(criteria);
            query.AddOrder(Opportunity.StageEnteredOn, OrderType.Ascending);
            return RetrieveMultiple(query);
        }

        private void MarkStalled(Entity deal, StageThreshold stage)
        {
            var due = _now.AddDays(_policy.Stall.ServiceLevelDays);
            Update(new Entity(Opportunity.EntityName, deal.Id)
            {
                [Opportunity.AgingStatus] = new OptionSetValue((int)AgingStatus.Stalled),
                [Opportunity.StalledOn] = _now,
                [Opportunity.ServiceLevelDue] = due,
            });
            _result.Stalled++;

            var owner = deal.GetAttributeValue<EntityReference>(CommonColumns.OwnerId);
            var enteredOn = deal.GetAttributeValue<DateTime?>(Opportunity.StageEnteredOn) ?? _now;
            var days = (int)Math.Floor((_now - enteredOn).TotalDays);
            var stageName = StageKeys.DisplayName(deal.GetAttributeValue<string>(Opportunity.StageKey) ?? "no stage");
            var task = new Entity(TaskActivity.EntityName)
            {
                [TaskActivity.Subject] = Text.Truncate(
                    string.Format(CultureInfo.InvariantCulture, "Stalled deal: {0} has been in {1} for {2} days", deal.GetAttributeValue<string>(Opportunity.Name) ?? "opportunity", stageName, days), 200),
                [TaskActivity.Description] = string.Format(
                    CultureInfo.InvariantCulture,
                    "This deal has stayed in {0} longer than {1:0.#} days, the stall threshold for the stage. Move it forward, snooze it with a date, or close it by {2:yyyy-MM-dd}; otherwise LeadRecycle returns it to marketing for nurture on that day.",
                    stageName, stage.StallDays, due),
                [TaskActivity.Regarding] = new EntityReference(Opportunity.EntityName, deal.Id),
                [TaskActivity.ScheduledEnd] = due,
            };
            if (owner != null)
            {
                task[CommonColumns.OwnerId] = owner;
            }

            Create(task);
            _result.TasksCreated++;
        }

        // ---- Lapse -------------------------------------------------------------------------------------------

        /// <summary>Returns one page of lapsed stalled deals to nurture; true when none are left.</summary>
        private bool LapsePage()
        {
            var query = new QueryExpression(Opportunity.EntityName)
            {
                ColumnSet = new ColumnSet(Opportunity.Name),
                TopCount = PageSize / 4,
            };
            query.Criteria.AddCondition(CommonColumns.StateCode, ConditionOperator.Equal, Opportunity.State.Open);
            query.Criteria.AddCondition(Opportunity.AgingStatus, ConditionOperator.Equal, (int)AgingStatus.Stalled);
            query.Criteria.AddCondition(Opportunity.ServiceLevelDue, ConditionOperator.LessEqual, _now);
            AddNotSnoozed(query.Criteria);
            query.AddOrder(Opportunity.ServiceLevelDue, OrderType.Ascending);
            var lapsed = RetrieveMultiple(query);
            foreach (var deal in lapsed)
            {
                Execute(new LoseOpportunityRequest
                {
                    OpportunityClose = new Entity(OpportunityClose.EntityName)
                    {
                        [OpportunityClose.Opportunity] = new EntityReference(Opportunity.EntityName, deal.Id),
                        [OpportunityClose.Subject] = "Returned to nurture: stalled past its service level",
                        [OpportunityClose.ActualEnd] = _now,
                        [ChecklistColumns.Reason] = new OptionSetValue((int)DisqualificationReason.StalledInStage),
                        [ChecklistColumns.Background] = "Stalled in stage past the service level with no stage change and no snooze.",
                    },
                    Status = new OptionSetValue(Opportunity.Status.Canceled),
                });
                _result.Recycled++;
            }

            return lapsed.Count < PageSize / 4;
        }

        /// <summary>Recycles one page of inactive sales-accepted leads; true when none are left.</summary>
        private bool LeadLapsePage()
        {
            var stall = _policy.Stall;
            var cutoff = _now.AddDays(-stall.LeadServiceLevelDays);
            var query = new QueryExpression(Lead.EntityName)
            {
                ColumnSet = new ColumnSet(Lead.LastActivityOn),
                TopCount = PageSize / 4,
            };
            query.Criteria.AddCondition(CommonColumns.StateCode, ConditionOperator.Equal, Lead.State.Open);
            query.Criteria.AddCondition(CommonColumns.StatusCode, ConditionOperator.In, stall.SalesAcceptedLeadStatuses.Cast<object>().ToArray());
            var inactive = query.Criteria.AddFilter(LogicalOperator.Or);
            inactive.AddCondition(Lead.LastActivityOn, ConditionOperator.LessThan, cutoff);
            var neverActive = inactive.AddFilter(LogicalOperator.And);
            neverActive.AddCondition(Lead.LastActivityOn, ConditionOperator.Null);
            neverActive.AddCondition(CommonColumns.CreatedOn, ConditionOperator.LessThan, cutoff);
            query.AddOrder(CommonColumns.CreatedOn, OrderType.Ascending);
            var leads = RetrieveMultiple(query);
            foreach (var lead in leads)
            {
                Update(new Entity(Lead.EntityName, lead.Id)
                {
                    [CommonColumns.StateCode] = new OptionSetValue(Lead.State.Disqualified),
                    [CommonColumns.StatusCode] = new OptionSetValue(Lead.Status.CannotContact),
                    [ChecklistColumns.Reason] = new OptionSetValue((int)DisqualificationReason.StalledInStage),
                    [ChecklistColumns.Background] = string.Format(CultureInfo.InvariantCulture,
                        "No activity for {0} days, the service level for sales-accepted leads.", stall.LeadServiceLevelDays),
                });
                _result.LeadsRecycled++;
            }

            return leads.Count < PageSize / 4;
        }

        private void AddNotSnoozed(FilterExpression criteria)
        {
            var snooze = criteria.AddFilter(LogicalOperator.Or);
            snooze.AddCondition(Opportunity.SnoozeUntil, ConditionOperator.Null);
            snooze.AddCondition(Opportunity.SnoozeUntil, ConditionOperator.LessEqual, _now);
        }

        // ---- Counted service calls ---------------------------------------------------------------------------

        private List<Entity> RetrieveMultiple(QueryExpression query)
        {
            _result.Requests++;
            return _service.RetrieveMultiple(query).Entities.ToList();
        }

        private void Create(Entity entity)
        {
            _result.Requests++;
            _service.Create(entity);
        }

        private void Update(Entity entity)
        {
            _result.Requests++;
            _service.Update(entity);
        }

        private void Execute(OrganizationRequest request)
        {
            _result.Requests++;
            _service.Execute(request);
        }

        private sealed class ScanPosition
        {
            public ScanPosition(ScanPhase phase, int stageIndex)
            {
                Phase = phase;
                StageIndex = stageIndex;
            }

            public ScanPhase Phase { get; }

            public int StageIndex { get; }
        }

        private sealed class StatisticRow
        {
            public StatisticRow(Entity row, StageStatistics statistics)
            {
                Row = row;
                Statistics = statistics;
            }

            public Entity Row { get; }

            public StageStatistics Statistics { get; }
        }

        private sealed class StageThreshold
        {
            public StageThreshold(string stageKey, double warningDays, double stallDays)
            {
                StageKey = stageKey;
                WarningDays = warningDays;
                StallDays = stallDays;
            }

            public string StageKey { get; }

            public double WarningDays { get; }

            public double StallDays { get; }

            public string[] TrustedKeys { get; set; } = Array.Empty<string>();
        }
    }
}
