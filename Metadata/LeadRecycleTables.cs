using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Recycling;

namespace LeadRecycle.Metadata
{
    /// <summary>
    /// LeadRecycle's own schema: its global choices, the Recycled Lead table and the columns it adds to
    /// opportunity, opportunityclose and lead. Names come from Plugins/Schema (the constants the plug-ins use);
    /// labels from Schema.Labels. The solution is written from this, and the in-memory Dataverse enforces it.
    /// </summary>
    public static class LeadRecycleTables
    {
        public static readonly ChoiceMetadata DisqualificationReasons = Choice("lr_disqualificationreason", "Return-to-Nurture reason", Labels.Reasons);
        public static readonly ChoiceMetadata NurtureStreams = Choice("lr_nurturestream", "Nurture stream", Labels.Streams);
        public static readonly ChoiceMetadata EffortTypes = Choice("lr_efforttype", "Type of effort", Labels.EffortTypes);
        public static readonly ChoiceMetadata LeadDevelopmentStages = Choice("lr_leaddevelopmentstage", "Lead-development stage", Labels.LeadDevelopmentStages);
        public static readonly ChoiceMetadata Likelihoods = Choice("lr_likelihood", "Likelihood to move in 30 days", Labels.Likelihoods);
        public static readonly ChoiceMetadata RecycleTypes = Choice("lr_recycletype", "Recycle type", Labels.RecycleTypes);
        public static readonly ChoiceMetadata ReturnOutcomes = Choice("lr_returnoutcome", "Return outcome", Labels.ReturnOutcomes);
        public static readonly ChoiceMetadata AgingStatuses = Choice("lr_agingstatus", "Aging status", Labels.AgingStatuses);
        public static readonly ChoiceMetadata EngagementTypes = Choice("lr_engagementtype", "Engagement type", Labels.EngagementTypes);
        public static readonly ChoiceMetadata TallySubjects = Choice("lr_tallysubject", "Tally subject", Labels.TallySubjects);

        public static IReadOnlyList<ChoiceMetadata> GlobalChoices { get; } = new[]
        {
            DisqualificationReasons, NurtureStreams, EffortTypes, LeadDevelopmentStages, Likelihoods, RecycleTypes, ReturnOutcomes, AgingStatuses, EngagementTypes, TallySubjects,
        };

        private static readonly IReadOnlyDictionary<Type, ChoiceMetadata> ChoicesByEnum = new Dictionary<Type, ChoiceMetadata>
        {
            [typeof(DisqualificationReason)] = DisqualificationReasons,
            [typeof(EffortType)] = EffortTypes,
            [typeof(LeadDevelopmentStage)] = LeadDevelopmentStages,
            [typeof(Likelihood)] = Likelihoods,
        };

        public static TableMetadata RecycledLeadTable { get; } = BuildRecycledLead();

        public static TableMetadata EngagementTable { get; } = new TableMetadata(Engagement.EntityName, "Engagement", "Engagements", Engagement.Id, Engagement.Name)
        {
            Description = "One thing a nurtured prospect did (email click, form, webinar, reply, meeting, the 1-4 answer); its points decay with age.",
            Ownership = TableOwnership.UserOwned,
            IsCustom = true,
            // Customer Insights – Journeys segments over related tables need change tracking (docs/customer-insights-journeys.md §2).
            IsChangeTrackingEnabled = true,
            Columns = new[]
            {
                new ColumnMetadata(Engagement.Id, ColumnType.Uniqueidentifier, "Engagement") { IsCustom = true, IsValidForUpdate = false },
                Custom(Engagement.Name, ColumnType.String, "Name", null) with { MaxLength = 200 },
                Lookup(Engagement.RecycledLead, "Recycled lead", RecycledLead.EntityName) with { RequiredLevel = RequiredLevel.ApplicationRequired },
                Custom(Engagement.Type, ColumnType.Picklist, "Type", null) with { Choice = EngagementTypes, RequiredLevel = RequiredLevel.ApplicationRequired },
                Custom(Engagement.Points, ColumnType.Decimal, "Points", "Leave empty for the policy's points for the type.") with { MinValue = 0, MaxValue = 1000, Precision = 2 },
                Custom(Engagement.OccurredOn, ColumnType.DateTime, "Occurred on", null),
                Custom(Engagement.Source, ColumnType.String, "Source", "The journey, flow or person that recorded it.") with { MaxLength = 200 },
                Custom(Engagement.Likelihood, ColumnType.Picklist, "Answer (1-4)", "For a likelihood answer.") with { Choice = Likelihoods },
                Custom(Engagement.ExternalId, ColumnType.String, "External id", "The sending tool's id for this interaction (for example a journey's idempotency id); unique, so a replay cannot score twice.") with { MaxLength = 100 },
            }.Concat(StandardColumns.ForUserOwnedTable()).Concat(StandardColumns.StateAndStatus()).ToArray(),
            // Rows without an external id are not in the key's index (Dataverse leaves null key values out), so people and
            // tools that send none are unaffected; a flow that replays an interaction is refused with DuplicateRecordEntityKey.
            AlternateKeys = new[] { new AlternateKeyMetadata(Engagement.ExternalIdKeyName, "External id", new[] { Engagement.ExternalId }) },
        };

