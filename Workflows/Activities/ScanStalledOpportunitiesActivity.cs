using System;
using System.Activities;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using LeadRecycle.Services.Configuration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace LeadRecycle.Activities
{
    /// <summary>
    /// One batch of the stall scan as a step of a classic workflow (for organizations that schedule with
    /// classic workflows instead of the cloud flow). Same service as lr_ScanStalledOpportunities; a workflow
    /// loops on Done with the continuation token.
    /// </summary>
    public sealed class ScanStalledOpportunitiesActivity : LeadRecycleActivity
    {
        [Input("Continuation token")]
        public InArgument<string> ContinuationToken { get; set; } = new InArgument<string>();

        [Output("Done")]
        public OutArgument<bool> Done { get; set; } = new OutArgument<bool>();

        [Output("Continuation token")]
        public OutArgument<string> NextContinuationToken { get; set; } = new OutArgument<string>();

        [Output("Deals stalled")]
        public OutArgument<int> Stalled { get; set; } = new OutArgument<int>();

        [Output("Deals and leads recycled")]
        public OutArgument<int> Recycled { get; set; } = new OutArgument<int>();

        protected override void ExecuteActivity(CodeActivityContext executionContext, ITracingService? tracing)
        {
            var workflowContext = executionContext.GetExtension<IWorkflowContext>();
            var factory = executionContext.GetExtension<IOrganizationServiceFactory>();
            var service = factory.CreateOrganizationService(null);
            var now = DateTime.UtcNow;

            // The Lose of a lapsed deal may carry the system reason: the validation step looks for this flag.
            workflowContext.SharedVariables[SharedFlags.SystemReasonAllowed] = true;
            var policy = RecyclePolicyProvider.Get(service, workflowContext.OrganizationId, now);
            var result = new StallScanService(service, policy, now).Run(ContinuationToken.Get(executionContext));

            Done.Set(executionContext, result.Done);
            NextContinuationToken.Set(executionContext, result.ContinuationToken ?? string.Empty);
            Stalled.Set(executionContext, result.Stalled);
            Recycled.Set(executionContext, result.Recycled + result.LeadsRecycled);
            tracing?.Trace("Scan batch: {0} stalled, {1} deals and {2} leads recycled, done={3}.", result.Stalled, result.Recycled, result.LeadsRecycled, result.Done);
        }
    }
}
