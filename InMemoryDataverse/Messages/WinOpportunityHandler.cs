using LeadRecycle.InMemoryDataverse.Pipeline;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Messages
{
    /// <summary>WinOpportunityRequest ("WinOpportunity"): the pipeline message is "Win"; the deal closes as Won.</summary>
    internal sealed class WinOpportunityHandler : OpportunityCloseHandler
    {
        public WinOpportunityHandler()
            : base("Win", "WinOpportunity", OpportunityRules.Won)
        {
        }

        public override OrganizationResponse CreateResponse(OperationState op) => new WinOpportunityResponse();
    }
}
