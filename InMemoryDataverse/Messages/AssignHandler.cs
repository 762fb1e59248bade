using System.Globalization;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Messages
{
    /// <summary>Assign: Target (EntityReference) and Assignee (a user or team); needs Assign on the record. The owning business unit follows the new owner.</summary>
    internal sealed class AssignHandler : MessageHandler
    {
        public AssignHandler()
            : base("Assign")
        {
        }

        public override void ResolvePrimaryEntity(OperationState op) => ResolveReference(op, Required<EntityReference>(op, "Target"));

        public override void Authorize(OperationState op) => op.Organization.DemandOnPrimary(op, AccessRights.AssignAccess);

        public override void Execute(OperationState op)
        {
            var organization = op.Organization;
            var assignee = Required<EntityReference>(op, "Assignee");
            var schema = organization.SchemaOf(op.PrimaryEntityName);
            if (!schema.HasOwner)
            {
                throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture, "The entity {0} is not user or team owned and cannot be assigned.", schema.LogicalName));
            }

            Validator.ValidateValue(schema, schema.GetColumn("ownerid"), assignee, organization.LookupExists);
            var table = organization.Store.Table(schema);
            var existing = table.Get(op.PrimaryEntityId);
            var row = Values.CopyEntity(existing);
            row.Attributes["ownerid"] = new EntityReference(assignee.LogicalName, assignee.Id);
            if (schema.HasOwningBusinessUnit)
            {
                row.Attributes["owningbusinessunit"] = organization.BusinessUnitReference(organization.BusinessUnitOfPrincipal(assignee));
            }

            RowWrites.StampModified(schema, row, op);
            organization.Store.Write(table, row);
        }

        public override OrganizationResponse CreateResponse(OperationState op) => new AssignResponse();
    }
}
