using System;
using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// The return to nurture the nightly scan asked for (it stamped the record's "return to nurture requested on"),
    /// run as a background job per record (LapsedReturnService). An asynchronous step runs in its own transaction
    /// ("Event execution pipeline": asynchronous steps run outside the main operation's transaction), so a deal or
    /// lead that cannot be closed (another plug-in refuses it, its data is bad) fails alone: the scan and every other
    /// record go on, the failed job stays in System Jobs regarding the record with the platform's message and the
    /// time, and the next night's scan asks again (counted as Retried). The job checks that the record still
    /// qualifies as of the request, so a stamp written by anyone else, or overtaken by a rep's move, closes nothing.
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
            var table = context.ExecutionContext.PrimaryEntityName;

            // The system reason "Stalled in stage" is LeadRecycle's alone: the validation steps accept it under this flag.
            context.ExecutionContext.SharedVariables[SharedFlags.SystemReasonAllowed] = true;
            var lapsedReturn = new LapsedReturnService(context.SystemService);
            var returned = table == Opportunity.EntityName
                ? lapsedReturn.ReturnDeal(id, asOf)
                : lapsedReturn.ReturnLead(id, asOf, context.Policy().Stall);
            if (!returned)
            {
                context.Trace("{0} {1} no longer qualifies for return to nurture as of {2:o}; nothing to do.", table, id, asOf);
            }
        }
    }
}
