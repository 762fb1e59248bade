namespace LeadRecycle.Services.Aging
{
    /// <summary>What one call of the stall scan did, and where the next call resumes.</summary>
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

        /// <summary>Reminder tasks given to stalled deals' owners before their service level ran out.</summary>
        public int RemindersSent { get; set; }

        /// <summary>Escalation tasks given to the managers of stalled deals' owners.</summary>
        public int Escalations { get; set; }

        /// <summary>Escalations due with no one to receive them (a team's deal, a rep without an enabled manager, and no fallback owner).</summary>
        public int EscalationsWithoutRecipient { get; set; }

        /// <summary>Recycling tally rows (the totals behind the app's charts) created, updated or deleted.</summary>
        public int TalliesWritten { get; set; }

        /// <summary>Organization-service requests this call made itself (not counting the plug-ins its Lose runs).</summary>
        public int Requests { get; set; }
    }
}
