using System.Linq;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Recycling;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.CustomApis
{
    /// <summary>
    /// lr_ReturnToNurture, bound to opportunity: the "Return to Nurture" command on the open opportunity form.
    /// Runs as the calling rep, so the close honours the rep's privileges. Its parameters are the checklist's
    /// (ReturnToNurtureChecklist), plus the lost status.
    /// </summary>
    public sealed class ReturnToNurtureApi : PluginBase
    {
        public const string UniqueName = "lr_ReturnToNurture";

        private const string LostStatusParameter = "LostStatus";

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
            ReturnToNurtureChecklist.All
                .Select(item => new CustomApiParameter(item.ParameterName, item.ParameterType, item.ShortLabel, item.ParameterDescription, item.IsParameterOptional))
                .Concat(new[]
                {
                    new CustomApiParameter(LostStatusParameter, CustomApiParameterType.Integer, "Lost status", "The opportunity's lost status reason; 4 (Canceled) when omitted.", isOptional: true),
                })
                .ToArray(),
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
            var request = new ReturnToNurtureRequest(target);
            foreach (var item in ReturnToNurtureChecklist.All)
            {
                inputs.TryGetValue(item.ParameterName, out var value);
                request[item] = item.IsChoice ? value as OptionSetValue : (object?)(value as string);
            }

            if (inputs.TryGetValue(LostStatusParameter, out var status) && status is int lostStatus)
            {
                request.LostStatus = lostStatus;
            }

            var recycledLead = ReturnToNurtureService.Execute(context.UserService, request, context.UtcNow);
            context.ExecutionContext.OutputParameters["RecycledLead"] = recycledLead;
        }
    }
}