        public static TableMetadata StageDurationTable { get; } = new TableMetadata(StageDuration.EntityName, "Stage Duration", "Stage Durations", StageDuration.Id, StageDuration.Name)
        {
            Description = "One finished stay of a deal in a sales stage, recorded when the stage is left; the stall scan folds it into the stage's statistics.",
            Ownership = TableOwnership.OrganizationOwned,
            IsCustom = true,
            Columns = new[]
            {
                new ColumnMetadata(StageDuration.Id, ColumnType.Uniqueidentifier, "Stage Duration") { IsCustom = true, IsValidForUpdate = false },
                Custom(StageDuration.Name, ColumnType.String, "Stage", null) with { MaxLength = 100 },
                Custom(StageDuration.StageKey, ColumnType.String, "Stage key", null) with { MaxLength = 100, IsValidForUpdate = false },
                Custom(StageDuration.Days, ColumnType.Decimal, "Days in stage", null) with { MinValue = 0, MaxValue = 100000, Precision = 4, IsValidForUpdate = false },
                Lookup(StageDuration.Opportunity, "Opportunity", Opportunity.EntityName),
                Custom(StageDuration.ExitedOn, ColumnType.DateTime, "Left the stage on", null),
                Custom(StageDuration.Folded, ColumnType.Boolean, "In the statistics", null),
            }.Concat(StandardColumns.ForOrganizationOwnedTable()).ToArray(),
        };

        public static TableMetadata StageStatisticTable { get; } = new TableMetadata(StageStatistic.EntityName, "Stage Statistic", "Stage Statistics", StageStatistic.Id, StageStatistic.Name)
        {
            Description = "Running statistics of completed stays in one sales stage (count, mean, Welford's M2); written only by the stall scan.",
            Ownership = TableOwnership.OrganizationOwned,
            IsCustom = true,
            Columns = new[]
            {
                new ColumnMetadata(StageStatistic.Id, ColumnType.Uniqueidentifier, "Stage Statistic") { IsCustom = true, IsValidForUpdate = false },
                Custom(StageStatistic.Name, ColumnType.String, "Stage", null) with { MaxLength = 100 },
                Custom(StageStatistic.StageKey, ColumnType.String, "Stage key", "The stage key, or the stage key and the segment key for a segment's row.") with { MaxLength = 250, IsValidForUpdate = false },
                Custom(StageStatistic.SegmentKey, ColumnType.String, "Segment key", "Empty on a stage's own row; the opportunity column and its value on a segment's row.") with { MaxLength = 150, IsValidForUpdate = false },
                Custom(StageStatistic.Segment, ColumnType.String, "Segment", "The segment as people read it; empty on a stage's own row.") with { MaxLength = 200 },
                Custom(StageStatistic.Count, ColumnType.Integer, "Completed stays", null) with { MinValue = 0, MaxValue = 2147483647 },
                Custom(StageStatistic.MeanDays, ColumnType.Double, "Mean days", null) with { MinValue = 0, MaxValue = 1000000, Precision = 5 },
                Custom(StageStatistic.M2, ColumnType.Double, "Sum of squared deviations (M2)", null) with { MinValue = 0, MaxValue = 100000000000m, Precision = 5 },
                Custom(StageStatistic.UpdatedOn, ColumnType.DateTime, "Folded on", null),
            }.Concat(StandardColumns.ForOrganizationOwnedTable()).ToArray(),
            AlternateKeys = new[] { new AlternateKeyMetadata(StageStatistic.StageKeyName, "Stage key", new[] { StageStatistic.StageKey }) },
        };

