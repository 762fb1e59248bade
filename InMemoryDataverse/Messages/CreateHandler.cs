using System;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace LeadRecycle.InMemoryDataverse.Messages
{
    /// <summary>Create: Target (Entity) in, "id" out; needs Create, Assign for a record created for someone else, and Append/AppendTo for its lookups.</summary>
    internal sealed class CreateHandler : MessageHandler
    {
        public CreateHandler()
            : base("Create")
        {
        }

        public override bool HasPreImage => false;

        public override void ResolvePrimaryEntity(OperationState op) => op.PrimaryEntityId = TargetEntity(op, out _).Id;

        public override void ValidateBeforePreValidation(OperationState op) => ValidateTargetColumns(op);

        public override void Authorize(OperationState op)
        {
            var access = op.Organization.Access;
            var user = op.UserId;
            var target = (Entity)op.InputParameters["Target"];
            var schema = op.Organization.SchemaOf(target.LogicalName);
            access.DemandPrivilege(user, schema.Metadata, AccessRights.CreateAccess);
            if (schema.HasOwner && target.Attributes.TryGetValue("ownerid", out var owner) && owner is EntityReference ownerReference
                && ownerReference.Id != user)
            {
                // A record created for someone else is assigned to them: that needs Assign.
                access.DemandPrivilege(user, schema.Metadata, AccessRights.AssignAccess);
            }

            op.Organization.DemandLookups(user, schema, target, existing: null);
        }

        public override void Execute(OperationState op)
        {
            var organization = op.Organization;
            var target = Required<Entity>(op, "Target");
            var schema = organization.SchemaOf(target.LogicalName);
            var table = organization.Store.Table(schema);
            Validator.ValidateAttributes(schema, target, organization.LookupExists);
            var id = target.Id != Guid.Empty ? target.Id : organization.NewId();
            if (table.Contains(id))
            {
                throw new DataverseFaultException(DataverseErrorCodes.DuplicateRecord, "Cannot insert duplicate key.");
            }

            Entity row;
            if (!op.HasSteps)
            {
                // No plug-in can hold the Target: the organization's own copy becomes the row.
                row = target;
                row.Id = id;
                row.KeyAttributes?.Clear();
                RowWrites.RemoveNulls(row);
            }
            else
            {
                row = new Entity(schema.LogicalName, id);
                foreach (var attribute in target.Attributes)
                {
                    if (attribute.Value != null)
                    {
                        row.Attributes[attribute.Key] = Values.Copy(attribute.Value);
                    }
                }
            }

            row.Attributes[schema.PrimaryIdColumn] = id;
            RowWrites.StampCreated(schema, row, op);
            RowWrites.ApplyState(schema, row, target, currentState: null);
            RowWrites.ComposeFullName(schema, row, target);
            organization.Store.Write(table, row);
            target.Id = id;
            op.PrimaryEntityId = id;
            op.CreatedId = id;
            if (op.HasSteps)
            {
                op.OutputParameters["id"] = id;
            }
        }

        public override OrganizationResponse CreateResponse(OperationState op)
        {
            var response = new CreateResponse();
            response.Results["id"] = op.CreatedId;
            return response;
        }
    }
}
