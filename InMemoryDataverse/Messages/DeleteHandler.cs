using LeadRecycle.InMemoryDataverse.Pipeline;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace LeadRecycle.InMemoryDataverse.Messages
{
    /// <summary>Delete: Target (EntityReference); needs Delete on the record. Cascades are not emulated.</summary>
    internal sealed class DeleteHandler : MessageHandler
    {
        public DeleteHandler()
            : base("Delete")
        {
        }

        public override void ResolvePrimaryEntity(OperationState op) => ResolveReference(op, Required<EntityReference>(op, "Target"));

        public override void Authorize(OperationState op) => op.Organization.DemandOnPrimary(op, AccessRights.DeleteAccess);

        public override void Execute(OperationState op)
        {
            var store = op.Organization.Store;
            var schema = op.Organization.SchemaOf(op.PrimaryEntityName);
            var table = store.Table(schema);
            if (!table.Contains(op.PrimaryEntityId))
            {
                throw Faults.DoesNotExist(schema.LogicalName, op.PrimaryEntityId);
            }

            store.Remove(table, op.PrimaryEntityId);
        }

        public override OrganizationResponse CreateResponse(OperationState op) => new DeleteResponse();
    }
}