        public static TableMetadata RecyclingTallyTable { get; } = new TableMetadata(RecyclingTally.EntityName, "Recycling Tally", "Recycling Tallies", RecyclingTally.Id, RecyclingTally.Name)
        {
            Description = "Totals behind the LeadRecycle charts, one row per month of creation and group, recounted by the stall scan; a chart sums these rows, so it stays right past the 50,000 rows an aggregate over the records can read.",
            Ownership = TableOwnership.OrganizationOwned,
            IsCustom = true,
            Columns = new[]
            {
                new ColumnMetadata(RecyclingTally.Id, ColumnType.Uniqueidentifier, "Recycling Tally") { IsCustom = true, IsValidForUpdate = false },
                Custom(RecyclingTally.Name, ColumnType.String, "Name", null) with { MaxLength = 200 },
                Custom(RecyclingTally.TallyKey, ColumnType.String, "Tally key", "Subject, month and group: one row each.") with { MaxLength = 200, IsValidForUpdate = false },
                Custom(RecyclingTally.Subject, ColumnType.Picklist, "Counts", null) with { Choice = TallySubjects },
                Custom(RecyclingTally.Month, ColumnType.DateTime, "Month created", "The first day (UTC) of the month the counted records were created in."),
                Custom(RecyclingTally.NurtureStream, ColumnType.Picklist, "Nurture stream", null) with { Choice = NurtureStreams },
                Custom(RecyclingTally.Reason, ColumnType.Picklist, "Reason", null) with { Choice = DisqualificationReasons },
                Custom(RecyclingTally.StageKey, ColumnType.String, "Stage key", null) with { MaxLength = 100 },
                Custom(RecyclingTally.Stage, ColumnType.String, "Stage", null) with { MaxLength = 100 },
                Count(RecyclingTally.Recycled, "Recycled"),
                Count(RecyclingTally.Nurturing, "Nurturing"),
                Count(RecyclingTally.Returned, "Returned to sales"),
                Count(RecyclingTally.Removed, "Removed from waterfall"),
                Count(RecyclingTally.Cancelled, "Cancelled (reopened)"),
                Count(RecyclingTally.Expired, "Expired"),
                Count(RecyclingTally.WonAfterReturn, "Won after return"),
                Amount(RecyclingTally.RevenueWonAfterReturn, "Revenue won after return"),
                Amount(RecyclingTally.RecycledValue, "Value recycled"),
                Amount(RecyclingTally.ReturnedValue, "Value returned"),
                Count(RecyclingTally.OpenDeals, "Open deals"),
                Amount(RecyclingTally.OpenValue, "Open value"),
                Count(RecyclingTally.WarnedDeals, "Warned deals"),
                Amount(RecyclingTally.WarnedValue, "Warned value"),
                Count(RecyclingTally.StalledDeals, "Stalled deals"),
                Amount(RecyclingTally.StalledValue, "Stalled value"),
                Custom(RecyclingTally.TalliedOn, ColumnType.DateTime, "Tallied on", "When the stall scan last recounted this month."),
            }.Concat(StandardColumns.ForOrganizationOwnedTable()).ToArray(),
            AlternateKeys = new[] { new AlternateKeyMetadata(RecyclingTally.TallyKeyName, "Tally key", new[] { RecyclingTally.TallyKey }) },
        };

