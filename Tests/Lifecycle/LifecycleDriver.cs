using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Testing;
using LeadRecycle.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Tests.Lifecycle
{
    /// <summary>An invariant of the lifecycle model (docs/lifecycle.md) that a step broke.</summary>
    public sealed class LifecycleInvariantException : Exception
    {
        public LifecycleInvariantException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// Plays lifecycle operations through the in-memory Dataverse with LeadRecycle's shipped steps, as the people
    /// of an organization would (reps on their own deals, an admin, the journey's identity, the nightly flow), and
    /// checks the lifecycle model's invariants after every step. Operations that the platform would refuse for
    /// reasons of its own (losing a closed deal) are not attempted; everything attempted must succeed.
    /// </summary>
    internal sealed class LifecycleDriver
    {
        private static readonly DisqualificationReason[] RepReasons =
        {
            DisqualificationReason.FundingDelayedOrCancelled, DisqualificationReason.PrioritiesChanged, DisqualificationReason.TimingExtendedOrUncertain,
            DisqualificationReason.LostToCompetitor, DisqualificationReason.NotAPotentialBuyer, DisqualificationReason.UnableToReach,
            DisqualificationReason.DecisionMakerChanged, DisqualificationReason.NoBudget, DisqualificationReason.DuplicateOrBadData,
        };

        private readonly LeadRecycleOrganization _org;
        private readonly List<Guid> _users = new List<Guid>();
        private readonly Guid _team;
        private readonly List<Guid> _deals = new List<Guid>();
        private readonly List<Guid> _leads = new List<Guid>();
        private readonly Dictionary<Guid, int> _lastState = new Dictionary<Guid, int>();
        private readonly Dictionary<Guid, int> _losses = new Dictionary<Guid, int>();
        private readonly Dictionary<Guid, List<ClosedInterval>> _closed = new Dictionary<Guid, List<ClosedInterval>>();
        private readonly Dictionary<Guid, DateTime> _lastReopened = new Dictionary<Guid, DateTime>();
        private readonly HashSet<Guid> _knownTasks = new HashSet<Guid>();
        private readonly HashSet<Guid> _knownLeads = new HashSet<Guid>();
        private readonly int _maxRecycles;
        private readonly int _nurtureDays;
        private readonly int _remindersPerServiceLevel;

        /// <param name="policyJson">The organization's policy (null: the defaults).</param>
        public LifecycleDriver(string? policyJson = null)
        {
            _org = new LeadRecycleOrganization(policyJson);
            // The people act with the shipped roles, as the in-memory Dataverse enforces them.
            var manager = _org.Org.CreateUser("Morgan Manager", roles: LeadRecycleInstallation.ManagerRoles);
            _users.Add(_org.Rep);
            _users.Add(_org.Org.CreateUser("Bailey Rep", manager, roles: LeadRecycleInstallation.RepRoles));
            _users.Add(manager);
            _users.Add(_org.Org.CreateUser("Casey Rep", roles: LeadRecycleInstallation.RepRoles));
            _team = _org.Org.Seed(new Entity(Team.EntityName) { ["name"] = "Enterprise desk" });
            var engagementPolicy = Services.Configuration.RecyclePolicyReader.Read(policyJson).Engagement;
            _maxRecycles = engagementPolicy.MaxRecycles;
            _nurtureDays = engagementPolicy.NurtureDays;
            _remindersPerServiceLevel = Services.Configuration.RecyclePolicyReader.Read(policyJson).Stall.ReminderDaysBeforeDue.Count;
        }

        public int Steps { get; private set; }

        public LeadRecycleOrganization Organization => _org;

        private DateTime Now => _org.Clock.UtcNow;

        public void Apply(LifecycleOperation op)
        {
            Steps++;
            var snoozesEndingTonight = op.Action == LifecycleAction.Night ? SnoozesEndingBy(Now.AddDays(Days(op))) : new HashSet<Guid>();
            try
            {
                Play(op);
            }
            catch (LifecycleInvariantException)
            {
                throw;
            }
            catch (Exception exception)
            {
                throw new LifecycleInvariantException($"{op} failed: {exception.GetType().Name}: {exception.Message}");
            }

            Observe();
            CheckInvariants(op, snoozesEndingTonight);
        }

        private static int Days(LifecycleOperation op) => 1 + (Math.Abs(op.Argument) % 10);

        private void Play(LifecycleOperation op)
        {
            switch (op.Action)
            {
                case LifecycleAction.CreateDeal:
                    _deals.Add(_org.Service.Create(new Entity(Opportunity.EntityName)
                    {
                        [Opportunity.Name] = "Deal " + (_deals.Count + 1).ToString(CultureInfo.InvariantCulture),
                        [Opportunity.SalesStage] = new OptionSetValue(Math.Abs(op.Argument) % 4),
                        [Opportunity.EstimatedValue] = new Money(10000m),
                        [CommonColumns.OwnerId] = OwnerSlot(op.Target),
                    }));
                    break;
                case LifecycleAction.SeedPreInstallDeal:
                    // A deal from before the install: written without LeadRecycle's steps, so it has no stage clock.
                    var now = Now;
                    _org.Clock.Set(now.AddDays(-(5 + (Math.Abs(op.Argument) * 7))));
                    _deals.Add(_org.Org.Seed(new Entity(Opportunity.EntityName)
                    {
                        [Opportunity.Name] = "Pre-install deal " + (_deals.Count + 1).ToString(CultureInfo.InvariantCulture),
                        [Opportunity.SalesStage] = new OptionSetValue(1),
                        [CommonColumns.OwnerId] = OwnerSlot(op.Target),
                    }));
                    _org.Clock.Set(now);
                    break;
                case LifecycleAction.MoveStage:
                    WithOpenDeal(op.Target, deal =>
                    {
                        var stage = deal.GetAttributeValue<OptionSetValue>(Opportunity.SalesStage)?.Value ?? 0;
                        ActorFor(deal).Update(new Entity(Opportunity.EntityName, deal.Id)
                        {
                            [Opportunity.SalesStage] = new OptionSetValue((stage + 1 + (Math.Abs(op.Argument) % 3)) % 4),
                        });
                    });
                    break;
                case LifecycleAction.Lose:
                    WithOpenDeal(op.Target, deal => _org.Lose(deal.Id, RepReasons[Math.Abs(op.Argument) % RepReasons.Length], as_: ActorFor(deal)));
                    break;
                case LifecycleAction.Win:
                    WithOpenDeal(op.Target, deal => ActorFor(deal).Execute(new WinOpportunityRequest
                    {
                        OpportunityClose = new Entity(OpportunityClose.EntityName) { [OpportunityClose.Opportunity] = deal.ToEntityReference() },
                        Status = new OptionSetValue(Opportunity.Status.Won),
                    }));
                    break;
                case LifecycleAction.Reopen:
                    WithDeal(op.Target, deal =>
                    {
                        if (State(deal) != Opportunity.State.Open)
                        {
                            _org.Service.Execute(new SetStateRequest
                            {
                                EntityMoniker = deal.ToEntityReference(),
                                State = new OptionSetValue(Opportunity.State.Open),
                                Status = new OptionSetValue(Opportunity.Status.InProgress),
                            });
                        }
                    });
                    break;
                case LifecycleAction.Snooze:
                    WithOpenDeal(op.Target, deal => ActorFor(deal).Update(new Entity(Opportunity.EntityName, deal.Id) { [Opportunity.SnoozeUntil] = Now.AddDays(Days(op)), [Opportunity.SnoozeReason] = "Waiting for the customer" }));
                    break;
                case LifecycleAction.AssignToTeam:
                    WithOpenDeal(op.Target, deal => Assign(deal.ToEntityReference(), new EntityReference(Team.EntityName, _team)));
                    break;
                case LifecycleAction.AssignToUser:
                    WithOpenDeal(op.Target, deal =>
                    {
                        var user = _users[Math.Abs(op.Argument) % _users.Count];
                        if (Enabled(user))
                        {
                            Assign(deal.ToEntityReference(), new EntityReference(SystemUser.EntityName, user));
                        }
                    });
                    break;
                case LifecycleAction.DisableUser:
                    // Someone leaves; the manager (slot 2) stays, so the rule always has someone to fall back on for slot 1.
                    var leaver = _users[Math.Abs(op.Target) % _users.Count];
                    if (leaver != _users[2])
                    {
                        _org.Service.Update(new Entity(SystemUser.EntityName, leaver) { [SystemUser.IsDisabled] = true });
                    }

                    break;
                case LifecycleAction.Engage:
                    Engage(op);
                    break;
                case LifecycleAction.CreateLead:
                    _leads.Add(_org.Service.Create(new Entity(Lead.EntityName)
                    {
                        [Lead.Subject] = "Lead " + (_leads.Count + 1).ToString(CultureInfo.InvariantCulture),
                        ["lastname"] = "Prospect",
                        [CommonColumns.OwnerId] = OwnerSlot(op.Target),
                    }));
                    break;
                case LifecycleAction.DisqualifyLead:
                    WithLead(op.Target, Lead.State.Open, lead => ActorFor(lead).Update(new Entity(Lead.EntityName, lead.Id)
                    {
                        [CommonColumns.StateCode] = new OptionSetValue(Lead.State.Disqualified),
                        [CommonColumns.StatusCode] = new OptionSetValue(Lead.Status.NoLongerInterested),
                        [ChecklistColumns.Reason] = new OptionSetValue((int)RepReasons[Math.Abs(op.Argument) % RepReasons.Length]),
                        [ChecklistColumns.Background] = "Reorganising; revisit after the merger.",
                        [ChecklistColumns.EffortType] = new OptionSetValue((int)EffortType.MarketingNurture),
                        [ChecklistColumns.TargetStage] = new OptionSetValue((int)LeadDevelopmentStage.Inquiry),
                        [ChecklistColumns.Likelihood] = new OptionSetValue((int)Likelihood.Two),
                        [ChecklistColumns.DecisionCriteria] = "Three-year cost.",
                        [ChecklistColumns.Impediments] = "Merger.",
                        [ChecklistColumns.WhoIsInvolved] = "New VP of operations.",
                    }));
                    break;
                case LifecycleAction.ReactivateLead:
                    WithLead(op.Target, Lead.State.Disqualified, lead => _org.Service.Execute(new SetStateRequest
                    {
                        EntityMoniker = lead.ToEntityReference(),
                        State = new OptionSetValue(Lead.State.Open),
                        Status = new OptionSetValue(Lead.Status.New),
                    }));
                    break;
                case LifecycleAction.LeadActivity:
                    WithLead(op.Target, Lead.State.Open, lead => ActorFor(lead).Create(new Entity(TaskActivity.EntityName)
                    {
                        [TaskActivity.Subject] = "Call back",
                        [TaskActivity.Regarding] = lead.ToEntityReference(),
                    }));
                    break;
                case LifecycleAction.Night:
                    _org.Clock.Advance(TimeSpan.FromDays(Days(op)));
                    Night();
                    break;
            }
        }

        /// <summary>The nightly flow: the scan to the end, then the background jobs; none may fail.</summary>
        private void Night()
        {
            ScanResponse response;
            string? token = null;
            var calls = 0;
            do
            {
                response = StallScan.Call(_org, token);
                token = response.Token;
                if (++calls > 1000)
                {
                    throw new LifecycleInvariantException("The nightly scan did not finish within 1,000 calls.");
                }
            }
            while (!response.Done);

            var failed = _org.Org.DrainAsyncQueue().Where(job => !job.Succeeded).ToList();
            if (failed.Count > 0)
            {
                throw new LifecycleInvariantException("A background job failed: " + string.Join("; ", failed.Select(f => f.StepName + ": " + f.Error!.Message)));
            }
        }

        private void Engage(LifecycleOperation op)
        {
            var nurturing = _org.Org.All(RecycledLead.EntityName)
                .Where(r => r.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value == RecycledLead.Status.Nurturing)
                .OrderBy(r => r.GetAttributeValue<DateTime>(RecycledLead.RecycledOn)).ThenBy(r => r.GetAttributeValue<string>(RecycledLead.SourceKey), StringComparer.Ordinal)
                .ToList();
            if (nurturing.Count == 0)
            {
                return;
            }

            var recycledLead = nurturing[Math.Abs(op.Target) % nurturing.Count];
            var strong = Math.Abs(op.Argument) % 3 == 0;
            var engagement = new Entity(Engagement.EntityName)
            {
                [Engagement.Name] = strong ? "Answered 4" : "Email click",
                [Engagement.RecycledLead] = recycledLead.ToEntityReference(),
                [Engagement.Type] = new OptionSetValue((int)(strong ? EngagementType.LikelihoodAnswer : EngagementType.EmailClick)),
                [Engagement.Source] = "Journey",
            };
            if (strong)
            {
                engagement[Engagement.Likelihood] = new OptionSetValue((int)Likelihood.Four);
            }

            _org.Service.Create(engagement);
        }

        // ---- Observation and invariants ----------------------------------------------------------------------

        private void Observe()
        {
            foreach (var deal in _org.Org.All(Opportunity.EntityName))
            {
                var state = State(deal);
                _lastState.TryGetValue(deal.Id, out var before);
                if (!_lastState.ContainsKey(deal.Id))
                {
                    before = Opportunity.State.Open;
                }

                if (before == Opportunity.State.Open && state != Opportunity.State.Open)
                {
                    Intervals(deal.Id).Add(new ClosedInterval(Now));
                    if (state == Opportunity.State.Lost)
                    {
                        _losses[deal.Id] = (_losses.TryGetValue(deal.Id, out var n) ? n : 0) + 1;
                    }
                }
                else if (before != Opportunity.State.Open && state == Opportunity.State.Open)
                {
                    Intervals(deal.Id).Last().ReopenedOn = Now;
                    _lastReopened[deal.Id] = Now;
                }

                _lastState[deal.Id] = state;
            }

            foreach (var lead in _org.Org.All(Lead.EntityName).OrderBy(l => l.GetAttributeValue<DateTime>(CommonColumns.CreatedOn)))
            {
                if (!_leads.Contains(lead.Id))
                {
                    _leads.Add(lead.Id);
                }
            }
        }

        private void CheckInvariants(LifecycleOperation op, HashSet<Guid> snoozesEndingTonight)
        {
            var recycledLeads = _org.Org.All(RecycledLead.EntityName);
            var deals = _org.Org.All(Opportunity.EntityName).ToDictionary(d => d.Id);

            foreach (var source in recycledLeads.GroupBy(SourceOf))
            {
                var live = source.Count(r => r.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value == RecycledLead.Status.Nurturing);
                Require(live <= 1, $"{source.Key} has {live} recycled leads in nurture; at most one may be live.");

                var counts = source.Select(r => r.GetAttributeValue<int>(RecycledLead.RecycleCount)).ToList();
                Require(counts.Distinct().Count() == counts.Count, $"{source.Key} has recycled leads sharing a recycle number: {string.Join(",", counts)}.");
                foreach (var recycled in source)
                {
                    var expected = string.Format(CultureInfo.InvariantCulture, "{0}:{1}", source.Key, recycled.GetAttributeValue<int>(RecycledLead.RecycleCount));
                    Require(recycled.GetAttributeValue<string>(RecycledLead.SourceKey) == expected,
                        $"recycled lead key {recycled.GetAttributeValue<string>(RecycledLead.SourceKey)} does not match its source and number ({expected}).");
                    var nurturing = recycled.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value == RecycledLead.Status.Nurturing;
                    Require(!nurturing || recycled.GetAttributeValue<int>(RecycledLead.RecycleCount) <= _maxRecycles,
                        $"{expected} is nurtured although it is recycle number {recycled.GetAttributeValue<int>(RecycledLead.RecycleCount)}, over the cap of {_maxRecycles}.");
                }
            }

            foreach (var pair in _losses)
            {
                var recycled = recycledLeads.Count(r => r.GetAttributeValue<EntityReference>(RecycledLead.Opportunity)?.Id == pair.Key);
                Require(recycled == pair.Value, $"deal {Name(deals[pair.Key])} was lost {pair.Value} time(s) but has {recycled} recycled lead(s).");
            }

            foreach (var duration in _org.Org.All(StageDuration.EntityName))
            {
                var deal = duration.GetAttributeValue<EntityReference>(StageDuration.Opportunity).Id;
                var exited = duration.GetAttributeValue<DateTime>(StageDuration.ExitedOn);
                var entered = exited.AddDays(-(double)duration.GetAttributeValue<decimal>(StageDuration.Days));
                foreach (var closed in Intervals(deal))
                {
                    var reopened = closed.ReopenedOn ?? DateTime.MaxValue;
                    Require(!(closed.ClosedOn < exited.AddMinutes(-30) && entered.AddMinutes(30) < reopened),
                        $"a stay of {Name(deals[deal])} ({entered:yyyy-MM-dd HH:mm} to {exited:yyyy-MM-dd HH:mm}) includes time the deal was closed ({closed}).");
                }
            }

            foreach (var deal in deals.Values.Where(d => State(d) == Opportunity.State.Open))
            {
                var entered = deal.GetAttributeValue<DateTime?>(Opportunity.StageEnteredOn);
                if (_lastReopened.TryGetValue(deal.Id, out var reopenedOn) && entered != null)
                {
                    Require(entered.Value >= reopenedOn, $"reopened deal {Name(deal)} kept its stage clock from before it closed ({entered:yyyy-MM-dd}).");
                }

                if (op.Action == LifecycleAction.Night)
                {
                    Require(entered != null, $"open deal {Name(deal)} has no stage-entered date after a night: it can never age.");
                }
            }

            if (op.Action == LifecycleAction.Night)
            {
                foreach (var stale in recycledLeads.Where(r => r.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value == RecycledLead.Status.Nurturing
                    && r.GetAttributeValue<DateTime>(RecycledLead.RecycledOn) < Now.AddDays(-_nurtureDays)))
                {
                    throw new LifecycleInvariantException($"{SourceOf(stale)} is still nurtured {(Now - stale.GetAttributeValue<DateTime>(RecycledLead.RecycledOn)).TotalDays:0} days after it was recycled, past the {_nurtureDays} the policy allows.");
                }

                foreach (var id in snoozesEndingTonight)
                {
                    Require(State(deals[id]) == Opportunity.State.Open, $"deal {Name(deals[id])} was recycled the night its snooze ended.");
                }
            }

            var tasks = _org.Org.All(TaskActivity.EntityName).ToList();
            foreach (var task in tasks.Where(t => _knownTasks.Add(t.Id)))
            {
                var owner = task.GetAttributeValue<EntityReference>(CommonColumns.OwnerId);
                Require(owner == null || owner.LogicalName == Team.EntityName || Enabled(owner.Id),
                    $"task '{task.GetAttributeValue<string>(TaskActivity.Subject)}' was given to a disabled user.");

                // A reminder or an escalation is about a deal still open and stalled, not snoozed, before its service level ends.
                var subject = task.GetAttributeValue<string>(TaskActivity.Subject) ?? string.Empty;
                if ((subject.StartsWith("Reminder: ", StringComparison.Ordinal) || subject.StartsWith("Escalation: ", StringComparison.Ordinal))
                    && task.GetAttributeValue<EntityReference>(TaskActivity.Regarding)?.LogicalName == Opportunity.EntityName)
                {
                    var deal = deals[task.GetAttributeValue<EntityReference>(TaskActivity.Regarding).Id];
                    var createdOn = task.GetAttributeValue<DateTime>(CommonColumns.CreatedOn);
                    Require(State(deal) == Opportunity.State.Open && deal.GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus)?.Value == (int)AgingStatus.Stalled,
                        $"'{subject}' was given about {Name(deal)}, which is not an open stalled deal.");
                    Require(task.GetAttributeValue<DateTime>(TaskActivity.ScheduledEnd) > createdOn, $"'{subject}' came after the service level of {Name(deal)} had ended.");
                    Require(!(deal.GetAttributeValue<DateTime?>(Opportunity.SnoozeUntil) > createdOn), $"'{subject}' was given about {Name(deal)} while it was snoozed.");
                }
            }

            // Per service level (a deal and its due date) the owner hears at most once per reminder day, the manager at most once.
            foreach (var serviceLevel in tasks.Where(t => t.GetAttributeValue<EntityReference>(TaskActivity.Regarding)?.LogicalName == Opportunity.EntityName && t.Contains(TaskActivity.ScheduledEnd))
                .GroupBy(t => (t.GetAttributeValue<EntityReference>(TaskActivity.Regarding).Id, t.GetAttributeValue<DateTime>(TaskActivity.ScheduledEnd))))
            {
                var reminders = serviceLevel.Count(t => (t.GetAttributeValue<string>(TaskActivity.Subject) ?? string.Empty).StartsWith("Reminder: ", StringComparison.Ordinal));
                var escalations = serviceLevel.Count(t => (t.GetAttributeValue<string>(TaskActivity.Subject) ?? string.Empty).StartsWith("Escalation: ", StringComparison.Ordinal));
                Require(reminders <= _remindersPerServiceLevel, $"{Name(deals[serviceLevel.Key.Item1])} got {reminders} reminders for one service level; the policy sends {_remindersPerServiceLevel}.");
                Require(escalations <= 1, $"{Name(deals[serviceLevel.Key.Item1])} was escalated {escalations} times for one service level.");
            }

            foreach (var lead in _org.Org.All(Lead.EntityName).Where(l => _knownLeads.Add(l.Id) && l.Contains(Lead.RecycledLead)))
            {
                var owner = lead.GetAttributeValue<EntityReference>(CommonColumns.OwnerId);
                Require(owner.LogicalName == Team.EntityName || Enabled(owner.Id), $"a re-engaged lead went back to a disabled user.");
            }
        }

        private HashSet<Guid> SnoozesEndingBy(DateTime nightEnd)
        {
            // Stalled deals whose snooze is still running now and ends by the coming night: none of them may be recycled tonight.
            return new HashSet<Guid>(_org.Org.All(Opportunity.EntityName)
                .Where(d => State(d) == Opportunity.State.Open
                    && d.GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus)?.Value == (int)AgingStatus.Stalled
                    && d.GetAttributeValue<DateTime?>(Opportunity.SnoozeUntil) is DateTime snooze && snooze > Now && snooze <= nightEnd)
                .Select(d => d.Id));
        }

        private static void Require(bool condition, string message)
        {
            if (!condition)
            {
                throw new LifecycleInvariantException(message);
            }
        }

        private static string SourceOf(Entity recycledLead)
        {
            var opportunity = recycledLead.GetAttributeValue<EntityReference>(RecycledLead.Opportunity);
            return opportunity != null
                ? "opportunity:" + opportunity.Id.ToString("N")
                : "lead:" + recycledLead.GetAttributeValue<EntityReference>(RecycledLead.OriginatingLead).Id.ToString("N");
        }

        // ---- Helpers -----------------------------------------------------------------------------------------

        private List<ClosedInterval> Intervals(Guid deal)
        {
            if (!_closed.TryGetValue(deal, out var list))
            {
                _closed[deal] = list = new List<ClosedInterval>();
            }

            return list;
        }

        private EntityReference OwnerSlot(int slot)
        {
            var index = Math.Abs(slot) % (_users.Count + 1);
            if (index == _users.Count)
            {
                return new EntityReference(Team.EntityName, _team);
            }

            // A disabled user cannot be given a record: the next enabled slot takes it (the manager always is).
            var user = Enumerable.Range(0, _users.Count).Select(i => _users[(index + i) % _users.Count]).First(Enabled);
            return new EntityReference(SystemUser.EntityName, user);
        }

        private bool Enabled(Guid userId) => !(_org.Org.Find(SystemUser.EntityName, userId)?.GetAttributeValue<bool>(SystemUser.IsDisabled) ?? true);

        /// <summary>The deal's owner acts when an enabled user owns it; otherwise an admin (a team's deal, a leaver's deal).</summary>
        private IOrganizationService ActorFor(Entity record)
        {
            var owner = record.GetAttributeValue<EntityReference>(CommonColumns.OwnerId);
            return owner != null && owner.LogicalName == SystemUser.EntityName && Enabled(owner.Id) ? _org.As(owner.Id) : _org.Service;
        }

        private void Assign(EntityReference target, EntityReference assignee) =>
            _org.Service.Execute(new AssignRequest { Target = target, Assignee = assignee });

        private void WithDeal(int index, Action<Entity> act)
        {
            if (_deals.Count > 0)
            {
                act(_org.Get(Opportunity.EntityName, _deals[Math.Abs(index) % _deals.Count]));
            }
        }

        private void WithOpenDeal(int index, Action<Entity> act) =>
            WithDeal(index, deal =>
            {
                if (State(deal) == Opportunity.State.Open)
                {
                    act(deal);
                }
            });

        private void WithLead(int index, int state, Action<Entity> act)
        {
            if (_leads.Count == 0)
            {
                return;
            }

            var lead = _org.Get(Lead.EntityName, _leads[Math.Abs(index) % _leads.Count]);
            if (lead.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode).Value == state)
            {
                act(lead);
            }
        }

        private static int State(Entity record) => record.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode).Value;

        private static string Name(Entity deal) => deal.GetAttributeValue<string>(Opportunity.Name) ?? deal.Id.ToString();

        private sealed class ClosedInterval
        {
            public ClosedInterval(DateTime closedOn) => ClosedOn = closedOn;

            public DateTime ClosedOn { get; }

            public DateTime? ReopenedOn { get; set; }

            public override string ToString() => $"{ClosedOn:yyyy-MM-dd HH:mm} to {(ReopenedOn == null ? "now" : ReopenedOn.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))}";
        }
    }
}
