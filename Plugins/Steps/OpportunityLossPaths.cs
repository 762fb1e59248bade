using LeadRecycle.Framework;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;

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
}