        /// <summary>LeadRecycle's columns on system tables (merged over the system tables' own metadata).</summary>
        public static IReadOnlyList<TableMetadata> SystemTableExtensions { get; } = new[]
        {
            Extension(Opportunity.EntityName, "Opportunity", "Opportunities", Opportunity.Id, Opportunity.Name,
                Custom(Opportunity.StageEnteredOn, ColumnType.DateTime, "Stage entered on", "When the deal entered its current sales stage."),
                Custom(Opportunity.RecycleCount, ColumnType.Integer, "Recycle count", "How many times this deal (or its lead) was returned to nurture.") with { MinValue = 0, MaxValue = 1000 },
                Custom(Opportunity.StageKey, ColumnType.String, "Stage key", "The stage the deal is in, as LeadRecycle keys its statistics.") with { MaxLength = 100 },
                Custom(Opportunity.AgingStatus, ColumnType.Picklist, "Aging status", "On track, warning or stalled against the stage's threshold.") with { Choice = AgingStatuses },
                Custom(Opportunity.StalledOn, ColumnType.DateTime, "Stalled on", null),
                Custom(Opportunity.StallSegment, ColumnType.String, "Stall threshold", "Whose threshold warned or stalled the deal: its segment's, or its whole stage's (with segments set in the policy).") with { MaxLength = 200 },
                Custom(Opportunity.ServiceLevelDue, ColumnType.DateTime, "Service level due", "Move, snooze or close the deal by then, or it returns to nurture."),
                Custom(Opportunity.SnoozeUntil, ColumnType.DateTime, "Snooze until", "The stall scan leaves the deal alone until then."),
                Custom(Opportunity.SnoozeReason, ColumnType.String, "Snooze reason", "Why the deal is snoozed; required with a snooze date.") with { MaxLength = 500 },
                Custom(Opportunity.NextReminderOn, ColumnType.DateTime, "Next reminder on", "When the stall scan next reminds the owner that the service level is running out."),
                Custom(Opportunity.EscalateOn, ColumnType.DateTime, "Escalate on", "When the stall scan tells the owner's manager, if the deal has not moved by then."),
                Custom(Opportunity.EscalatedOn, ColumnType.DateTime, "Escalated on", "When the stall scan last told the owner's manager about this stalled deal."),
                Custom(Opportunity.NurtureRequestedOn, ColumnType.DateTime, "Return to nurture requested on", "When the stall scan asked for this lapsed deal's return to nurture; a background job does it (System Jobs shows one that failed).")),
            Extension(OpportunityClose.EntityName, "Opportunity Close", "Opportunity Close", OpportunityClose.Id, OpportunityClose.Subject,
                ChecklistColumnsFor(OpportunityClose.EntityName).ToArray()),
            Extension(Lead.EntityName, "Lead", "Leads", Lead.Id, Lead.FullName,
                ChecklistColumnsFor(Lead.EntityName)
                    .Append(Custom(Lead.RecycleCount, ColumnType.Integer, "Recycle count", "How many times this lead was returned to nurture.") with { MinValue = 0, MaxValue = 1000 })
                    .Append(Lookup(Lead.RecycledLead, "Returned from recycled lead", RecycledLead.EntityName))
                    .Append(Custom(Lead.LastActivityOn, ColumnType.DateTime, "Last activity on", "When the lead last had a task, call, email or appointment."))
                    .Append(Custom(Lead.NurtureRequestedOn, ColumnType.DateTime, "Return to nurture requested on", "When the stall scan asked for this inactive lead's return to nurture; a background job does it (System Jobs shows one that failed)."))
                    .Append(Custom(Lead.ReturnKey, ColumnType.String, "Return key", "Recycled lead and recycle number; unique, so a prospect returns to sales once per recycle.") with { MaxLength = 100, IsValidForUpdate = false })
                    .ToArray()) with
            {
                AlternateKeys = new[] { new AlternateKeyMetadata(Lead.ReturnKeyName, "Return key", new[] { Lead.ReturnKey }) },
            },
        };

        /// <summary>Every table LeadRecycle defines or extends.</summary>
        public static IReadOnlyList<TableMetadata> All { get; } = new[] { RecycledLeadTable, EngagementTable, StageDurationTable, StageStatisticTable, RecyclingTallyTable }.Concat(SystemTableExtensions).ToArray();

