using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Recycling;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// The columns LeadRecycle alone writes, with the labels people see on the forms. They steer what SYSTEM does:
    /// the stage clock and aging feed the stall thresholds of everyone's deals; a recycled lead's source, original
    /// owner and status decide which deal SYSTEM reopens and to whom it hands a prospect. A person's role may let
    /// them write the record (a rep owns the deal, marketing works the recycled lead), so the platform's security
    /// alone cannot protect these columns; Dataverse's column security would hide them from reading too.
    /// </summary>
    public static class LeadRecycleColumns
    {
        public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Guarded = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [Opportunity.EntityName] = new Dictionary<string, string>
            {
                [Opportunity.StageEnteredOn] = "Stage entered on",
                [Opportunity.StageKey] = "Stage key",
                [Opportunity.AgingStatus] = "Aging status",
                [Opportunity.StalledOn] = "Stalled on",
                [Opportunity.ServiceLevelDue] = "Service level due",
                [Opportunity.RecycleCount] = "Recycle count",
                [Opportunity.NurtureRequestedOn] = "Return to nurture requested on",
            },
            [Lead.EntityName] = new Dictionary<string, string>
            {
                [Lead.RecycleCount] = "Recycle count",
                [Lead.LastActivityOn] = "Last activity on",
                [Lead.NurtureRequestedOn] = "Return to nurture requested on",
                [Lead.RecycledLead] = "Returned from recycled lead",
                [Lead.ReturnKey] = "Return key",
            },
            [RecycledLead.EntityName] = new Dictionary<string, string>
            {
                [RecycledLead.SourceKey] = "Source key",
                [RecycledLead.Opportunity] = "Original opportunity",
                [RecycledLead.OriginatingLead] = "Originating lead",
                [RecycledLead.OriginalOwner] = "Original owner",
                [RecycledLead.OriginalTeam] = "Original owner team",
                [RecycledLead.Reason] = "Reason",
                [RecycledLead.RecycleType] = "Recycle type",
                [RecycledLead.RecycleCount] = "Recycle count",
                [RecycledLead.RecycledOn] = "Recycled on",
                [RecycledLead.ReturnedOn] = "Returned on",
                [RecycledLead.ReturnedTo] = "Returned to",
                [RecycledLead.ReturnedLead] = "Returned as lead",
                [RecycledLead.StageAtRecycle] = "Stage at recycle",
                [RecycledLead.DaysInStage] = "Days in stage",
                [RecycledLead.EngagementThreshold] = "Engagement threshold",
                [RecycledLead.ReturnBlocked] = "Return blocked",
            },
        };

        /// <summary>The tables the stall scan maintains: no person creates or changes their rows.</summary>
        public static readonly IReadOnlyCollection<string> ScanOwnedTables = new[] { StageDuration.EntityName, StageStatistic.EntityName };
    }

    /// <summary>
    /// Refuses, before anything is written (PreValidation, the stage for validation a person should read), a change
    /// by a person or another product to the columns LeadRecycle alone writes, a recycled lead created by anyone but
    /// a close, a recycled lead put back in nurture or marked returned by hand, a stage stay or statistic written by
    /// hand, and a snooze longer than the policy allows. LeadRecycle's own writes come from its plug-ins, which mark
    /// their context (<see cref="SharedFlags.LeadRecycleActing"/>); a caller cannot set that on an enclosing context.
    /// </summary>
    public sealed class GuardLeadRecycleColumns : PluginBase
    {
        private static readonly string[] Tables =
            LeadRecycleColumns.Guarded.Keys.Concat(LeadRecycleColumns.ScanOwnedTables).OrderBy(t => t, StringComparer.Ordinal).ToArray();

        public GuardLeadRecycleColumns(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps =>
            Tables.SelectMany(table => new[]
            {
                PluginStep.For<GuardLeadRecycleColumns>(SdkMessageNames.Create, table, PipelineStage.PreValidation)
                    .Describe("Only LeadRecycle writes the columns that steer its automation."),
                PluginStep.For<GuardLeadRecycleColumns>(SdkMessageNames.Update, table, PipelineStage.PreValidation)
                    .Describe("Only LeadRecycle writes the columns that steer its automation."),
            });

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var target = context.GetTargetEntity();
            if (target == null || context.HasAncestorFlag(SharedFlags.LeadRecycleActing))
            {
                return;
            }

            var table = context.ExecutionContext.PrimaryEntityName;
            var creating = context.ExecutionContext.MessageName == SdkMessageNames.Create;
            if (LeadRecycleColumns.ScanOwnedTables.Contains(table))
            {
                throw new InvalidPluginExecutionException("Stage stays and stage statistics are kept by LeadRecycle's nightly scan; they cannot be created or changed by hand.");
            }

            if (table == RecycledLead.EntityName && creating)
            {
                throw new InvalidPluginExecutionException("A recycled lead is created when a deal is lost or a lead is disqualified with a Return-to-Nurture reason; it cannot be created by hand.");
            }

            var guarded = LeadRecycleColumns.Guarded[table];
            var touched = target.Attributes.Keys.Where(guarded.ContainsKey).Select(column => guarded[column]).OrderBy(l => l, StringComparer.Ordinal).ToList();
            if (touched.Count > 0)
            {
                throw new InvalidPluginExecutionException(string.Format(
                    CultureInfo.InvariantCulture,
                    "LeadRecycle keeps {0} up to date itself; {1} cannot be changed by hand. Leave {2} out of your change.",
                    JoinLabels(touched), touched.Count == 1 ? "it" : "they", touched.Count == 1 ? "it" : "them"));
            }

            if (table == RecycledLead.EntityName)
            {
                var status = target.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode)?.Value;
                var state = target.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode)?.Value;
                if (status == RecycledLead.Status.Nurturing || status == RecycledLead.Status.ReturnedToSales || state == RecycledLead.State.Active)
                {
                    throw new InvalidPluginExecutionException(
                        "Only LeadRecycle puts a recycled lead in nurture or returns it to sales. You can remove it from the waterfall, or let it expire.");
                }
            }

            if (table == Opportunity.EntityName && target.Contains(Opportunity.SnoozeUntil))
            {
                var snooze = target.GetAttributeValue<DateTime?>(Opportunity.SnoozeUntil);
                var maxDays = RecycleContext.Policy(context).Stall.MaxSnoozeDays;
                var latest = RecycleContext.UtcNow(context).AddDays(maxDays);
                if (snooze != null && snooze.Value > latest)
                {
                    throw new InvalidPluginExecutionException(string.Format(
                        CultureInfo.InvariantCulture,
                        "A deal can be snoozed for at most {0} days. Pick a date on or before {1:d MMMM yyyy}.",
                        maxDays, latest));
                }
            }
        }

        private static string JoinLabels(IReadOnlyList<string> labels) =>
            labels.Count == 1 ? labels[0] : string.Join(", ", labels.Take(labels.Count - 1)) + " and " + labels[labels.Count - 1];
    }
}
