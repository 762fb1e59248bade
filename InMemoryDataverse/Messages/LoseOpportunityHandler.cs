using LeadRecycle.InMemoryDataverse.Pipeline;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Messages
{
    /// <summary>LoseOpportunityRequest ("LoseOpportunity"): the pipeline message is "Lose"; the deal closes as Lost.</summary>
    internal sealed class LoseOpportunityHandler : OpportunityCloseHandler
    {
        public LoseOpportunityHandler()
            : base("Lose", "LoseOpportunity", OpportunityRules.Lost)
        {
        }

        public override OrganizationResponse CreateResponse(OperationState op) => new LoseOpportunityResponse();
    }
}