        private static TableMetadata BuildRecycledLead()
        {
            var state = new ChoiceMetadata("lr_recycledlead_statecode", "Status", new[]
            {
                new ChoiceOption(RecycledLead.State.Active, "Active"),
                new ChoiceOption(RecycledLead.State.Inactive, "Inactive"),
            }, IsGlobal: false);
            var status = new ChoiceMetadata("lr_recycledlead_statuscode", "Status Reason", new[]
            {
                new ChoiceOption(RecycledLead.Status.Nurturing, "Nurturing", State: RecycledLead.State.Active),
                new ChoiceOption(RecycledLead.Status.ReturnedToSales, "Returned to sales", State: RecycledLead.State.Inactive),
                new ChoiceOption(RecycledLead.Status.RemovedFromWaterfall, "Removed from waterfall", State: RecycledLead.State.Inactive),
                new ChoiceOption(RecycledLead.Status.Cancelled, "Cancelled (reopened)", State: RecycledLead.State.Inactive),
                new ChoiceOption(RecycledLead.Status.Expired, "Expired", State: RecycledLead.State.Inactive),
            }, IsGlobal: false);

            var columns = new List<ColumnMetadata>
            {
                new ColumnMetadata(RecycledLead.Id, ColumnType.Uniqueidentifier, "Recycled Lead") { IsCustom = true, IsValidForUpdate = false },
                Custom(RecycledLead.Topic, ColumnType.String, "Topic", "What the deal or lead was about.") with { MaxLength = 200, RequiredLevel = RequiredLevel.ApplicationRequired },
                Custom(RecycledLead.SourceKey, ColumnType.String, "Source key", "The recycled record and the recycle number; unique, so a retried close cannot recycle twice.") with { MaxLength = 100, IsValidForUpdate = false },
                Lookup(RecycledLead.Opportunity, "Original opportunity", Opportunity.EntityName),
                Lookup(RecycledLead.OriginatingLead, "Originating lead", Lead.EntityName),
                Lookup(RecycledLead.Contact, "Contact", "contact") with { Description = "The person marketing nurtures: the audience of journeys." },
                Lookup(RecycledLead.Account, "Account", "account"),
                Lookup(RecycledLead.OriginalOwner, "Original owner", SystemUser.EntityName) with { Description = "The rep who owned the deal; it returns to this rep on re-engagement." },
                Lookup(RecycledLead.OriginalTeam, "Original owner team", Team.EntityName) with { Description = "The team that owned the deal, when a team did; it returns to this team on re-engagement." },
                Custom(RecycledLead.Reason, ColumnType.Picklist, "Reason", null) with { Choice = DisqualificationReasons, RequiredLevel = RequiredLevel.ApplicationRequired },
                Custom(RecycledLead.RecycleType, ColumnType.Picklist, "Recycle type", null) with { Choice = RecycleTypes },
                Custom(RecycledLead.NurtureStream, ColumnType.Picklist, "Nurture stream", null) with { Choice = NurtureStreams },
            };
            columns.AddRange(ReturnToNurtureChecklist.Fields.Select(item => ChecklistColumn(item, item.RecycledLeadColumn, null)));
            columns.AddRange(new[]
            {
                Custom(RecycledLead.StageAtRecycle, ColumnType.String, "Stage at recycle", "The sales stage the deal was in when it left the pipeline.") with { MaxLength = 100 },
                Custom(RecycledLead.DaysInStage, ColumnType.Integer, "Days in stage", "Days the deal had spent in that stage.") with { MinValue = 0, MaxValue = 100000 },
                Custom(RecycledLead.EstimatedValue, ColumnType.Money, "Estimated value", null) with { MinValue = 0, MaxValue = 100000000000m, Precision = 2 },
                Custom(RecycledLead.EngagementScore, ColumnType.Decimal, "Engagement score", "Decayed engagement points.") with { MinValue = 0, MaxValue = 1000000, Precision = 2 },
                Custom(RecycledLead.EngagementThreshold, ColumnType.Decimal, "Engagement threshold", "The score at which the lead returns to its rep.") with { MinValue = 0, MaxValue = 1000000, Precision = 2 },
                Custom(RecycledLead.RecycledOn, ColumnType.DateTime, "Recycled on", null),
                Custom(RecycledLead.ReturnedOn, ColumnType.DateTime, "Returned on", null),
                Lookup(RecycledLead.ReturnedTo, "Returned to", SystemUser.EntityName),
                Custom(RecycledLead.RecycleCount, ColumnType.Integer, "Recycle count", "How many times this prospect has been recycled, this time included.") with { MinValue = 0, MaxValue = 1000 },
                Custom(RecycledLead.ScoredOn, ColumnType.DateTime, "Scored on", "The moment the engagement score is exact as of (it decays from there)."),
                Lookup(RecycledLead.ReturnedLead, "Returned as lead", Lead.EntityName),
                Custom(RecycledLead.ReturnOutcome, ColumnType.Picklist, "Outcome after return", "Won or lost: how the opportunity the returned prospect became, or the reopened deal, closed.") with { Choice = ReturnOutcomes },
                Custom(RecycledLead.ReturnOutcomeOn, ColumnType.DateTime, "Outcome on", "When that opportunity closed."),
                Custom(RecycledLead.ReturnRevenue, ColumnType.Money, "Revenue after return", "The won opportunity's actual revenue; zero when lost.") with { MinValue = 0, MaxValue = 100000000000m, Precision = 2 },
                Lookup(RecycledLead.ReturnOpportunity, "Opportunity after return", Opportunity.EntityName) with { Description = "The opportunity the outcome belongs to." },
                Custom(RecycledLead.RemovalNote, ColumnType.String, "Removal note", "Why the record left the waterfall without nurture.") with { MaxLength = 500 },
                Custom(RecycledLead.ReturnBlocked, ColumnType.String, "Return blocked", "Why the re-engaged prospect could not go back to sales; the return is tried again with its next engagement.") with { MaxLength = 500 },
                new ColumnMetadata(CommonColumns.StateCode, ColumnType.State, "Status") { Choice = state },
                new ColumnMetadata(CommonColumns.StatusCode, ColumnType.Status, "Status Reason") { Choice = status },
            });
            columns.AddRange(StandardColumns.ForUserOwnedTable());

            return new TableMetadata(RecycledLead.EntityName, "Recycled Lead", "Recycled Leads", RecycledLead.Id, RecycledLead.Topic)
            {
                Description = "A deal or lead returned to marketing for nurture, with what sales learned (the Return-to-Nurture checklist).",
                Ownership = TableOwnership.UserOwned,
                IsCustom = true,
                // Customer Insights – Journeys segments over related tables need change tracking (docs/customer-insights-journeys.md §2).
                IsChangeTrackingEnabled = true,
                Columns = columns,
                AlternateKeys = new[] { new AlternateKeyMetadata(RecycledLead.SourceKeyName, "Source key", new[] { RecycledLead.SourceKey }) },
            };
        }

