using LeadRecycle.InMemoryDataverse.Pipeline;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Messages
{
    /// <summary>GrantAccess: Target (EntityReference) and PrincipalAccess (a user or team and its rights); needs Share on the record.</summary>
    internal sealed class GrantAccessHandler : MessageHandler
    {
        public GrantAccessHandler()
            : base("GrantAccess")
        {
        }

        public override void ResolvePrimaryEntity(OperationState op) => ResolveReference(op, Required<EntityReference>(op, "Target"));

        public override void Authorize(OperationState op) => op.Organization.DemandOnPrimary(op, AccessRights.ShareAccess);

        public override void Execute(OperationState op)
        {
            var organization = op.Organization;
            var access = Required<PrincipalAccess>(op, "PrincipalAccess");
            if (access.Principal == null || (access.Principal.LogicalName != "systemuser" && access.Principal.LogicalName != "team"))
            {
                throw Faults.InvalidArgument("GrantAccess needs a principal that is a systemuser or a team.");
            }

            if (organization.LookupExists != null && !organization.LookupExists(access.Principal.LogicalName, access.Principal.Id))
            {
                throw Faults.DoesNotExist(access.Principal.LogicalName, access.Principal.Id);
            }

            organization.Shares.Grant(new EntityReference(op.PrimaryEntityName, op.PrimaryEntityId), access.Principal, access.AccessMask, organization.Store);
        }

        public override OrganizationResponse CreateResponse(OperationState op) => new GrantAccessResponse();
    }
}
