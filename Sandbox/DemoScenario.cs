using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.Schema;
using LeadRecycle.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// A realistic organization played forward day by day through the real plug-ins: reps with managers, new
    /// deals moving through the four sales stages at each stage's own pace (some deals stick), wins, losses with
    /// standardized reasons and the RTN checklist, the nightly stall scan, engagement on recycled leads, and reps
    /// who act on their stalled-deal tasks. Deterministic for a seed.
    /// </summary>
    public sealed class DemoScenario
    {
        private static readonly double[] MeanDaysInStage = { 6, 10, 8, 5 };

        private static readonly DisqualificationReason[] RepReasons =
        {
            DisqualificationReason.DecisionMakerChanged, DisqualificationReason.FundingDelayedOrCancelled, DisqualificationReason.PrioritiesChanged,
            DisqualificationReason.TimingExtendedOrUncertain, DisqualificationReason.UnableToReach, DisqualificationReason.LostToCompetitor,
            DisqualificationReason.NoBudget, DisqualificationReason.NotAPotentialBuyer, DisqualificationReason.DuplicateOrBadData,
        };

        private static readonly EngagementType[] Engagements =
        {
            EngagementType.EmailClick, EngagementType.EmailClick, EngagementType.WebVisit, EngagementType.FormSubmission,
            EngagementType.WebinarAttended, EngagementType.EmailReply, EngagementType.MeetingBooked,
        };

        private readonly Random _random;

        /// <summary>The reps' choices on returned leads, apart from <see cref="_random"/> so the rest of the play is unchanged by them.</summary>
        private readonly Random _returnedLeadChoices;
        private readonly List<Guid> _reps = new List<Guid>();
        private readonly List<Guid> _accounts = new List<Guid>();
        private readonly List<Guid> _contacts = new List<Guid>();
        private readonly HashSet<Guid> _stickyDeals = new HashSet<Guid>();
        private readonly CallLedger _ledger;

        public DemoScenario(DateTime start, int seed)
        {
            Start = start;
            Clock = new ManualClock(start);
            _random = new Random(seed);
            _returnedLeadChoices = new Random(unchecked(seed * 31 + 7));
            Organization = LeadRecycleInstallation.Create(Clock, policyJson: "{}", idSeed: seed);
            _ledger = new CallLedger(Organization);
        }

        public DateTime Start { get; }

        public ManualClock Clock { get; }

        public InMemoryOrganization Organization { get; }

        public IReadOnlyDictionary<string, CallLedger.Entry> Calls => _ledger.Entries;

        /// <summary>What every night's scan did, added up (the report's service levels).</summary>
        public ScanTotals ScanTotals { get; } = new ScanTotals();

        private IOrganizationService Service => Organization.Service;

        public void Play(int days, Action<int>? progress = null)
        {
            Populate();
            for (var day = 0; day < days; day++)
            {
                Clock.Set(Start.AddDays(day).AddHours(9));
                if (Clock.UtcNow.DayOfWeek != DayOfWeek.Saturday && Clock.UtcNow.DayOfWeek != DayOfWeek.Sunday)
                {
                    PlayBusinessDay();
                }

                Clock.Set(Start.AddDays(day).AddHours(23));
                _ledger.Record("Nightly stall scan (Custom API calls)", () => LeadRecycleInstallation.ScanToEnd(Organization, (response, _) => ScanTotals.Add(response)));
                progress?.Invoke(day + 1);
            }
        }

        private void Populate()
        {
            for (var m = 0; m < 2; m++)
            {
                var manager = Organization.CreateUser("Manager " + (m + 1), roles: LeadRecycleInstallation.ManagerRoles);
                for (var r = 0; r < 4; r++)
                {
                    _reps.Add(Organization.CreateUser($"Rep {m + 1}.{r + 1}", managerId: manager, roles: LeadRecycleInstallation.RepRoles));
                }
            }

            for (var i = 0; i < 40; i++)
            {
                _accounts.Add(Service.Create(new Entity("account") { ["name"] = "Account " + (i + 1) }));
                _contacts.Add(Service.Create(new Entity("contact") { ["lastname"] = "Contact " + (i + 1) }));
            }
        }

        private void PlayBusinessDay()
        {
            for (var i = 0; i < 2 + _random.Next(3); i++)
            {
                OpenDeal();
            }

            foreach (var deal in Organization.All(Opportunity.EntityName).Where(d => d.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode).Value == Opportunity.State.Open).ToList())
            {
                var stage = deal.GetAttributeValue<OptionSetValue>(Opportunity.SalesStage)?.Value ?? 0;
                var sticky = _stickyDeals.Contains(deal.Id);
                var stalled = deal.GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus)?.Value == (int)AgingStatus.Stalled;
                var pace = sticky ? MeanDaysInStage[stage] * 8 : MeanDaysInStage[stage];
                if (stalled && _random.NextDouble() < 0.03)
                {
                    pace = 1; // the owner acts on the follow-up task
                }

                // The deal's owner acts on it, as in the app.
                var owner = Organization.CreateOrganizationService(deal.GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id);
                if (_random.NextDouble() < 0.01)
                {
                    Lose(owner, deal.Id);
                }
                else if (_random.NextDouble() < 1 / pace)
                {
                    if (stage < 3)
                    {
                        _ledger.Record("Stage change (Update salesstage)", () =>
                            owner.Update(new Entity(Opportunity.EntityName, deal.Id) { [Opportunity.SalesStage] = new OptionSetValue(stage + 1) }));
                    }
                    else if (_random.NextDouble() < 0.6)
                    {
                        // The revenue the rep books: near the estimate, sometimes a discount, sometimes an upsell.
                        var estimate = deal.GetAttributeValue<Money>(Opportunity.EstimatedValue)?.Value ?? 0m;
                        var revenue = Math.Round(estimate * (decimal)(0.85 + (_returnedLeadChoices.NextDouble() * 0.25)), 0);
                        _ledger.Record("Win", () => owner.Execute(new WinOpportunityRequest
                        {
                            OpportunityClose = new Entity(OpportunityClose.EntityName)
                            {
                                [OpportunityClose.Opportunity] = new EntityReference(Opportunity.EntityName, deal.Id),
                                [OpportunityClose.ActualRevenue] = new Money(revenue),
                            },
                            Status = new OptionSetValue(Opportunity.Status.Won),
                        }));
                    }
                    else
                    {
                        Lose(owner, deal.Id);
                    }
                }
            }

            QualifyReturnedLeads();

            foreach (var recycled in Organization.All(RecycledLead.EntityName).Where(r => r.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value == RecycledLead.Status.Nurturing).ToList())
            {
                if (_random.NextDouble() < 0.08)
                {
                    Engage(recycled.Id, Engagements[_random.Next(Engagements.Length)], null);
                }
                else if (_random.NextDouble() < 0.01)
                {
                    Engage(recycled.Id, EngagementType.LikelihoodAnswer, (Likelihood)(100000001 + _random.Next(4)));
                }
            }
        }

        /// <summary>
        /// A rep works the leads that came back from nurture: on a business day one in six is qualified into a new deal,
        /// as QualifyLead does (an opportunity whose originating lead it is, the lead closed as qualified); the deal then
        /// moves, and is won or lost, like any other.
        /// </summary>
        private void QualifyReturnedLeads()
        {
            var returned = Organization.All(Lead.EntityName)
                .Where(l => l.Contains(Lead.RecycledLead) && l.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode).Value == Lead.State.Open)
                .ToList();
            foreach (var lead in returned)
            {
                if (_returnedLeadChoices.NextDouble() >= 1.0 / 6)
                {
                    continue;
                }

                var ownerId = lead.GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id;
                var owner = Organization.CreateOrganizationService(ownerId);
                var deal = new Entity(Opportunity.EntityName)
                {
                    [Opportunity.Name] = (lead.GetAttributeValue<string>("subject") ?? "Returned lead") + " (from nurture)",
                    [Opportunity.OriginatingLead] = lead.ToEntityReference(),
                    [Opportunity.SalesStage] = new OptionSetValue(0),
                    [Opportunity.EstimatedValue] = new Money(5000m + (_returnedLeadChoices.Next(40) * 1000m)),
                    [CommonColumns.OwnerId] = new EntityReference(SystemUser.EntityName, ownerId),
                };
                var account = lead.GetAttributeValue<EntityReference>(Lead.ParentAccount);
                if (account != null)
                {
                    deal[Opportunity.ParentAccount] = account;
                }

                _ledger.Record("Create opportunity", () => owner.Create(deal));
                owner.Execute(new SetStateRequest
                {
                    EntityMoniker = lead.ToEntityReference(),
                    State = new OptionSetValue(Lead.State.Qualified),
                    Status = new OptionSetValue(Lead.Status.Qualified),
                });
            }
        }

        private void OpenDeal()
        {
            var index = _random.Next(_accounts.Count);
            Guid id = Guid.Empty;
            _ledger.Record("Create opportunity", () => id = Service.Create(new Entity(Opportunity.EntityName)
            {
                [Opportunity.Name] = $"Deal {Organization.Count(Opportunity.EntityName) + 1}",
                [Opportunity.SalesStage] = new OptionSetValue(0),
                [Opportunity.EstimatedValue] = new Money(5000m + _random.Next(95) * 1000m),
                [Opportunity.ParentAccount] = new EntityReference("account", _accounts[index]),
                [Opportunity.ParentContact] = new EntityReference("contact", _contacts[index]),
                [CommonColumns.OwnerId] = new EntityReference(SystemUser.EntityName, _reps[_random.Next(_reps.Count)]),
            }));
            if (_random.NextDouble() < 0.12)
            {
                _stickyDeals.Add(id);
            }
        }

        private void Lose(IOrganizationService owner, Guid deal)
        {
            var reason = RepReasons[_random.Next(RepReasons.Length)];
            _ledger.Record("Lose", () => owner.Execute(new LoseOpportunityRequest
            {
                OpportunityClose = new Entity(OpportunityClose.EntityName)
                {
                    [OpportunityClose.Opportunity] = new EntityReference(Opportunity.EntityName, deal),
                    [OpportunityClose.Subject] = "Lost",
                    [ChecklistColumns.Reason] = new OptionSetValue((int)reason),
                    [ChecklistColumns.Background] = "What the rep learned about " + Labels.Reasons[reason].ToLowerInvariant() + ".",
                    [ChecklistColumns.EffortType] = new OptionSetValue((int)EffortType.MarketingNurture + _random.Next(5)),
                    [ChecklistColumns.TargetStage] = new OptionSetValue((int)LeadDevelopmentStage.Inquiry + _random.Next(4)),
                    [ChecklistColumns.Likelihood] = new OptionSetValue((int)Likelihood.One + _random.Next(4)),
                    [ChecklistColumns.DecisionCriteria] = "Price, integration and support.",
                    [ChecklistColumns.WhoIsInvolved] = "Economic buyer and IT lead.",
                },
                Status = new OptionSetValue(_random.NextDouble() < 0.5 ? Opportunity.Status.Canceled : Opportunity.Status.OutSold),
            }));
        }

        private void Engage(Guid recycledLead, EngagementType type, Likelihood? answer)
        {
            var engagement = new Entity(Engagement.EntityName)
            {
                [Engagement.Name] = Labels.EngagementTypes[type],
                [Engagement.RecycledLead] = new EntityReference(RecycledLead.EntityName, recycledLead),
                [Engagement.Type] = new OptionSetValue((int)type),
                [Engagement.Source] = "Demo journey",
            };
            if (answer != null)
            {
                engagement[Engagement.Likelihood] = new OptionSetValue((int)answer.Value);
            }

            _ledger.Record("Engagement", () => Service.Create(engagement));
        }
    }

    /// <summary>Organization-service calls the plug-ins made, per kind of event.</summary>
    public sealed class CallLedger
    {
        private readonly InMemoryOrganization _organization;
        private readonly Dictionary<string, Entry> _entries = new Dictionary<string, Entry>(StringComparer.Ordinal);

        public CallLedger(InMemoryOrganization organization)
        {
            _organization = organization;
        }

        public IReadOnlyDictionary<string, Entry> Entries => _entries;

        public void Record(string eventName, Action action)
        {
            var calls = _organization.Calls.During(action).Total;
            if (!_entries.TryGetValue(eventName, out var entry))
            {
                entry = new Entry();
                _entries.Add(eventName, entry);
            }

            entry.Events++;
            entry.Calls += calls;
        }

        public sealed class Entry
        {
            public int Events { get; set; }

            public long Calls { get; set; }
        }
    }
}
