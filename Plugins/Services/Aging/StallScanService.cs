using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using LeadRecycle.Services.Ownership;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Aging
{
    /// <summary>Where a scan stopped, so the next call resumes there.</summary>
    /// <summary>The phases in the order they run (the numbers are kept stable: they travel in continuation tokens).</summary>
    public enum ScanPhase
    {
        Fold = 0,
        Adopt = 5,
        Flag = 1,
        SnoozeEnded = 6,
        Lapse = 2,
        LeadLapse = 3,
        Expire = 7,
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

        /// <summary>Lapsed deals handed to the background return to nurture (one job per deal, its own transaction).</summary>
        public int Recycled { get; set; }

        /// <summary>Sales-accepted leads handed to the background return to nurture after going without activity past their service level.</summary>
        public int LeadsRecycled { get; set; }

        /// <summary>
        /// Of those, deals and leads whose return an earlier night asked for and that are still open: the background
        /// job failed (System Jobs shows the platform's message), and it is asked for again.
        /// </summary>
        public int Retried { get; set; }

        /// <summary>Recycled leads nurtured longer than engagement.nurtureDays without re-engaging: expired.</summary>
        public int Expired { get; set; }

        /// <summary>Open deals from before LeadRecycle was installed, given their stage-entered date.</summary>
        public int Adopted { get; set; }

        /// <summary>Stalled deals whose snooze ended without progress: flagged again with a fresh task and service level.</summary>
        public int SnoozesEnded { get; set; }

        /// <summary>Recorded stage stays that no statistic can hold (under an hour, or longer than a century): set aside, not folded.</summary>
        public int DurationsSkipped { get; set; }

        /// <summary>Organization-service requests this call made itself (not counting the plug-ins its Lose runs).</summary>
        public int Requests { get; set; }
    }

    /// <summary>
    /// The scheduled stall scan (seed 000's 3x rule, seed 002's service levels), in bounded calls:
    /// 1. Fold: recorded stage stays are merged into their stage's statistics row (the only writer of it).
    /// 1a. Adopt: open deals from before the install (no stage-entered date) get one: the start of their sales
    ///    process's active stage where there is one, else their created date; from then on they age like any deal.
    /// 2. Flag: per stage, one bounded query finds open deals past the warning threshold and one finds deals
    ///    past the stall threshold ("stage = S and entered on before now - multiplier x mean(S)"); stages with too
    ///    little history share one query with the fallback threshold. A newly stalled deal gets a follow-up task
    ///    for its owner with the service-level due date.
    /// 2a. Snooze ended: a stalled deal whose snooze ran out without progress is flagged afresh (new task, new
    ///    service-level date), never recycled the night its snooze ends.
    /// 3. Lapse: stalled deals whose service level passed with no stage change and no snooze are stamped for the
    ///    return to nurture; a background job per deal (ReturnLapsedToNurture) closes it through Lose with the system
    ///    reason in its own transaction, so one deal that cannot be closed never stops the scan or the other deals.
    ///    The failed job stays in System Jobs with the platform's message; the next night asks again (Retried).
    /// 4. Lead lapse: the same for open, sales-accepted leads with no activity for the lead service level.
    /// The scan itself writes only LeadRecycle's own columns and follow-up tasks whose owner the one rule for who
    /// acts has chosen; the work that runs other plug-ins is per record, in the background.
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
                            phase = ScanPhase.Adopt;
                        }

                        break;
                    case ScanPhase.Adopt:
                        if (AdoptPage())
                        {
                            phase = ScanPhase.Flag;
                            stageIndex = 0;
                        }

                        break;
                    case ScanPhase.Flag:
                        var stages = StageThresholds();
                        if (stageIndex >= stages.Count)
                        {
                            phase = ScanPhase.SnoozeEnded;
                            break;
                        }

                        if (FlagStagePage(stages[stageIndex]))
                        {
                            stageIndex++;
                        }

                        break;
                    case ScanPhase.SnoozeEnded:
                        if (SnoozeEndedPage())
                        {
                            phase = ScanPhase.Lapse;
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
                            phase = ScanPhase.Expire;
                        }

                        break;
                    case ScanPhase.Expire:
                        if (ExpirePage())
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

        /// <summary>A page costs at most about PageSize + 5 requests (a quarter page of stalled deals at four each, or a page of one each).</summary>
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
                || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var phase) || !Enum.IsDefined(typeof(ScanPhase), phase)
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
            var foldable = durations.Where(IsFoldable).ToList();
            _result.DurationsSkipped += durations.Count - foldable.Count;
            foreach (var group in foldable.GroupBy(d => d.GetAttributeValue<string>(StageDuration.StageKey)))
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

            _result.DurationsFolded += foldable.Count;
            return durations.Count < PageSize;
        }

        /// <summary>
        /// A stay a statistic can hold: a stage key and from an hour to 36,500 days. A longer one (a clock set wrong,
        /// data from before the install) would poison the stage's mean and its variance; a shorter one is a correction
        /// (a stage picked by mistake and changed back), and hundreds of them, deliberate or not, would drag the mean
        /// towards zero and make every colleague's deal in that stage stall. Both are set aside and counted.
        /// </summary>
        private static bool IsFoldable(Entity duration)
        {
            var days = duration.GetAttributeValue<decimal?>(StageDuration.Days);
            return duration.GetAttributeValue<string>(StageDuration.StageKey) != null && days != null && days.Value >= MinStayDays && days.Value <= MaxStayDays;
        }

        private const decimal MaxStayDays = 36500m;

        private const decimal MinStayDays = 1m / 24m;

        // ---- Adopt -------------------------------------------------------------------------------------------

        /// <summary>
        /// Gives one page of open deals from before the install their stage-entered date and stage key; true when
        /// none are left. The date is the start of the active stage of the deal's sales process when it has one (the
        /// platform stamps it), else the deal's created date; an admin who prefers another date sets the column
        /// before the first scan, and the scan leaves it alone. One query (the flow instance joined) per page.
        /// </summary>
        private bool AdoptPage()
        {
            var query = new QueryExpression(Opportunity.EntityName)
            {
                ColumnSet = new ColumnSet(Opportunity.SalesStage, Opportunity.StageKey, CommonColumns.CreatedOn),
                TopCount = PageSize,
            };
            query.Criteria.AddCondition(CommonColumns.StateCode, ConditionOperator.Equal, Opportunity.State.Open);
            query.Criteria.AddCondition(Opportunity.StageEnteredOn, ConditionOperator.Null);
            var flow = query.AddLink(OpportunitySalesProcess.EntityName, Opportunity.Id, OpportunitySalesProcess.Opportunity, JoinOperator.LeftOuter);
            flow.EntityAlias = "flow";
            flow.Columns = new ColumnSet(OpportunitySalesProcess.ActiveStage, OpportunitySalesProcess.ActiveStageStartedTime);
            query.AddOrder(CommonColumns.CreatedOn, OrderType.Ascending);
            var deals = RetrieveMultiple(query);
            var fromProcess = _policy.Stall.StageSource == StageSource.BusinessProcessFlow;
            foreach (var deal in deals.GroupBy(d => d.Id).Select(g => g.First()))
            {
                var flowStarted = (deal.GetAttributeValue<AliasedValue>("flow." + OpportunitySalesProcess.ActiveStageStartedTime)?.Value as DateTime?);
                var flowStage = deal.GetAttributeValue<AliasedValue>("flow." + OpportunitySalesProcess.ActiveStage)?.Value as EntityReference;
                var enteredOn = flowStarted ?? deal.GetAttributeValue<DateTime?>(CommonColumns.CreatedOn) ?? _now;
                var adopt = new Entity(Opportunity.EntityName, deal.Id)
                {
                    [Opportunity.StageEnteredOn] = enteredOn > _now ? _now : enteredOn,
                };
                var key = fromProcess && flowStage != null ? StageKeys.ForProcessStage(flowStage.Id) : StageKeys.OfSalesStage(deal);
                if (deal.GetAttributeValue<string>(Opportunity.StageKey) == null && key != null)
                {
                    adopt[Opportunity.StageKey] = key;
                }

                Update(adopt);
                _result.Adopted++;
            }

            return deals.Count < PageSize;
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
            // A stalled deal costs up to four requests (flag, the owner rule's reads, task), a warned one one: the
            // stalled page is a quarter of a page so that a page stays within the call's budget.
            var stalledPage = PageSize / 4;
            var stalled = OpenDealsInStage(stage, enteredBefore: _now.AddDays(-stage.StallDays), notIn: new[] { AgingStatus.Stalled }, top: stalledPage);
            foreach (var deal in stalled)
            {
                MarkStalled(deal, stage.StallDays);
            }

            if (stalled.Count >= stalledPage)
            {
                return false;
            }

            var remaining = PageSize / 2;
            var warned = OpenDealsInStage(stage, enteredBefore: _now.AddDays(-stage.WarningDays), notIn: new[] { AgingStatus.Warning, AgingStatus.Stalled }, top: remaining);
            foreach (var deal in warned)
            {
                Update(new Entity(Opportunity.EntityName, deal.Id) { [Opportunity.AgingStatus] = new OptionSetValue((int)AgingStatus.Warning) });
                _result.Warned++;
            }

            return warned.Count < remaining;
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

        private void MarkStalled(Entity deal, double stallDays, bool snoozeEnded = false)
        {
            var due = _now.AddDays(_policy.Stall.ServiceLevelDays);
            var flag = new Entity(Opportunity.EntityName, deal.Id)
            {
                [Opportunity.AgingStatus] = new OptionSetValue((int)AgingStatus.Stalled),
                [Opportunity.StalledOn] = _now,
                [Opportunity.ServiceLevelDue] = due,
            };
            if (snoozeEnded)
            {
                // The snooze is spent: clearing it drops the deal out of the snooze-ended query (idempotent).
                flag[Opportunity.SnoozeUntil] = null;
                _result.SnoozesEnded++;
            }
            else
            {
                _result.Stalled++;
            }

            Update(flag);

            // The one rule for who acts: a departed rep's task goes to the manager or the fallback, a team's to the team.
            var owner = TaskOwnerFor(deal.GetAttributeValue<EntityReference>(CommonColumns.OwnerId));
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
                    stageName, stallDays, due),
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

        private readonly Dictionary<Guid, EntityReference?> _taskOwners = new Dictionary<Guid, EntityReference?>();

        /// <summary>The one rule for who acts, resolved once per owner per call (a page's deals share few owners).</summary>
        private EntityReference? TaskOwnerFor(EntityReference? dealOwner)
        {
            if (dealOwner == null)
            {
                return null;
            }

            if (!_taskOwners.TryGetValue(dealOwner.Id, out var owner))
            {
                owner = ActingOwnerRule.Resolve(Counted, dealOwner, _policy.Engagement.FallbackOwner)?.Owner;
                _taskOwners[dealOwner.Id] = owner;
            }

            return owner;
        }

        // ---- Snooze ended ------------------------------------------------------------------------------------

        /// <summary>Flags afresh one page of stalled deals whose snooze ran out; true when none are left.</summary>
        private bool SnoozeEndedPage()
        {
            var query = new QueryExpression(Opportunity.EntityName)
            {
                ColumnSet = new ColumnSet(Opportunity.Name, Opportunity.StageKey, Opportunity.StageEnteredOn, CommonColumns.OwnerId),
                TopCount = PageSize / 4,
            };
            query.Criteria.AddCondition(CommonColumns.StateCode, ConditionOperator.Equal, Opportunity.State.Open);
            query.Criteria.AddCondition(Opportunity.AgingStatus, ConditionOperator.Equal, (int)AgingStatus.Stalled);
            query.Criteria.AddCondition(Opportunity.SnoozeUntil, ConditionOperator.NotNull);
            query.Criteria.AddCondition(Opportunity.SnoozeUntil, ConditionOperator.LessEqual, _now);
            query.AddOrder(Opportunity.SnoozeUntil, OrderType.Ascending);
            var ended = RetrieveMultiple(query);
            foreach (var deal in ended)
            {
                MarkStalled(deal, StallDaysOf(deal.GetAttributeValue<string>(Opportunity.StageKey)), snoozeEnded: true);
            }

            return ended.Count < PageSize / 4;
        }

        private double StallDaysOf(string? stageKey)
        {
            var stages = StageThresholds();
            return (stages.FirstOrDefault(s => s.StageKey == stageKey) ?? stages[stages.Count - 1]).StallDays;
        }

        // ---- Lapse -------------------------------------------------------------------------------------------

        /// <summary>
        /// Asks for the return to nurture of one page of lapsed stalled deals; true when none are left. A deal asked
        /// for within the last <see cref="RequestAgainAfterHours"/> hours is waiting for its background job; one asked
        /// for earlier and still open had its job fail, and is asked for again.
        /// </summary>
        private bool LapsePage()
        {
            var query = new QueryExpression(Opportunity.EntityName)
            {
                ColumnSet = new ColumnSet(Opportunity.NurtureRequestedOn),
                TopCount = PageSize / 4,
            };
            query.Criteria.AddCondition(CommonColumns.StateCode, ConditionOperator.Equal, Opportunity.State.Open);
            query.Criteria.AddCondition(Opportunity.AgingStatus, ConditionOperator.Equal, (int)AgingStatus.Stalled);
            query.Criteria.AddCondition(Opportunity.ServiceLevelDue, ConditionOperator.LessEqual, _now);
            AddNotSnoozed(query.Criteria);
            AddNotJustRequested(query.Criteria, Opportunity.NurtureRequestedOn);
            query.AddOrder(Opportunity.ServiceLevelDue, OrderType.Ascending);
            var lapsed = RetrieveMultiple(query);
            foreach (var deal in lapsed)
            {
                RequestReturn(deal, Opportunity.NurtureRequestedOn);
                _result.Recycled++;
            }

            return lapsed.Count < PageSize / 4;
        }

        /// <summary>Asks for the return to nurture of one page of inactive sales-accepted leads; true when none are left.</summary>
        private bool LeadLapsePage()
        {
            var stall = _policy.Stall;
            var cutoff = _now.AddDays(-stall.LeadServiceLevelDays);
            var query = new QueryExpression(Lead.EntityName)
            {
                ColumnSet = new ColumnSet(Lead.NurtureRequestedOn),
                TopCount = PageSize / 4,
            };
            query.Criteria.AddCondition(CommonColumns.StateCode, ConditionOperator.Equal, Lead.State.Open);
            query.Criteria.AddCondition(CommonColumns.StatusCode, ConditionOperator.In, stall.SalesAcceptedLeadStatuses.Cast<object>().ToArray());
            LeadInactivity.AddInactiveSince(query.Criteria, cutoff);
            AddNotJustRequested(query.Criteria, Lead.NurtureRequestedOn);
            query.AddOrder(CommonColumns.CreatedOn, OrderType.Ascending);
            var leads = RetrieveMultiple(query);
            foreach (var lead in leads)
            {
                RequestReturn(lead, Lead.NurtureRequestedOn);
                _result.LeadsRecycled++;
            }

            return leads.Count < PageSize / 4;
        }

        // ---- Expire ------------------------------------------------------------------------------------------

        /// <summary>
        /// Ends the nurture of one page of recycled leads that never re-engaged within engagement.nurtureDays of being
        /// recycled; true when none are left. Only LeadRecycle's own table is written: status Expired with a note.
        /// </summary>
        private bool ExpirePage()
        {
            var days = _policy.Engagement.NurtureDays;
            var query = new QueryExpression(RecycledLead.EntityName)
            {
                ColumnSet = new ColumnSet(RecycledLead.RecycledOn),
                TopCount = PageSize,
            };
            query.Criteria.AddCondition(CommonColumns.StatusCode, ConditionOperator.Equal, RecycledLead.Status.Nurturing);
            query.Criteria.AddCondition(RecycledLead.RecycledOn, ConditionOperator.LessThan, _now.AddDays(-days));
            query.AddOrder(RecycledLead.RecycledOn, OrderType.Ascending);
            var stale = RetrieveMultiple(query);
            foreach (var recycledLead in stale)
            {
                Update(new Entity(RecycledLead.EntityName, recycledLead.Id)
                {
                    [CommonColumns.StateCode] = new OptionSetValue(RecycledLead.State.Inactive),
                    [CommonColumns.StatusCode] = new OptionSetValue(RecycledLead.Status.Expired),
                    [RecycledLead.RemovalNote] = string.Format(CultureInfo.InvariantCulture,
                        "Nurtured for {0} days without re-engaging (engagement.nurtureDays): the nurture ended.", days),
                });
                _result.Expired++;
            }

            return stale.Count < PageSize;
        }

        /// <summary>Hours after which a request that is still open counts as failed and is made again.</summary>
        public const int RequestAgainAfterHours = 12;

        private void RequestReturn(Entity record, string requestedOnColumn)
        {
            if (record.GetAttributeValue<DateTime?>(requestedOnColumn) != null)
            {
                _result.Retried++;
            }

            Update(new Entity(record.LogicalName, record.Id) { [requestedOnColumn] = _now });
        }

        private void AddNotJustRequested(FilterExpression criteria, string requestedOnColumn)
        {
            var notJust = criteria.AddFilter(LogicalOperator.Or);
            notJust.AddCondition(requestedOnColumn, ConditionOperator.Null);
            notJust.AddCondition(requestedOnColumn, ConditionOperator.LessThan, _now.AddHours(-RequestAgainAfterHours));
        }

        private void AddNotSnoozed(FilterExpression criteria)
        {
            var snooze = criteria.AddFilter(LogicalOperator.Or);
            snooze.AddCondition(Opportunity.SnoozeUntil, ConditionOperator.Null);
            snooze.AddCondition(Opportunity.SnoozeUntil, ConditionOperator.LessEqual, _now);
        }

        // ---- Counted service calls ---------------------------------------------------------------------------

        // Every request of the scan goes through the counted service, its own and the owner rule's alike.
        private IOrganizationService Counted => _counted ??= new CountedService(this);

        private IOrganizationService? _counted;

        private List<Entity> RetrieveMultiple(QueryExpression query) => Counted.RetrieveMultiple(query).Entities.ToList();

        private void Create(Entity entity) => Counted.Create(entity);

        private void Update(Entity entity) => Counted.Update(entity);

        /// <summary>The organization service with each request counted against this call's budget.</summary>
        private sealed class CountedService : IOrganizationService
        {
            private readonly StallScanService _scan;

            public CountedService(StallScanService scan) => _scan = scan;

            private IOrganizationService Inner
            {
                get
                {
                    _scan._result.Requests++;
                    return _scan._service;
                }
            }

            public Guid Create(Entity entity) => Inner.Create(entity);

            public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) => Inner.Retrieve(entityName, id, columnSet);

            public void Update(Entity entity) => Inner.Update(entity);

            public void Delete(string entityName, Guid id) => Inner.Delete(entityName, id);

            public OrganizationResponse Execute(OrganizationRequest request) => Inner.Execute(request);

            public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
                Inner.Associate(entityName, entityId, relationship, relatedEntities);

            public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
                Inner.Disassociate(entityName, entityId, relationship, relatedEntities);

            public EntityCollection RetrieveMultiple(QueryBase query) => Inner.RetrieveMultiple(query);
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
