using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using LeadRecycle.Services.Recycling;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// The return to nurture the nightly scan asked for (it stamped the record's "return to nurture requested on"),
    /// run as a background job per record. An asynchronous step runs in its own transaction ("Event execution
    /// pipeline": asynchronous steps run outside the main operation's transaction), so a deal or lead that cannot be
    /// closed (another plug-in refuses it, its data is bad) fails alone: the scan and every other record go on, the
    /// failed job stays in System Jobs regarding the record with the platform's message and the time, and the next
    /// night's scan asks again (counted as Retried). The job checks that the record still qualifies as of the
    /// request, so a stamp written by anyone else, or overtaken by a rep's move, closes nothing.
    /// </summary>
    public sealed class ReturnLapsedToNurture : PluginBase
    {
        public ReturnLapsedToNurture(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<ReturnLapsedToNurture>(SdkMessageNames.Update, Opportunity.EntityName, PipelineStage.PostOperation, ExecutionMode.Asynchronous)
                .WhenChanged(Opportunity.NurtureRequestedOn)
                .Describe("Returns a deal whose service level lapsed to nurture, as the stall scan asked, in its own transaction."),
            PluginStep.For<ReturnLapsedToNurture>(SdkMessageNames.Update, Lead.EntityName, PipelineStage.PostOperation, ExecutionMode.Asynchronous)
                .WhenChanged(Lead.NurtureRequestedOn)
                .Describe("Returns an inactive sales-accepted lead to nurture, as the stall scan asked, in its own transaction."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var requestedOn = context.GetTargetEntity()?.GetAttributeValue<DateTime?>(Opportunity.NurtureRequestedOn);
            if (requestedOn == null)
            {
                return;
            }

            var asOf = DateTime.SpecifyKind(requestedOn.Value, DateTimeKind.Utc);
            var id = context.ExecutionContext.PrimaryEntityId;

            // The system reason "Stalled in stage" is LeadRecycle's alone: the validation steps accept it under this flag.
            context.ExecutionContext.SharedVariables[SharedFlags.SystemReasonAllowed] = true;
            if (context.ExecutionContext.PrimaryEntityName == Opportunity.EntityName)
            {
                ReturnDeal(context, id, asOf);
            }
            else
            {
                ReturnLead(context, id, asOf);
            }
        }

        private static void ReturnDeal(LocalPluginContext context, Guid id, DateTime asOf)
        {
            var deal = context.SystemService.Retrieve(Opportunity.EntityName, id, new ColumnSet(
                CommonColumns.StateCode, Opportunity.AgingStatus, Opportunity.ServiceLevelDue, Opportunity.SnoozeUntil, Opportunity.NurtureRequestedOn));
            if (!Lapsed(deal, asOf))
            {
                context.Trace("Opportunity {0} no longer qualifies for return to nurture as of {1:o}; nothing to do.", id, asOf);
                return;
            }

            context.SystemService.Execute(new LoseOpportunityRequest
            {
                OpportunityClose = new Entity(OpportunityClose.EntityName)
                {
                    [OpportunityClose.Opportunity] = new EntityReference(Opportunity.EntityName, id),
                    [OpportunityClose.Subject] = "Returned to nurture: stalled past its service level",
                    [OpportunityClose.ActualEnd] = asOf,
                    [ChecklistColumns.Reason] = new OptionSetValue((int)DisqualificationReason.StalledInStage),
                    [ChecklistColumns.Background] = "Stalled in stage past the service level with no stage change and no snooze.",
                },
                Status = new OptionSetValue(Opportunity.Status.Canceled),
            });
        }

        /// <summary>Open, stalled, its service level passed and not snoozed, all as of the request.</summary>
        private static bool Lapsed(Entity deal, DateTime asOf)
        {
            var due = deal.GetAttributeValue<DateTime?>(Opportunity.ServiceLevelDue);
            var snooze = deal.GetAttributeValue<DateTime?>(Opportunity.SnoozeUntil);
            return deal.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode)?.Value == Opportunity.State.Open
                && deal.GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus)?.Value == (int)AgingStatus.Stalled
                && due != null && due.Value <= asOf
                && (snooze == null || snooze.Value <= asOf);
        }

        private static void ReturnLead(LocalPluginContext context, Guid id, DateTime asOf)
        {
            var stall = RecycleContext.Policy(context).Stall;
            var lead = context.SystemService.Retrieve(Lead.EntityName, id, new ColumnSet(
                CommonColumns.StateCode, CommonColumns.StatusCode, Lead.LastActivityOn, CommonColumns.CreatedOn));
            var status = lead.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode)?.Value;
            if (lead.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode)?.Value != Lead.State.Open
                || status == null || !stall.SalesAcceptedLeadStatuses.Contains(status.Value)
                || !LeadInactivity.IsInactiveSince(lead, asOf.AddDays(-stall.LeadServiceLevelDays)))
            {
                context.Trace("Lead {0} no longer qualifies for return to nurture as of {1:o}; nothing to do.", id, asOf);
                return;
            }

            // Two writes, the checklist then the state, in this job's one transaction: Microsoft Learn, "Behavior of
            // specialized update operations", splits an Update carrying the state plus other columns into two passes
            // anyway, and the state pass's steps then find the reason and background on the record (its pre-image)
            // without depending on how the platform hands the first pass's columns to the second.
            context.SystemService.Update(new Entity(Lead.EntityName, id)
            {
                [ChecklistColumns.Reason] = new OptionSetValue((int)DisqualificationReason.StalledInStage),
                [ChecklistColumns.Background] = string.Format(CultureInfo.InvariantCulture,
                    "No activity for {0} days, the service level for sales-accepted leads.", stall.LeadServiceLevelDays),
            });
            context.SystemService.Update(new Entity(Lead.EntityName, id)
            {
                [CommonColumns.StateCode] = new OptionSetValue(Lead.State.Disqualified),
                [CommonColumns.StatusCode] = new OptionSetValue(Lead.Status.CannotContact),
            });
        }
    }
}
