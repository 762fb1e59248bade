using LeadRecycle.InMemoryDataverse.Pipeline;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Messages
{
    /// <summary>WhoAmI: no input; UserId, BusinessUnitId and OrganizationId out. No record, no privilege.</summary>
    internal sealed class WhoAmIHandler : MessageHandler
    {
        public WhoAmIHandler()
            : base("WhoAmI")
        {
        }

        public override bool Writes => false;

        public override void ResolvePrimaryEntity(OperationState op)
        {
        }

        public override void Authorize(OperationState op)
        {
        }

        public override void Execute(OperationState op)
        {
            op.OutputParameters["UserId"] = op.UserId;
            op.OutputParameters["BusinessUnitId"] = op.BusinessUnitId;
            op.OutputParameters["OrganizationId"] = op.Organization.OrganizationId;
        }

        public override OrganizationResponse CreateResponse(OperationState op)
        {
            var response = new WhoAmIResponse();
            CopyOutputs(op, response);
            return response;
        }
    }
}
