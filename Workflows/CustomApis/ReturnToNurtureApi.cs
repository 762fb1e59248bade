using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Recycling;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.CustomApis
{
    /// <summary>
    /// lr_ReturnToNurture, bound to opportunity: the "Return to Nurture" command on the open opportunity form.
    /// Runs as the calling rep, so the close honours the rep's privileges.
    /// </summary>
    public sealed class ReturnToNurtureApi : PluginBase
    {
        public const string UniqueName = "lr_ReturnToNurture";

        public ReturnToNurtureApi(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override CustomApiDefinition CustomApi => new CustomApiDefinition(
            typeof(ReturnToNurtureApi),
            UniqueName,
            "Return to Nurture",
            "Closes an open opportunity as lost with a Return-to-Nurture reason and checklist, and hands it to marketing as a Recycled Lead.",
            CustomApiBinding.Entity,
            Opportunity.EntityName,
            new[]
            {
                new CustomApiParameter("Reason", CustomApiParameterType.Picklist, "Reason", "The Return-to-Nurture reason (lr_disqualificationreason value)."),
                new CustomApiParameter("Background", CustomApiParameterType.String, "Background", "Background for nurturing.", isOptional: true),
                new CustomApiParameter("EffortType", CustomApiParameterType.Picklist, "Effort type", "Type of effort needed (lr_efforttype value).", isOptional: true),
                new CustomApiParameter("TargetStage", CustomApiParameterType.Picklist, "Target stage", "Lead-development stage to re-enter (lr_leaddevelopmentstage value).", isOptional: true),
                new CustomApiParameter("Likelihood", CustomApiParameterType.Picklist, "Likelihood", "The prospect's 1-4 likelihood to move in 30 days (lr_likelihood value).", isOptional: true),
                new CustomApiParameter("DecisionCriteria", CustomApiParameterType.String, "Decision criteria", "Re-qualification notes: decision criteria.", isOptional: true),
                new CustomApiParameter("Impediments", CustomApiParameterType.String, "Impediments", "Re-qualification notes: impediments.", isOptional: true),
                new CustomApiParameter("WhoIsInvolved", CustomApiParameterType.String, "Who is involved", "Re-qualification notes: who is involved.", isOptional: true),
                new CustomApiParameter("LostStatus", CustomApiParameterType.Integer, "Lost status", "The opportunity's lost status reason; 4 (Canceled) when omitted.", isOptional: true),
            },
            new[]
            {
                new CustomApiParameter("RecycledLead", CustomApiParameterType.EntityReference, "Recycled lead", "The Recycled Lead created for the opportunity.", logicalEntityName: RecycledLead.EntityName),
            },
            // Closing a deal is writing it; the Lose itself runs as the caller, so the platform also checks the caller's
            // Write on this very opportunity.
            "prvWriteOpportunity");

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var target = context.GetTargetReference()
                ?? throw new InvalidPluginExecutionException("Return to Nurture needs the opportunity it is run on.");
            var inputs = context.ExecutionContext.InputParameters;
            var request = new ReturnToNurtureRequest(target, context.GetInput<OptionSetValue>("Reason"))
            {
                Background = context.GetInput<string>("Background"),
                EffortType = context.GetInput<OptionSetValue>("EffortType"),
                TargetStage = context.GetInput<OptionSetValue>("TargetStage"),
                Likelihood = context.GetInput<OptionSetValue>("Likelihood"),
                DecisionCriteria = context.GetInput<string>("DecisionCriteria"),
                Impediments = context.GetInput<string>("Impediments"),
                WhoIsInvolved = context.GetInput<string>("WhoIsInvolved"),
            };
            if (inputs.TryGetValue("LostStatus", out var status) && status is int lostStatus)
            {
                request.LostStatus = lostStatus;
            }

            var recycledLead = ReturnToNurtureService.Execute(context.UserService, request, RecycleContext.UtcNow(context));
            context.ExecutionContext.OutputParameters["RecycledLead"] = recycledLead;
        }
    }
}
