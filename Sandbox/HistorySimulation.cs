using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Recycling;
using LeadRecycle.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// The history played forward day by day through the real plug-ins: deals appear on their created date, close
    /// on their closed date through Win or Lose (so losses are recycled as they would have been), and the nightly
    /// stall scan runs, so service-level lapses and returns to reps happen on the days they would have.
    /// </summary>
    public sealed class HistorySimulation
    {
        private readonly List<HistoryRow> _rows;

        private readonly List<EngagementRow> _engagements;

        public HistorySimulation(IReadOnlyCollection<HistoryRow> rows, DateTime from, DateTime to)
            : this(rows, Array.Empty<EngagementRow>(), from, to)
        {
        }

        /// <summary>With <paramref name="engagements"/>, what prospects did, played on their days: returns to reps happen as they would have.</summary>
        /// <param name="policyJson">The policy environment variable's value (simulate --policy).</param>
        public HistorySimulation(IReadOnlyCollection<HistoryRow> rows, IReadOnlyCollection<EngagementRow> engagements, DateTime from, DateTime to, string policyJson = "{}")
        {
            ArgumentNullException.ThrowIfNull(engagements);
            _engagements = engagements.ToList();
            From = DateTime.SpecifyKind(from.Date, DateTimeKind.Utc);
            To = DateTime.SpecifyKind(to.Date, DateTimeKind.Utc);
            Replay = new HistoryReplay(From.AddHours(23), policyJson);
            _rows = rows.ToList();
            Ledger = new CallLedger(Replay.Organization);
        }

        public DateTime From { get; }

        public DateTime To { get; }

        public HistoryReplay Replay { get; }

        public CallLedger Ledger { get; }

        /// <summary>Deals LeadRecycle returned to nurture before the history closed them.</summary>
        public int ClosedEarlyByLeadRecycle { get; private set; }

        /// <summary>Engagements recorded on the recycled lead of their deal (the plug-ins scored them, and routed where due).</summary>
        public int EngagementsPlayed { get; private set; }

        /// <summary>Engagements whose deal had no recycled lead in nurture on that day (never recycled, or already returned).</summary>
        public int EngagementsNotInNurture { get; private set; }

        /// <summary>Engagements dated outside the simulated days (after --from, up to --to).</summary>
        public int EngagementsOutsidePeriod { get; private set; }

        public void Run(Action<DateTime>? progress = null)
        {
            Replay.Import(_rows.Where(r => (r.CreatedOn ?? r.StageEnteredOn) == null || (r.CreatedOn ?? r.StageEnteredOn) <= Replay.AsOf));

            var byCreated = _rows.Where(r => (r.CreatedOn ?? r.StageEnteredOn) > Replay.AsOf).GroupBy(r => (r.CreatedOn ?? r.StageEnteredOn)!.Value.Date).ToDictionary(g => g.Key, g => g.ToList());
            var byClosed = _rows.Where(r => r.State != "open" && r.ClosedOn > Replay.AsOf).GroupBy(r => r.ClosedOn!.Value.Date).ToDictionary(g => g.Key, g => g.ToList());
            var byEngaged = _engagements.Where(e => e.OccurredOn.Date > From && e.OccurredOn.Date <= To).GroupBy(e => e.OccurredOn.Date).ToDictionary(g => g.Key, g => g.ToList());
            EngagementsOutsidePeriod = _engagements.Count - byEngaged.Values.Sum(g => g.Count);
            var clock = Replay.Clock;
            for (var day = From.AddDays(1); day <= To; day = day.AddDays(1))
            {
                clock.Set(day.AddHours(9));
                if (byCreated.TryGetValue(day, out var created))
                {
                    Replay.Import(created);
                }

                if (byClosed.TryGetValue(day, out var closing))
                {
                    foreach (var row in closing)
                    {
                        Close(row);
                    }
                }

                if (byEngaged.TryGetValue(day, out var engaged))
                {
                    clock.Set(day.AddHours(12));
                    foreach (var engagement in engaged)
                    {
                        Engage(engagement);
                    }
                }

                clock.Set(day.AddHours(23));
                Ledger.Record("Nightly stall scan (Custom API calls)", () => LeadRecycleInstallation.ScanToEnd(Replay.Organization, (response, _) => Replay.ScanTotals.Add(response)));
                SnoozeSome(day);
                progress?.Invoke(day);
            }
        }

        /// <summary>
        /// The share (0-100) of deals the scan flags stalled that their owner snoozes the next morning, as reps do when
        /// a customer is away or a budget waits on a board: for 7 to 21 days, with a reason from <see cref="SnoozeReasons"/>.
        /// A history holds no snoozes, so this is simulated behaviour, chosen per deal by its id (the same run, the same snoozes).
        /// </summary>
        public int SnoozeShare { get; init; }

        /// <summary>Snoozes the simulated owners set (see <see cref="SnoozeShare"/>).</summary>
        public int SnoozesApplied { get; private set; }

        public static readonly string[] SnoozeReasons =
        {
            "Customer on leave; back next month",
            "Budget waits on the board meeting",
            "Champion changed roles; meeting the successor",
            "Procurement review under way",
        };

        /// <summary>The owners of deals flagged stalled tonight snooze <see cref="SnoozeShare"/> percent of them, through the guard as themselves.</summary>
        private void SnoozeSome(DateTime day)
        {
            if (SnoozeShare <= 0)
            {
                return;
            }

            var query = new QueryExpression(Opportunity.EntityName) { ColumnSet = new ColumnSet(CommonColumns.OwnerId) };
            query.Criteria.AddCondition(Opportunity.StalledOn, ConditionOperator.Equal, Replay.Clock.UtcNow);
            query.Criteria.AddCondition(CommonColumns.StateCode, ConditionOperator.Equal, Opportunity.State.Open);

            // A simulated owner snoozes a deal once at most: a deal flagged again after its snooze ended is left to run its course.
            query.Criteria.AddCondition(Opportunity.SnoozeReason, ConditionOperator.Null);
            foreach (var deal in Replay.Organization.Service.RetrieveMultiple(query).Entities)
            {
                // Guid.GetHashCode mixes all of the id (sequential ids share their first bytes) and is the same in every run.
                var pick = (int)((uint)deal.Id.GetHashCode() % 100);
                if (pick >= SnoozeShare)
                {
                    continue;
                }

                var owner = deal.GetAttributeValue<EntityReference>(CommonColumns.OwnerId);
                var service = owner.LogicalName == SystemUser.EntityName ? Replay.Organization.CreateOrganizationService(owner.Id) : Replay.Organization.Service;
                Ledger.Record("Snooze (simulated rep)", () => service.Update(new Entity(Opportunity.EntityName, deal.Id)
                {
                    [Opportunity.SnoozeUntil] = day.AddHours(9).AddDays(7 + (pick % 15)),
                    [Opportunity.SnoozeReason] = SnoozeReasons[pick % SnoozeReasons.Length],
                }));
                SnoozesApplied++;
            }
        }

        /// <summary>Records the engagement on the deal's recycled lead in nurture, as a marketing tool's integration would.</summary>
        private void Engage(EngagementRow row)
        {
            var nurtured = Replay.Ids.TryGetValue(row.OpportunityId, out var id)
                ? Replay.Organization.All(RecycledLead.EntityName).FirstOrDefault(r =>
                    r.GetAttributeValue<EntityReference>(RecycledLead.Opportunity)?.Id == id
                    && r.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode)?.Value == RecycledLead.Status.Nurturing)
                : null;
            if (nurtured == null)
            {
                EngagementsNotInNurture++;
                return;
            }

            var engagement = new Entity(Engagement.EntityName)
            {
                [Engagement.Name] = Labels.EngagementTypes[row.Type],
                [Engagement.RecycledLead] = nurtured.ToEntityReference(),
                [Engagement.Type] = new OptionSetValue((int)row.Type),
                [Engagement.OccurredOn] = Replay.Clock.UtcNow,
                [Engagement.Source] = row.Source ?? "Imported engagement history",
            };
            if (row.Answer != null)
            {
                engagement[Engagement.Likelihood] = new OptionSetValue((int)row.Answer.Value);
            }

            Ledger.Record("Engagement", () => Replay.Organization.Service.Create(engagement));
            EngagementsPlayed++;
        }

        private void Close(HistoryRow row)
        {
            if (!Replay.Ids.TryGetValue(row.OpportunityId, out var id))
            {
                return;
            }

            var state = Replay.Organization.Find(Opportunity.EntityName, id)?.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode)?.Value;
            if (state != Opportunity.State.Open)
            {
                ClosedEarlyByLeadRecycle++;
                return;
            }

            var close = new Entity(OpportunityClose.EntityName)
            {
                [OpportunityClose.Opportunity] = new EntityReference(Opportunity.EntityName, id),
                [OpportunityClose.Subject] = "Closed in the imported history",
            };
            if (row.State == "won")
            {
                Ledger.Record("Win", () => Replay.Organization.Service.Execute(new WinOpportunityRequest { OpportunityClose = close, Status = new OptionSetValue(Opportunity.Status.Won) }));
                return;
            }

            var reason = ReasonOf(row.LossReason);
            close[ChecklistColumns.Reason] = new OptionSetValue((int)reason);
            // A history holds no checklist: every field gets a placeholder, so that whatever the policy requires is there.
            foreach (var item in ReturnToNurtureChecklist.Fields)
            {
                close[item.Column] = item.IsChoice ? new OptionSetValue(item.ChoiceLabels.Keys.First()) : (object)"Not in the source data.";
            }

            close[ChecklistColumns.Background] = row.LossReason == null ? "Imported history: the source gives no loss reason." : "Imported history: " + row.LossReason;
            Ledger.Record("Lose", () => Replay.Organization.Service.Execute(new LoseOpportunityRequest { OpportunityClose = close, Status = new OptionSetValue(Opportunity.Status.Canceled) }));
        }

        /// <summary>The reason a history names (by reason name or label); "Unable to reach" where it names none LeadRecycle knows.</summary>
        private DisqualificationReason ReasonOf(string? text)
        {
            if (text != null)
            {
                foreach (var pair in Labels.Reasons)
                {
                    if (pair.Key != DisqualificationReason.StalledInStage
                        && (string.Equals(pair.Value, text, StringComparison.OrdinalIgnoreCase) || string.Equals(pair.Key.ToString(), text, StringComparison.OrdinalIgnoreCase)))
                    {
                        return pair.Key;
                    }
                }
            }

            Replay.Assumptions.TryGetValue("a loss without a reason LeadRecycle knows closes with 'Unable to reach' and placeholder checklist text", out var count);
            Replay.Assumptions["a loss without a reason LeadRecycle knows closes with 'Unable to reach' and placeholder checklist text"] = count + 1;
            return DisqualificationReason.UnableToReach;
        }
    }
}
