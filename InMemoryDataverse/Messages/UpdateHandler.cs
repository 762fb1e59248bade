using System;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace LeadRecycle.InMemoryDataverse.Messages
{
    /// <summary>
    /// Update: Target (Entity, by id or alternate key); needs Write, Assign when the owner changes, Append/AppendTo
    /// for the lookups it sets. Steps filter on their filtering attributes, and a Target mixing state/status with other
    /// columns is split into two passes (InMemoryOrganization.SpecialUpdate.cs).
    /// </summary>
    internal sealed class UpdateHandler : MessageHandler
    {
        private static readonly string[] StateColumns = { "statecode", "statuscode" };

        public UpdateHandler()
            : base("Update")
        {
        }

        public override bool FiltersOnColumns => true;

        public override void ResolvePrimaryEntity(OperationState op)
        {
            var organization = op.Organization;
            var target = TargetEntity(op, out var schema);
            if (target.Id == Guid.Empty && target.KeyAttributes != null && target.KeyAttributes.Count > 0)
            {
                target.Id = FindByKey(organization, schema, target.KeyAttributes);
            }

            op.PrimaryEntityId = ExistingId(organization, schema, target.Id);
        }

        public override void ValidateBeforePreValidation(OperationState op) => ValidateTargetColumns(op);

        public override void Authorize(OperationState op)
        {
            var organization = op.Organization;
            var user = op.UserId;
            var target = (Entity)op.InputParameters["Target"];
            var schema = organization.SchemaOf(op.PrimaryEntityName);
            var existing = PrimaryRow(op);
            organization.Access.DemandAccess(user, schema.Metadata, existing, AccessRights.WriteAccess);
            if (target.Attributes.TryGetValue("ownerid", out var owner) && owner is EntityReference ownerReference
                && !(existing.GetAttributeValue<EntityReference>("ownerid") is { } current && current.Id == ownerReference.Id))
            {
                organization.Access.DemandAccess(user, schema.Metadata, existing, AccessRights.AssignAccess);
            }

            organization.DemandLookups(user, schema, target, existing);
        }

        public override void Execute(OperationState op)
        {
            var organization = op.Organization;
            var target = Required<Entity>(op, "Target");
            var schema = organization.SchemaOf(target.LogicalName);
            var table = organization.Store.Table(schema);
            Validator.ValidateAttributes(schema, target, organization.LookupExists);
            if (!table.TryGet(op.PrimaryEntityId, out var existing))
            {
                throw Faults.DoesNotExist(schema.LogicalName, op.PrimaryEntityId);
            }

            var currentState = RowWrites.StateOf(existing);

            // The table built the existing row for this reader alone: it becomes the new version (its values are the
            // stored ones, never changed in place, so the previous version keeps them).
            var row = existing;

            foreach (var attribute in target.Attributes)
            {
                if (attribute.Key == schema.PrimaryIdColumn)
                {
                    continue;
                }

                if (attribute.Value == null)
                {
                    row.Attributes.Remove(attribute.Key);
                }
                else
                {
                    row.Attributes[attribute.Key] = op.HasSteps ? Values.Copy(attribute.Value) : attribute.Value;
                }
            }

            if (schema.HasOwningBusinessUnit && target.Attributes.TryGetValue("ownerid", out var newOwner) && newOwner is EntityReference ownerReference)
            {
                row.Attributes["owningbusinessunit"] = organization.BusinessUnitReference(organization.BusinessUnitOfPrincipal(ownerReference));
            }

            RowWrites.ApplyState(schema, row, target, currentState ?? schema.DefaultState);
            var newState = RowWrites.StateOf(row);
            if (schema.LogicalName == OpportunityRules.Opportunity && newState != currentState)
            {
                OpportunityRules.RefuseClosingThroughStateChange(newState);
            }

            RowWrites.ComposeFullName(schema, row, target);
            RowWrites.StampModified(schema, row, op);
            organization.Store.Write(table, row);
            OpportunityRules.CancelClosesOnReopen(schema.LogicalName, currentState, newState, row.Id, op);
        }

        public override OrganizationResponse CreateResponse(OperationState op) => new UpdateResponse();

        /// <summary>
        /// Microsoft Learn, "Behavior of specialized update operations": steps on Update in PreOperation and/or
        /// PostOperation "execute once for all non-state/status fields, and then once for the state/status fields" when
        /// the Target carries both.
        /// </summary>
        public override bool TrySplit(OperationState op, out Entity firstPassTarget, out Entity secondPassTarget)
        {
            if (!(op.InputParameters["Target"] is Entity target))
            {
                return base.TrySplit(op, out firstPassTarget, out secondPassTarget);
            }

            var primaryIdColumn = op.Organization.SchemaOf(target.LogicalName).PrimaryIdColumn;
            firstPassTarget = new Entity(target.LogicalName, target.Id);
            secondPassTarget = new Entity(target.LogicalName, target.Id);
            var hasOther = false;
            foreach (var attribute in target.Attributes)
            {
                if (Array.IndexOf(StateColumns, attribute.Key) >= 0)
                {
                    secondPassTarget.Attributes[attribute.Key] = attribute.Value;
                }
                else
                {
                    firstPassTarget.Attributes[attribute.Key] = attribute.Value;
                    hasOther |= attribute.Key != primaryIdColumn;
                }
            }

            return hasOther && secondPassTarget.Attributes.Count > 0;
        }
    }
}
