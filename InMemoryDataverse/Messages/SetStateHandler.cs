using System.Globalization;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Messages
{
    /// <summary>
    /// SetState: EntityMoniker (EntityReference), State and Status (OptionSetValue; Status -1: the state's default);
    /// needs Write on the record ("SetState message privileges"). An opportunity cannot be set to Won or Lost this way,
    /// and reopening one cancels its closes.
    /// </summary>
    internal class SetStateHandler : MessageHandler
    {
        public SetStateHandler()
            : this("SetState")
        {
        }

        protected SetStateHandler(string messageName)
            : base(messageName)
        {
        }

        public override void ResolvePrimaryEntity(OperationState op) => ResolveReference(op, Required<EntityReference>(op, "EntityMoniker"));

        public override void Authorize(OperationState op) => op.Organization.DemandOnPrimary(op, AccessRights.WriteAccess);

        public override void Execute(OperationState op)
        {
            var organization = op.Organization;
            var state = Required<OptionSetValue>(op, "State");
            var status = Required<OptionSetValue>(op, "Status");
            var schema = organization.SchemaOf(op.PrimaryEntityName);
            if (schema.StateChoice == null)
            {
                throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture, "The entity {0} has no state.", schema.LogicalName));
            }

            if (schema.LogicalName == OpportunityRules.Opportunity)
            {
                OpportunityRules.RefuseClosingThroughStateChange(state.Value);
            }

            Validator.ValidateValue(schema, schema.GetColumn("statecode"), state, null);
            var changes = new Entity(schema.LogicalName, op.PrimaryEntityId) { ["statecode"] = new OptionSetValue(state.Value) };
            if (status.Value != -1)
            {
                Validator.ValidateValue(schema, schema.GetColumn("statuscode"), status, null);
                changes["statuscode"] = new OptionSetValue(status.Value);
            }

            var table = organization.Store.Table(schema);
            var existing = table.Get(op.PrimaryEntityId);
            var currentState = RowWrites.StateOf(existing);
            var row = Values.CopyEntity(existing);
            RowWrites.ApplyState(schema, row, changes, currentState ?? schema.DefaultState);
            RowWrites.StampModified(schema, row, op);
            organization.Store.Write(table, row);
            OpportunityRules.CancelClosesOnReopen(schema.LogicalName, currentState, state.Value, existing.Id, op);
        }

        public override OrganizationResponse CreateResponse(OperationState op) => new SetStateResponse();
    }
}
