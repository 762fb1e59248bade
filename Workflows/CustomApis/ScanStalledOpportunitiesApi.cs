using System;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using LeadRecycle.Services.Recycling;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.CustomApis
{
    /// <summary>
    /// lr_ScanStalledOpportunities (global): one bounded batch of the stall scan. The recurring cloud flow in the
    /// solution calls it with the returned ContinuationToken until Done is true.
    /// </summary>
    public sealed class ScanStalledOpportunitiesApi : PluginBase
    {
        public const string UniqueName = "lr_ScanStalledOpportunities";

        public ScanStalledOpportunitiesApi(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override CustomApiDefinition CustomApi => new CustomApiDefinition(
            typeof(ScanStalledOpportunitiesApi),
            UniqueName,
            "Scan stalled opportunities",
            "Flags deals that stayed in a stage past its threshold, gives their owners a follow-up task, and returns deals whose service level lapsed to nurture. Call again with the continuation token until Done.",
            CustomApiBinding.Global,
            null,
            new[]
            {
                new CustomApiParameter("ContinuationToken", CustomApiParameterType.String, "Continuation token", "The token a previous call returned; empty to start.", isOptional: true),
                new CustomApiParameter("AsOf", CustomApiParameterType.DateTime, "As of", "Scan as of this moment (UTC, not in the future); now when omitted. For replaying history.", isOptional: true),
                new CustomApiParameter("RequestBudget", CustomApiParameterType.Integer, "Request budget", "Organization-service requests one call may make; 400 when omitted.", isOptional: true),
            },
            new[]
            {
                new CustomApiParameter("Done", CustomApiParameterType.Boolean, "Done", "True when the scan has finished."),
                new CustomApiParameter("ContinuationToken", CustomApiParameterType.String, "Continuation token", "Pass back to continue; empty when done."),
                new CustomApiParameter("DurationsFolded", CustomApiParameterType.Integer, "Durations folded", "Stage stays added to the statistics."),
                new CustomApiParameter("Warned", CustomApiParameterType.Integer, "Warned", "Deals newly warned."),
                new CustomApiParameter("Stalled", CustomApiParameterType.Integer, "Stalled", "Deals newly flagged as stalled."),
                new CustomApiParameter("TasksCreated", CustomApiParameterType.Integer, "Tasks created", "Follow-up tasks created for owners."),
                new CustomApiParameter("Recycled", CustomApiParameterType.Integer, "Recycled", "Deals whose service level lapsed, handed to the background return to nurture (one job per deal)."),
                new CustomApiParameter("LeadsRecycled", CustomApiParameterType.Integer, "Leads recycled", "Sales-accepted leads without activity past their service level, handed to the background return to nurture."),
                new CustomApiParameter("Retried", CustomApiParameterType.Integer, "Retried", "Of those, deals and leads asked for on an earlier night whose background job did not complete (System Jobs has its message)."),
                new CustomApiParameter("Adopted", CustomApiParameterType.Integer, "Adopted", "Open deals from before the install given their stage-entered date."),
                new CustomApiParameter("SnoozesEnded", CustomApiParameterType.Integer, "Snoozes ended", "Stalled deals whose snooze ended without progress, flagged again with a fresh task and service level."),
                new CustomApiParameter("DurationsSkipped", CustomApiParameterType.Integer, "Durations skipped", "Recorded stage stays no statistic can hold, set aside."),
                new CustomApiParameter("Requests", CustomApiParameterType.Integer, "Requests", "Organization-service requests this call made."),
            });

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var now = RecycleContext.UtcNow(context);
            var asOf = context.ExecutionContext.InputParameters.TryGetValue("AsOf", out var asOfValue) && asOfValue is DateTime requested
                ? DateTime.SpecifyKind(requested, DateTimeKind.Utc)
                : now;
            if (asOf > now.AddMinutes(1))
            {
                throw new InvalidPluginExecutionException("AsOf cannot be in the future: the scan only looks back.");
            }

            var budget = context.ExecutionContext.InputParameters.TryGetValue("RequestBudget", out var budgetValue) && budgetValue is int requestedBudget
                ? requestedBudget
                : StallScanService.DefaultRequestBudget;

            var scan = new StallScanService(context.SystemService, RecycleContext.Policy(context), asOf, budget);
            var result = scan.Run(context.GetInput<string>("ContinuationToken"));

            var outputs = context.ExecutionContext.OutputParameters;
            outputs["Done"] = result.Done;
            outputs["ContinuationToken"] = result.ContinuationToken ?? string.Empty;
            outputs["DurationsFolded"] = result.DurationsFolded;
            outputs["Warned"] = result.Warned;
            outputs["Stalled"] = result.Stalled;
            outputs["TasksCreated"] = result.TasksCreated;
            outputs["Recycled"] = result.Recycled;
            outputs["LeadsRecycled"] = result.LeadsRecycled;
            outputs["Retried"] = result.Retried;
            outputs["Adopted"] = result.Adopted;
            outputs["SnoozesEnded"] = result.SnoozesEnded;
            outputs["DurationsSkipped"] = result.DurationsSkipped;
            outputs["Requests"] = result.Requests;
            context.Trace("Scan as of {0:o}: {1} folded, {2} warned, {3} stalled, {4} recycled, {5} requests, done={6}.",
                asOf, result.DurationsFolded, result.Warned, result.Stalled, result.Recycled, result.Requests, result.Done);
        }
    }
}
