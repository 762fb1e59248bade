using System;
using System.Activities;
using LeadRecycle.Schema;
using LeadRecycle.Services.Recycling;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace LeadRecycle.Activities
{
    /// <summary>
    /// Return to Nurture as a step of a classic workflow: the same service as the lr_ReturnToNurture Custom API.
    /// Kept thin; .NET Framework only (System.Activities).
    /// </summary>
    public sealed class ReturnToNurtureActivity : LeadRecycleActivity
    {
        [RequiredArgument]
        [Input("Opportunity")]
        [ReferenceTarget(Opportunity.EntityName)]
        public InArgument<EntityReference> OpportunityToRecycle { get; set; } = new InArgument<EntityReference>();

        [RequiredArgument]
        [Input("Reason")]
        [AttributeTarget(OpportunityClose.EntityName, ChecklistColumns.Reason)]
        public InArgument<OptionSetValue> Reason { get; set; } = new InArgument<OptionSetValue>();

        [Input("Background for nurturing")]
        public InArgument<string> Background { get; set; } = new InArgument<string>();

        [Input("Type of effort needed")]
        [AttributeTarget(OpportunityClose.EntityName, ChecklistColumns.EffortType)]
        public InArgument<OptionSetValue> EffortType { get; set; } = new InArgument<OptionSetValue>();

        [Input("Lead-development stage to re-enter")]
        [AttributeTarget(OpportunityClose.EntityName, ChecklistColumns.TargetStage)]
        public InArgument<OptionSetValue> TargetStage { get; set; } = new InArgument<OptionSetValue>();

        [Output("Recycled lead")]
        [ReferenceTarget(RecycledLead.EntityName)]
        public OutArgument<EntityReference> RecycledLeadCreated { get; set; } = new OutArgument<EntityReference>();

        protected override void ExecuteActivity(CodeActivityContext executionContext, ITracingService? tracing)
        {
            var workflowContext = executionContext.GetExtension<IWorkflowContext>();
            var factory = executionContext.GetExtension<IOrganizationServiceFactory>();
            var service = factory.CreateOrganizationService(workflowContext.InitiatingUserId);
            var request = new ReturnToNurtureRequest(OpportunityToRecycle.Get(executionContext), Reason.Get(executionContext))
            {
                Background = Background.Get(executionContext),
                EffortType = EffortType.Get(executionContext),
                TargetStage = TargetStage.Get(executionContext),
            };
            var recycledLead = ReturnToNurtureService.Execute(service, request, DateTime.UtcNow);
            RecycledLeadCreated.Set(executionContext, recycledLead!);
            tracing?.Trace("Returned opportunity {0} to nurture; recycled lead {1}.", request.Opportunity.Id, recycledLead?.Id);
        }
    }
}
