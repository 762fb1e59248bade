using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.Schema;
using LeadRecycle.Testing;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Sandbox
{
    /// <summary>How much work the bench does: the default is the full run, <see cref="Quick"/> a smoke run of a few seconds.</summary>
    public sealed class BenchSettings
    {
        public static readonly int[] DefaultScanSizes = { 10000, 100000, 1000000 };

        /// <summary>Timed operations per event and variant, after <see cref="WarmUp"/> untimed ones.</summary>
        public int Iterations { get; init; } = 2000;

        /// <summary>Untimed operations first, so the JIT, the policy cache and the store's tables are warm.</summary>
        public int WarmUp { get; init; } = 200;

        public IReadOnlyList<int> ScanSizes { get; init; } = DefaultScanSizes;

        public static readonly int[] DefaultReplaySizes = { 10000, 100000, 1000000 };

        /// <summary>Deals in the generated histories replayed end to end (<see cref="ReplayScaleBench"/>).</summary>
        public IReadOnlyList<int> ReplaySizes { get; init; } = DefaultReplaySizes;

        public static BenchSettings Quick(IReadOnlyList<int>? scanSizes = null) =>
            new BenchSettings { Iterations = 40, WarmUp = 5, ScanSizes = scanSizes ?? new[] { 1000, 5000 }, ReplaySizes = new[] { 1000, 4000 } };
    }

    /// <summary>Where the bench is, for a progress display: a step, and how far it is (Total 0 when not known).</summary>
    public readonly record struct BenchProgress(string Step, long Done, long Total);

    /// <summary>
    /// LeadRecycle's performance figures in one run, without a console: organization-service calls per event and the
    /// wall time per operation with and without LeadRecycle registered (each event in fresh organizations), and the
    /// nightly stall scan over growing numbers of open deals. The one implementation behind <c>sandbox bench</c>.
    /// </summary>
    public static class PerformanceBench
    {
        private static readonly DateTime Now = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

        /// <summary>The events a rep, a journey or the pipeline raises; each is measured in its own fresh organizations.</summary>
        public static IReadOnlyList<BenchEvent> Events { get; } = new[]
        {
            // The rep loses their own deal, as in the close dialog: the owner rule needs no read for the user acting.
            new BenchEvent("Lose (no marketing owner)", null, (f, n) => f.OpenDeals(n), (f, id) => f.RepService.Execute(LeadRecycleInstallation.Lose(id))),
            new BenchEvent("Lose (marketing owner team)", "{ \"marketingOwner\": { \"team\": \"" + BenchFixture.MarketingTeam + "\" } }",
                (f, n) => f.OpenDeals(n), (f, id) => f.RepService.Execute(LeadRecycleInstallation.Lose(id))),
            new BenchEvent("Lead disqualify (Update)", null, (f, n) => f.OpenLeads(n), (f, id) => f.Service.Update(Disqualification(id))),
            new BenchEvent("Stage change (Update salesstage)", null, (f, n) => f.OpenDeals(n),
                (f, id) => f.Service.Update(new Entity(Opportunity.EntityName, id) { [Opportunity.SalesStage] = new OptionSetValue(2) })),
            // Segments (stall.segmentColumn) are read by the nightly scan, never by the stage change: still one call.
            new BenchEvent("Stage change, thresholds per segment", "{ \"stall\": { \"segmentColumn\": \"estimatedvalue\", \"segmentBands\": [50000] } }", (f, n) => f.OpenDeals(n),
                (f, id) => f.Service.Update(new Entity(Opportunity.EntityName, id) { [Opportunity.SalesStage] = new OptionSetValue(2) })),
            new BenchEvent("Engagement, below threshold", null, (f, n) => f.NurturedLeads(n, f.Rep), (f, id) => f.Service.Create(Engagement(id, EngagementType.EmailClick, null))),
            new BenchEvent("Engagement, routed to rep", null, (f, n) => f.NurturedLeads(n, f.Rep), (f, id) => f.Service.Create(Engagement(id, EngagementType.MeetingBooked, 100m))),
            new BenchEvent("Engagement, routed to manager (rep disabled)", null, (f, n) => f.NurturedLeads(n, f.DepartedRep),
                (f, id) => f.Service.Create(Engagement(id, EngagementType.MeetingBooked, 100m))),
        };

        public static BenchReport Run(BenchSettings settings, Action<BenchProgress>? progress = null)
        {
            var report = new BenchReport
            {
                Iterations = settings.Iterations,
                WarmUp = settings.WarmUp,
                Runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            };
            var eventsStep = "Measuring " + Events.Count.ToString(CultureInfo.InvariantCulture) + " events with and without LeadRecycle";
            var measured = 0;
            foreach (var benchEvent in Events)
            {
                progress?.Invoke(new BenchProgress(eventsStep, measured, Events.Count * 2));
                var with = Measure(benchEvent, withLeadRecycle: true, settings);
                progress?.Invoke(new BenchProgress(eventsStep, ++measured, Events.Count * 2));
                var without = Measure(benchEvent, withLeadRecycle: false, settings);
                progress?.Invoke(new BenchProgress(eventsStep, ++measured, Events.Count * 2));
                report.CallsPerEvent.Add(with.Calls);
                report.TimePerOperation.Add(new BenchReport.TimingRow
                {
                    Event = benchEvent.Name,
                    WithLeadRecycle = with.Time,
                    WithoutLeadRecycle = without.Time,
                    AddedMeanMicroseconds = Math.Round(with.Time.MeanMicroseconds - without.Time.MeanMicroseconds, 1),
                    PluginExecutionsPerEvent = with.PluginExecutionsPerEvent,
                    MeanPluginExecutionMicroseconds = with.MeanPluginExecutionMicroseconds,
                });
            }

            foreach (var size in settings.ScanSizes)
            {
                report.StallScan.Add(Scan(size, progress));
            }

            report.ReplayScale.AddRange(ReplayScaleBench.Run(settings.ReplaySizes, progress));

            return report;
        }

        /// <summary>The nightly scan over <paramref name="openDeals"/> open deals with 1% stalled, run to the end as the cloud flow runs it.</summary>
        public static BenchReport.ScanRow Scan(int openDeals, Action<BenchProgress>? progress = null)
        {
            var seeding = "Seeding " + openDeals.ToString("N0", CultureInfo.InvariantCulture) + " open deals";
            var scanning = "Scanning " + openDeals.ToString("N0", CultureInfo.InvariantCulture) + " open deals";
            progress?.Invoke(new BenchProgress(seeding, 0, openDeals));
            var seedStarted = Stopwatch.GetTimestamp();
            var org = LeadRecycleInstallation.Create(new ManualClock(Now));
            var rep = org.CreateUser("Rep", roles: LeadRecycleInstallation.RepRoles);
            org.Seed(new Entity(StageStatistic.EntityName)
            {
                [StageStatistic.StageKey] = "salesstage:1",
                [StageStatistic.Name] = "Develop",
                [StageStatistic.Count] = 500,
                [StageStatistic.MeanDays] = 5.0,
                [StageStatistic.M2] = 2000.0,
            });
            var random = new Random(openDeals);
            var stalled = 0;
            for (var i = 0; i < openDeals; i++)
            {
                var isStalled = i % 100 == 0;
                stalled += isStalled ? 1 : 0;
                org.Seed(new Entity(Opportunity.EntityName)
                {
                    [Opportunity.Name] = "Deal " + i.ToString(CultureInfo.InvariantCulture),
                    [Opportunity.SalesStage] = new OptionSetValue(1),
                    [Opportunity.StageKey] = "salesstage:1",
                    [Opportunity.StageEnteredOn] = Now.AddDays(-(isStalled ? 16 + random.Next(20) : random.Next(9))),
                    [CommonColumns.OwnerId] = new EntityReference(SystemUser.EntityName, rep),
                });
                if (progress != null && (i + 1) % 5000 == 0)
                {
                    progress(new BenchProgress(seeding, i + 1, openDeals));
                }
            }

            progress?.Invoke(new BenchProgress(seeding, openDeals, openDeals));
            var seedTime = Stopwatch.GetElapsedTime(seedStarted);

            var requests = 0;
            var maxRequests = 0;
            var maxCall = TimeSpan.Zero;
            var callTime = TimeSpan.Zero;
            progress?.Invoke(new BenchProgress(scanning, 0, 0));
            var started = Stopwatch.GetTimestamp();
            var calls = LeadRecycleInstallation.ScanToEnd(org, (response, elapsed) =>
            {
                // The Custom API call itself is a request too, as the cloud flow pays for it.
                var callRequests = (int)response["Requests"] + 1;
                requests += callRequests;
                maxRequests = Math.Max(maxRequests, callRequests);
                maxCall = elapsed > maxCall ? elapsed : maxCall;
                callTime += elapsed;
                progress?.Invoke(new BenchProgress(scanning, requests, 0));
            });
            var total = Stopwatch.GetElapsedTime(started);
            progress?.Invoke(new BenchProgress(scanning, 1, 1));

            return new BenchReport.ScanRow
            {
                OpenDeals = openDeals,
                Stalled = stalled,
                FollowUpTasks = org.Count(TaskActivity.EntityName),
                CustomApiCalls = calls,
                Requests = requests,
                MaxRequestsPerCall = maxRequests,
                // The calls' own time: the progress display between calls is not the scan's cost.
                MeanMillisecondsPerCall = Math.Round(callTime.TotalMilliseconds / calls, 2),
                MaxMillisecondsPerCall = Math.Round(maxCall.TotalMilliseconds, 2),
                TotalSeconds = Math.Round(total.TotalSeconds, 3),
                SeedSeconds = Math.Round(seedTime.TotalSeconds, 3),
            };
        }

        private static Measurement Measure(BenchEvent benchEvent, bool withLeadRecycle, BenchSettings settings)
        {
            var fixture = new BenchFixture(withLeadRecycle, benchEvent.PolicyJson);
            var targets = benchEvent.Prepare(fixture, settings.WarmUp + settings.Iterations);
            for (var i = 0; i < settings.WarmUp; i++)
            {
                benchEvent.Act(fixture, targets[i]);
            }

            var microseconds = new double[settings.Iterations];
            var calls = 0L;
            var executions = 0;
            var executionTicks = 0L;
            var byMessage = new SortedDictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < settings.Iterations; i++)
            {
                var target = targets[settings.WarmUp + i];
                var started = Stopwatch.GetTimestamp();
                benchEvent.Act(fixture, target);
                microseconds[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds * 1000;

                var operation = fixture.Organization.LastOperation!;
                calls += operation.PluginCalls.Total;
                foreach (var pair in operation.PluginCalls.ByMessage)
                {
                    byMessage.TryGetValue(pair.Key, out var count);
                    byMessage[pair.Key] = count + pair.Value;
                }

                foreach (var execution in operation.Executions)
                {
                    executions++;
                    executionTicks += execution.Elapsed.Ticks;
                }
            }

            var n = settings.Iterations;
            return new Measurement(
                new SandboxReport.CallRow { Event = benchEvent.Name, Events = n, Calls = calls, CallsPerEvent = n == 0 ? 0 : Math.Round((double)calls / n, 2) },
                BenchReport.Distribution.Of(microseconds),
                n == 0 ? 0 : Math.Round((double)executions / n, 2),
                executions == 0 ? 0 : Math.Round(TimeSpan.FromTicks(executionTicks).TotalMilliseconds * 1000 / executions, 1));
        }

        private static Entity Disqualification(Guid lead) => new Entity(Lead.EntityName, lead)
        {
            [CommonColumns.StateCode] = new OptionSetValue(Lead.State.Disqualified),
            [CommonColumns.StatusCode] = new OptionSetValue(Lead.Status.NoLongerInterested),
            [ChecklistColumns.Reason] = new OptionSetValue((int)DisqualificationReason.FundingDelayedOrCancelled),
            [ChecklistColumns.Background] = "Budget moved to next year.",
            [ChecklistColumns.EffortType] = new OptionSetValue((int)EffortType.MarketingNurture),
            [ChecklistColumns.TargetStage] = new OptionSetValue((int)LeadDevelopmentStage.MarketingQualified),
        };

        private static Entity Engagement(Guid recycledLead, EngagementType type, decimal? points)
        {
            var engagement = new Entity(Schema.Engagement.EntityName)
            {
                [Schema.Engagement.RecycledLead] = new EntityReference(RecycledLead.EntityName, recycledLead),
                [Schema.Engagement.Type] = new OptionSetValue((int)type),
            };
            if (points != null)
            {
                engagement[Schema.Engagement.Points] = points.Value;
            }

            return engagement;
        }

        private readonly record struct Measurement(SandboxReport.CallRow Calls, BenchReport.Distribution Time, double PluginExecutionsPerEvent, double MeanPluginExecutionMicroseconds);
    }

    /// <summary>One measured event: its policy, how to make its targets (untimed) and the operation that is timed.</summary>
    public sealed record BenchEvent(string Name, string? PolicyJson, Func<BenchFixture, int, IReadOnlyList<Guid>> Prepare, Action<BenchFixture, Guid> Act);

    /// <summary>A fresh organization for one event, with or without LeadRecycle's steps, and the people the events need.</summary>
    public sealed class BenchFixture
    {
        /// <summary>A fixed id, so the policy JSON naming the marketing team can be written before the team exists.</summary>
        public static readonly Guid MarketingTeam = new Guid("3c1d8f52-6a0e-4b7f-9d21-5e4a7b9c0f13");

        public BenchFixture(bool withLeadRecycle, string? policyJson)
        {
            WithLeadRecycle = withLeadRecycle;
            Organization = LeadRecycleInstallation.Create(new ManualClock(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc)), withLeadRecycle, policyJson);
            Organization.Seed(new Entity(Team.EntityName, MarketingTeam) { ["name"] = "Marketing" });
            Rep = Organization.CreateUser("Rep", roles: LeadRecycleInstallation.RepRoles);
            var manager = Organization.CreateUser("Manager", roles: LeadRecycleInstallation.ManagerRoles);
            DepartedRep = Organization.CreateUser("Departed rep", managerId: manager, roles: LeadRecycleInstallation.RepRoles);
        }

        public bool WithLeadRecycle { get; }

        public InMemoryOrganization Organization { get; }

        public IOrganizationService Service => Organization.Service;

        /// <summary>The organization service as the rep who owns the deals and leads.</summary>
        public IOrganizationService RepService => Organization.CreateOrganizationService(Rep);

        public Guid Rep { get; }

        /// <summary>A rep who left after handing deals to marketing: the return goes to the manager.</summary>
        public Guid DepartedRep { get; }

        public IReadOnlyList<Guid> OpenDeals(int count) =>
            Enumerable.Range(0, count).Select(_ => LeadRecycleInstallation.OpenOpportunity(Organization, Rep)).ToList();

        public IReadOnlyList<Guid> OpenLeads(int count) =>
            Enumerable.Range(0, count).Select(i => Service.Create(new Entity(Lead.EntityName)
            {
                [Lead.Subject] = "Benchmark lead " + i.ToString(CultureInfo.InvariantCulture),
                ["lastname"] = "Nguyen",
                [CommonColumns.OwnerId] = new EntityReference(SystemUser.EntityName, Rep),
            })).ToList();

        /// <summary>
        /// Recycled leads in nurture owned (originally) by <paramref name="owner"/>: lost deals with LeadRecycle; without
        /// it there is nothing to recycle, so bare rows stand in and the engagement costs only the platform's create.
        /// </summary>
        public IReadOnlyList<Guid> NurturedLeads(int count, Guid owner)
        {
            if (!WithLeadRecycle)
            {
                return Enumerable.Range(0, count).Select(_ => Service.Create(new Entity(RecycledLead.EntityName) { [RecycledLead.Topic] = "Benchmark deal" })).ToList();
            }

            foreach (var deal in Enumerable.Range(0, count).Select(_ => LeadRecycleInstallation.OpenOpportunity(Organization, owner)).ToList())
            {
                Service.Execute(LeadRecycleInstallation.Lose(deal));
            }

            if (owner == DepartedRep)
            {
                Service.Update(new Entity(SystemUser.EntityName, DepartedRep) { [SystemUser.IsDisabled] = true });
            }

            return Organization.All(RecycledLead.EntityName).Select(r => r.Id).ToList();
        }
    }
}
