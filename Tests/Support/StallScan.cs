using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Tests.Support
{
    /// <summary>The nightly stall scan as the cloud flow calls it, and its response read back.</summary>
    internal static class StallScan
    {
        public static ScanResponse Call(LeadRecycleOrganization org, string? token = null)
        {
            var request = new OrganizationRequest(LeadRecycle.CustomApis.ScanStalledOpportunitiesApi.UniqueName);
            if (token != null)
            {
                request["ContinuationToken"] = token;
            }

            return new ScanResponse(org.Service.Execute(request));
        }

        /// <summary>Runs the scan to the end, as the cloud flow does, then the background jobs it started.</summary>
        public static List<ScanResponse> ToEnd(LeadRecycleOrganization org)
        {
            var calls = new List<ScanResponse> { Call(org) };
            while (!calls[calls.Count - 1].Done)
            {
                calls.Add(Call(org, calls[calls.Count - 1].Token));
            }

            // The returns to nurture the scan asked for run as background jobs, as Dataverse's async service runs them.
            org.Org.DrainAsyncQueue();
            return calls;
        }
    }

    internal sealed class ScanResponse
    {
        public ScanResponse(OrganizationResponse response)
        {
            Done = (bool)response["Done"];
            Token = (string)response["ContinuationToken"];
            DurationsFolded = (int)response["DurationsFolded"];
            Warned = (int)response["Warned"];
            Stalled = (int)response["Stalled"];
            TasksCreated = (int)response["TasksCreated"];
            Recycled = (int)response["Recycled"];
            LeadsRecycled = (int)response["LeadsRecycled"];
            Retried = (int)response["Retried"];
            Adopted = (int)response["Adopted"];
            Expired = (int)response["Expired"];
            SnoozesEnded = (int)response["SnoozesEnded"];
            DurationsSkipped = (int)response["DurationsSkipped"];
            Requests = (int)response["Requests"];
            TalliesWritten = (int)response["TalliesWritten"];
            RemindersSent = (int)response["RemindersSent"];
            Escalations = (int)response["Escalations"];
            EscalationsWithoutRecipient = (int)response["EscalationsWithoutRecipient"];
        }

        public bool Done { get; }

        public string Token { get; }

        public int DurationsFolded { get; }

        public int Warned { get; }

        public int Stalled { get; }

        public int TasksCreated { get; }

        public int Recycled { get; }

        public int LeadsRecycled { get; }

        public int Retried { get; }

        public int Adopted { get; }

        public int Expired { get; }

        public int SnoozesEnded { get; }

        public int DurationsSkipped { get; }

        public int Requests { get; }

        public int TalliesWritten { get; }

        public int RemindersSent { get; }

        public int Escalations { get; }

        public int EscalationsWithoutRecipient { get; }
    }
}