        /// <summary>The checklist's columns on the close form's table or the lead (ReturnToNurtureChecklist).</summary>
        private static IEnumerable<ColumnMetadata> ChecklistColumnsFor(string table)
        {
            var form = table == Lead.EntityName ? "the lead" : "the close form";
            return ReturnToNurtureChecklist.All.Select(item => ChecklistColumn(item, item.Column, item.ColumnDescription == null ? null : string.Format(CultureInfo.InvariantCulture, item.ColumnDescription, form)));
        }

        private static ColumnMetadata ChecklistColumn(ChecklistItem item, string column, string? description) =>
            item.Choice != null
                ? Custom(column, ColumnType.Picklist, item.Label, description) with { Choice = ChoiceOf(item.Choice) }
                : Custom(column, ColumnType.Memo, item.Label, description) with { MaxLength = ChecklistItem.MaxTextLength };

        /// <summary>The global choice of a Schema choice enum.</summary>
        private static ChoiceMetadata ChoiceOf(Type choice) => ChoicesByEnum[choice];

        private static TableMetadata Extension(string table, string displayName, string collectionName, string primaryId, string primaryName, params ColumnMetadata[] columns) =>
            new TableMetadata(table, displayName, collectionName, primaryId, primaryName) { Columns = columns, IsCustom = false };

        private static ColumnMetadata Custom(string name, ColumnType type, string displayName, string? description) =>
            new ColumnMetadata(name, type, displayName) { Description = description, IsCustom = true };

        private static ColumnMetadata Count(string name, string displayName) =>
            Custom(name, ColumnType.Integer, displayName, null) with { MinValue = 0, MaxValue = 2147483647 };

        private static ColumnMetadata Amount(string name, string displayName) =>
            Custom(name, ColumnType.Money, displayName, null) with { MinValue = 0, MaxValue = 100000000000000m, Precision = 2 };

        private static ColumnMetadata Lookup(string name, string displayName, string target) =>
            new ColumnMetadata(name, ColumnType.Lookup, displayName) { Targets = new[] { target }, IsCustom = true };

        private static ChoiceMetadata Choice<TEnum>(string name, string displayName, IReadOnlyDictionary<TEnum, string> labels)
            where TEnum : struct, Enum =>
            new ChoiceMetadata(name, displayName, labels.Select(pair => new ChoiceOption(Convert.ToInt32(pair.Key, System.Globalization.CultureInfo.InvariantCulture), pair.Value)).ToArray());
    }
}
