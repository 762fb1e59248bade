using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using LeadRecycle.Services.Recycling;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// How an opportunity is closed as lost, and who acts. A loss arrives either as the Lose message or as a
    /// direct Create of an opportunityclose record (the close dialog with custom fields does that; Microsoft
    /// documents that such a create closes the opportunity). Whether Dataverse runs one inside the other is not
    /// documented, so each path acts only when no enclosing operation is the other path: exactly one validation
    /// and one recycled lead either way. Update and SetState cannot set an opportunity to Lost (the platform
    /// refuses and points to Lose), so there is no third path to guard.
    /// </summary>
    internal static class OpportunityLossPaths
    {
        /// <summary>The opportunityclose of this event, or null when another path owns the event or it is a win.</summary>
        public static Entity? LossCloseOf(LocalPluginContext context)
        {
            var message = context.ExecutionContext.MessageName;
            if (message == SdkMessageNames.Lose)
            {
                return context.HasAncestor(SdkMessageNames.Create, OpportunityClose.EntityName)
                    ? null
                    : context.GetInput<Entity>("OpportunityClose");
            }

            if (message == SdkMessageNames.Create
                && !context.HasAncestor(SdkMessageNames.Lose, Opportunity.EntityName)
                && !context.HasAncestor(SdkMessageNames.Win, Opportunity.EntityName))
            {
                var close = context.GetTargetEntity();
                var status = close?.GetAttributeValue<OptionSetValue>(OpportunityClose.OpportunityStatusCode);
                return status != null && status.Value != Opportunity.Status.Won ? close : null;
            }

            return null;
        }
    }

    /// <summary>Refuses a loss without a standardized reason and the checklist its policy requires.</summary>
    public sealed class ValidateOpportunityLoss : PluginBase
    {
        public ValidateOpportunityLoss(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<ValidateOpportunityLoss>(SdkMessageNames.Lose, Opportunity.EntityName, PipelineStage.PreValidation)
                .Describe("Requires a Return-to-Nurture reason and the checklist its policy asks for before an opportunity is lost."),
            PluginStep.For<ValidateOpportunityLoss>(SdkMessageNames.Create, OpportunityClose.EntityName, PipelineStage.PreValidation)
                .Describe("The same rule when the loss is recorded by creating the opportunity close directly."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var close = OpportunityLossPaths.LossCloseOf(context);
            if (close == null)
            {
                return;
            }

            ChecklistValidator.Validate(Checklist.From(close), RecycleContext.Policy(context), CloseKind.OpportunityLoss, RecycleContext.SystemReasonAllowed(context));
        }
    }

    /// <summary>Creates the Recycled Lead for a lost opportunity, in the same transaction as the close.</summary>
    public sealed class RecycleLostOpportunity : PluginBase
    {
        private static readonly string[] OpportunityColumns =
        {
            Opportunity.Name, Opportunity.Customer, Opportunity.ParentAccount, Opportunity.ParentContact,
            Opportunity.OriginatingLead, Opportunity.EstimatedValue, Opportunity.SalesStage, Opportunity.StepName,
            Opportunity.StageEnteredOn, Opportunity.StageKey, Opportunity.RecycleCount, CommonColumns.OwnerId, CommonColumns.StateCode,
        };

        public RecycleLostOpportunity(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<RecycleLostOpportunity>(SdkMessageNames.Lose, Opportunity.EntityName, PipelineStage.PostOperation)
                .Describe("Hands the lost opportunity to marketing as a Recycled Lead, with the checklist."),
            PluginStep.For<RecycleLostOpportunity>(SdkMessageNames.Create, OpportunityClose.EntityName, PipelineStage.PostOperation)
                .Describe("The same when the loss is recorded by creating the opportunity close directly."),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var close = OpportunityLossPaths.LossCloseOf(context);
            var opportunityReference = close?.GetAttributeValue<EntityReference>(OpportunityClose.Opportunity);
            if (close == null || opportunityReference == null)
            {
                return;
            }

            var policy = RecycleContext.Policy(context);
            var checklist = Checklist.From(close);
            var reasonPolicy = ChecklistValidator.Validate(checklist, policy, CloseKind.OpportunityLoss, RecycleContext.SystemReasonAllowed(context));

            // Lose offers no entity images, so the opportunity is read once, after the close.
            var opportunity = context.SystemService.Retrieve(Opportunity.EntityName, opportunityReference.Id, new ColumnSet(OpportunityColumns));
            if (opportunity.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode)?.Value != Opportunity.State.Lost)
            {
                context.Trace("Opportunity {0} is not lost after this close; nothing to recycle.", opportunityReference.Id);
                return;
            }

            var now = RecycleContext.UtcNow(context);
            var source = RecycleSources.FromOpportunity(opportunity);
            var id = RecycleService.Recycle(context.SystemService, source, checklist, reasonPolicy, policy, RecycleContext.TypeFor(reasonPolicy), now, context.ExecutionContext.InitiatingUserId);
            context.Trace("Recycled opportunity {0} as recycled lead {1} ({2}).", opportunityReference.Id, id, reasonPolicy.Reason);

            // A rep's loss ends the stay in the stage like any exit. A stall-scan close does not count: those
            // stays are the outliers being measured, and counting them would raise the very threshold they broke.
            if (reasonPolicy.Reason != DisqualificationReason.StalledInStage)
            {
                StageExit.Record(context, opportunity, now);
            }
        }
    }
}
