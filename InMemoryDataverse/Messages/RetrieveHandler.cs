using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.InMemoryDataverse.Query;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.InMemoryDataverse.Messages
{
    /// <summary>Retrieve: Target (EntityReference, by id or alternate key) and ColumnSet in, "Entity" out; needs Read on the record.</summary>
    internal sealed class RetrieveHandler : MessageHandler
    {
        public RetrieveHandler()
            : base("Retrieve")
        {
        }

        public override bool Writes => false;

        public override void ResolvePrimaryEntity(OperationState op) => ResolveReference(op, Required<EntityReference>(op, "Target"));

        public override void Authorize(OperationState op) => op.Organization.DemandOnPrimary(op, AccessRights.ReadAccess);

        public override void Execute(OperationState op)
        {
            var organization = op.Organization;
            var schema = organization.SchemaOf(op.PrimaryEntityName);
            var columns = op.InputParameters.TryGetValue("ColumnSet", out var value) ? value as ColumnSet : null;
            if (columns == null)
            {
                throw Faults.InvalidArgument("Required field 'ColumnSet' is missing");
            }

            if (!columns.AllColumns)
            {
                foreach (var column in columns.Columns)
                {
                    schema.GetColumn(column);
                }
            }

            if (!organization.Store.Table(schema).TryGetRow(op.PrimaryEntityId, out var row))
            {
                throw Faults.DoesNotExist(schema.LogicalName, op.PrimaryEntityId);
            }

            op.Result = QueryEngine.Project(row, schema.LogicalName, columns, schema.PrimaryIdColumn, organization.PrimaryNames);
            if (op.HasSteps)
            {
                op.OutputParameters["BusinessEntity"] = op.Result;
            }
        }

        public override OrganizationResponse CreateResponse(OperationState op)
        {
            var response = new RetrieveResponse();
            response.Results["Entity"] = op.Result;
            return response;
        }
    }
}
