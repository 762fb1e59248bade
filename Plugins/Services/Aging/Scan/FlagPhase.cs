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
    /// Flag: per stage, one bounded query finds open deals past the stall threshold ("stage = S and entered on before
    /// now - multiplier x mean(S)") and one finds deals past the warning threshold; stages with too little history
    /// share one query with the fallback threshold. A newly stalled deal gets a follow-up task for its acting owner
    /// with the service-level due date. A flagged deal drops out of its own query, so re-running is idempotent and
    /// needs no paging cookie.
    /// </summary>
    internal sealed class FlagPhase : StallScanPhase
    {
        private const string UntrustedStages = "*";

        private List<StageThreshold>? _stageThresholds;

        public FlagPhase(ScanCall call)
            : base(call)
        {
        }

        public override ScanPhase Phase => ScanPhase.Flag;

        public override bool RunPage(ref int stageIndex)
        {
            var stages = StageThresholds();
            if (stageIndex >= stages.Count)
            {
                return true;
            }

            if (FlagStagePage(stages[stageIndex]))
            {
                stageIndex++;
            }

            return false;
        }

        /// <summary>The stall threshold in days of a stage (the fallback's when the stage is not trusted yet).</summary>
        public double StallDaysOf(string? stageKey)
        {
            var stages = StageThresholds();
            return (stages.FirstOrDefault(s => s.StageKey == stageKey) ?? stages[stages.Count - 1]).StallDays;
        }

        /// <summary>The trusted stages in a stable order, then one entry for every stage still on the fallback.</summary>
        private List<StageThreshold> StageThresholds()
        {
            if (_stageThresholds != null)
            {
                return _stageThresholds;
            }

            var stall = Call.Policy.Stall;
            var trusted = StatisticRow.LoadAll(Call)
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
            var stalled = OpenDealsInStage(stage, enteredBefore: Call.Now.AddDays(-stage.StallDays), notIn: new[] { AgingStatus.Stalled }, top: stalledPage);
            foreach (var deal in stalled)
            {
                MarkStalled(deal, stage.StallDays);
            }

            if (stalled.Count >= stalledPage)
            {
                return false;
            }

            var remaining = PageSize / 2;
            var warned = OpenDealsInStage(stage, enteredBefore: Call.Now.AddDays(-stage.WarningDays), notIn: new[] { AgingStatus.Warning, AgingStatus.Stalled }, top: remaining);
            foreach (var deal in warned)
            {
                Call.Update(new Entity(Opportunity.EntityName, deal.Id) { [Opportunity.AgingStatus] = new OptionSetValue((int)AgingStatus.Warning) });
                Call.Result.Warned++;
            }

            return warned.Count < remaining;
        }

        private List<Entity> OpenDealsInStage(StageThreshold stage, DateTime enteredBefore, AgingStatus[] notIn, int top)
        {
            var query = new QueryExpression(Opportunity.EntityName)
            {
                ColumnSet = new ColumnSet(Opportunity.Name, Opportunity.StageKey, Opportunity.StageEnteredOn, CommonColumns.OwnerId),
                TopCount = top,
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
            Call.AddNotSnoozed(criteria);
            query.AddOrder(Opportunity.StageEnteredOn, OrderType.Ascending);
            return Call.RetrieveMultiple(query);
        }

        /// <summary>
        /// Flags a deal as stalled from now, with a new service level and a follow-up task for its acting owner (four
        /// requests at most); a deal whose snooze ended has its snooze cleared and counts as such.
        /// </summary>
        public void MarkStalled(Entity deal, double stallDays, bool snoozeEnded = false)
        {
            var due = Call.Now.AddDays(Call.Policy.Stall.ServiceLevelDays);
            var flag = new Entity(Opportunity.EntityName, deal.Id)
            {
                [Opportunity.AgingStatus] = new OptionSetValue((int)AgingStatus.Stalled),
                [Opportunity.StalledOn] = Call.Now,
                [Opportunity.ServiceLevelDue] = due,

                // The service level's reminders and escalation start afresh with it (RemindPhase, EscalatePhase).
                [Opportunity.NextReminderOn] = Call.Policy.Stall.NextReminder(due, Call.Now),
                [Opportunity.EscalateOn] = Call.Policy.Stall.Escalation(due),
                [Opportunity.EscalatedOn] = null,
            };
            if (snoozeEnded)
            {
                // The snooze is spent: clearing it drops the deal out of the snooze-ended query (idempotent).
                flag[Opportunity.SnoozeUntil] = null;
                Call.Result.SnoozesEnded++;
            }
            else
            {
                Call.Result.Stalled++;
            }

            Call.Update(flag);

            // The one rule for who acts: a departed rep's task goes to the manager or the fallback, a team's to the team.
            var owner = Call.TaskOwnerFor(deal.GetAttributeValue<EntityReference>(CommonColumns.OwnerId));
            var enteredOn = deal.GetAttributeValue<DateTime?>(Opportunity.StageEnteredOn) ?? Call.Now;
            var days = (int)Math.Floor((Call.Now - enteredOn).TotalDays);
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

            Call.Create(task);
            Call.Result.TasksCreated++;
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
