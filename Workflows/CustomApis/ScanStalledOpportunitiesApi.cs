using System;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
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

        /// <summary>
        /// Who may run the scan: whoever may write the stage statistics it maintains. Only the LeadRecycle Automation
        /// role (the nightly flow's application user) holds it; administrators read those tables but do not write them.
        /// </summary>
        public const string ExecutePrivilege = "prvWritelr_stagestatistic";

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
                new CustomApiParameter("Expired", CustomApiParameterType.Integer, "Expired", "Recycled leads nurtured longer than the policy's nurture days without re-engaging, expired."),
                new CustomApiParameter("Adopted", CustomApiParameterType.Integer, "Adopted", "Open deals from before the install given their stage-entered date."),
                new CustomApiParameter("SnoozesEnded", CustomApiParameterType.Integer, "Snoozes ended", "Stalled deals whose snooze ended without progress, flagged again with a fresh task and service level."),
                new CustomApiParameter("DurationsSkipped", CustomApiParameterType.Integer, "Durations skipped", "Recorded stage stays no statistic can hold (under an hour: a correction; over a century: a clock set wrong), set aside."),
                new CustomApiParameter("RemindersSent", CustomApiParameterType.Integer, "Reminders sent", "Reminder tasks given to stalled deals' owners before the service level ran out."),
                new CustomApiParameter("Escalations", CustomApiParameterType.Integer, "Escalations", "Tasks given to the managers of stalled deals' owners (stall.escalateDaysBeforeDue)."),
                new CustomApiParameter("EscalationsWithoutRecipient", CustomApiParameterType.Integer, "Escalations without recipient", "Escalations due with no manager and no fallback owner to receive them."),
                new CustomApiParameter("TalliesWritten", CustomApiParameterType.Integer, "Tallies written", "Rows of the totals behind the LeadRecycle charts (Recycling Tallies) created, updated or deleted."),
                new CustomApiParameter("Requests", CustomApiParameterType.Integer, "Requests", "Organization-service requests this call made."),
            },
            ExecutePrivilege);

        protected override void ExecuteStep(LocalPluginContext context)
        {
            // The scan acts as SYSTEM on every deal, so nothing it does may be steered by its caller: it runs as of the
            // platform's time for this operation, within the fixed request budget, and only for callers holding the
            // execute privilege (the flow's identity, through the LeadRecycle Automation role).
            var asOf = context.UtcNow;
            var scan = new StallScanService(context.SystemService, context.Policy(), asOf);
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
            outputs["Expired"] = result.Expired;
            outputs["Adopted"] = result.Adopted;
            outputs["SnoozesEnded"] = result.SnoozesEnded;
            outputs["DurationsSkipped"] = result.DurationsSkipped;
            outputs["TalliesWritten"] = result.TalliesWritten;
            outputs["RemindersSent"] = result.RemindersSent;
            outputs["Escalations"] = result.Escalations;
            outputs["EscalationsWithoutRecipient"] = result.EscalationsWithoutRecipient;
            outputs["Requests"] = result.Requests;
            context.Trace("Scan as of {0:o}: {1} folded, {2} warned, {3} stalled, {4} recycled, {5} requests, done={6}.",
                asOf, result.DurationsFolded, result.Warned, result.Stalled, result.Recycled, result.Requests, result.Done);
        }
    }
}
