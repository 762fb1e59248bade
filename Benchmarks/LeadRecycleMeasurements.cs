extern alias workflows;

using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.Sandbox;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Benchmarks
{
    /// <summary>Direct measurements printed as tables: cost per event and the stall scan at scale.</summary>
    internal static class LeadRecycleMeasurements
    {
        private static readonly DateTime Now = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

        /// <summary>Calls per event and the mean time of each plug-in execution, from the pipeline's own records.</summary>
        public static void Costs(int events = 2000)
        {
            var clock = new ManualClock(Now);
            var org = LeadRecycleInstallation.Create(clock);
            var rep = org.CreateUser("Rep");
            org.Service.Execute(LeadRecycleInstallation.Lose(LeadRecycleInstallation.OpenOpportunity(org, rep)));

            var deals = Enumerable.Range(0, events).Select(_ => LeadRecycleInstallation.OpenOpportunity(org, rep)).ToList();
            Report(org, "Update salesstage (stage change)", deals, id =>
                org.Service.Update(new Entity(Opportunity.EntityName, id) { [Opportunity.SalesStage] = new OptionSetValue(2) }));
            Report(org, "LoseOpportunity", deals, id => org.Service.Execute(LeadRecycleInstallation.Lose(id)));
            var recycled = org.All(RecycledLead.EntityName).Select(r => r.Id).Take(events).ToList();
            Report(org, "Create lr_engagement (no route)", recycled, id => org.Service.Create(new Entity(Engagement.EntityName)
            {
                [Engagement.RecycledLead] = new EntityReference(RecycledLead.EntityName, id),
                [Engagement.Type] = new OptionSetValue((int)EngagementType.EmailClick),
            }));
            Report(org, "Create lr_engagement (routes)", recycled, id => org.Service.Create(new Entity(Engagement.EntityName)
            {
                [Engagement.RecycledLead] = new EntityReference(RecycledLead.EntityName, id),
                [Engagement.Type] = new OptionSetValue((int)EngagementType.MeetingBooked),
                [Engagement.Points] = 100m,
            }));
        }

        private static void Report(InMemoryOrganization org, string name, System.Collections.Generic.IReadOnlyList<Guid> ids, Action<Guid> act)
        {
            var calls = 0;
            var stopwatch = Stopwatch.StartNew();
            var pluginTicks = 0L;
            var executions = 0;
            foreach (var id in ids)
            {
                act(id);
                var operation = org.LastOperation!;
                calls += operation.PluginCalls.Total;
                foreach (var execution in operation.Executions)
                {
                    pluginTicks += execution.Elapsed.Ticks;
                    executions++;
                }
            }

            stopwatch.Stop();
            var last = org.LastOperation!;
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0,-34} {1,6:0.00} calls/event  {2,8:0.0} us/event  {3,8:0.0} us per plug-in execution ({4} executions/event)  last: {5}",
                name, (double)calls / ids.Count, stopwatch.Elapsed.TotalMilliseconds * 1000 / ids.Count,
                executions == 0 ? 0 : TimeSpan.FromTicks(pluginTicks).TotalMilliseconds * 1000 / executions,
                executions / ids.Count, last.PluginCalls));
        }

        /// <summary>The nightly scan over N open deals with about 1% stalled, run to the end as the cloud flow runs it.</summary>
        public static void ScanScale(int[] sizes)
        {
            Console.WriteLine("open deals | stalled | Custom API calls | requests | requests/call (max) | ms/call (mean, max) | total s");
            foreach (var size in sizes)
            {
                var clock = new ManualClock(Now);
                var org = LeadRecycleInstallation.Create(clock);
                var rep = org.CreateUser("Rep");
                org.Seed(new Entity(StageStatistic.EntityName)
                {
                    [StageStatistic.StageKey] = "salesstage:1",
                    [StageStatistic.Name] = "Develop",
                    [StageStatistic.Count] = 500,
                    [StageStatistic.MeanDays] = 5.0,
                    [StageStatistic.M2] = 2000.0,
                });
                var random = new Random(size);
                var stalled = 0;
                for (var i = 0; i < size; i++)
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
                }

                string? token = null;
                var apiCalls = 0;
                var requests = 0;
                var maxRequests = 0;
                var maxMilliseconds = 0.0;
                var total = Stopwatch.StartNew();
                do
                {
                    var request = new OrganizationRequest(workflows::LeadRecycle.CustomApis.ScanStalledOpportunitiesApi.UniqueName);
                    if (token != null)
                    {
                        request["ContinuationToken"] = token;
                    }

                    var call = Stopwatch.StartNew();
                    var response = org.Service.Execute(request);
                    call.Stop();
                    apiCalls++;
                    var callRequests = (int)response["Requests"] + 1;
                    requests += callRequests;
                    maxRequests = Math.Max(maxRequests, callRequests);
                    maxMilliseconds = Math.Max(maxMilliseconds, call.Elapsed.TotalMilliseconds);
                    token = (bool)response["Done"] ? null : (string)response["ContinuationToken"];
                }
                while (token != null);

                total.Stop();
                var flagged = org.All(TaskActivity.EntityName).Count;
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "{0,10:N0} | {1,7:N0} | {2,16:N0} | {3,8:N0} | {4,19:N0} | {5,8:0.0}, {6,8:0.0} | {7,7:0.0}   (tasks created: {8:N0})",
                    size, stalled, apiCalls, requests, maxRequests, total.Elapsed.TotalMilliseconds / apiCalls, maxMilliseconds, total.Elapsed.TotalSeconds, flagged));
            }
        }
    }
}
