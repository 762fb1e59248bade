using System;
using System.Globalization;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Messages
{
    /// <summary>
    /// WinOpportunity and LoseOpportunity: OpportunityClose (an opportunityclose pointing at the deal) and Status in;
    /// the primary entity is the opportunity. They create a completed opportunityclose and close the deal (state,
    /// status, actualclosedate, actualvalue). "LoseOpportunity message privileges": prvAppendActivity,
    /// prvAppendToOpportunity, prvCreateActivity, prvWriteOpportunity.
    /// </summary>
    internal abstract class OpportunityCloseHandler : MessageHandler
    {
        private readonly int _closedState;

        protected OpportunityCloseHandler(string messageName, string requestName, int closedState)
            : base(messageName, requestName)
        {
            _closedState = closedState;
        }

        public override void ResolvePrimaryEntity(OperationState op)
        {
            var close = Required<Entity>(op, "OpportunityClose");
            var schema = op.Organization.SchemaOf(OpportunityRules.Opportunity);
            op.PrimaryEntityName = schema.LogicalName;
            if (!(close.Attributes.TryGetValue("opportunityid", out var value) && value is EntityReference opportunity))
            {
                throw Faults.InvalidArgument("The OpportunityClose entity must have opportunityid set to the opportunity being closed.");
            }

            op.PrimaryEntityId = ExistingId(op.Organization, schema, opportunity.Id);
        }

        public override void Authorize(OperationState op)
        {
            // The close's lookup to the deal is where Append / AppendTo come from.
            var organization = op.Organization;
            organization.DemandOnPrimary(op, AccessRights.WriteAccess);
            var close = (Entity)op.InputParameters["OpportunityClose"];
            var closeSchema = organization.SchemaOf(close.LogicalName);
            organization.Access.DemandPrivilege(op.UserId, closeSchema.Metadata, AccessRights.CreateAccess);
            organization.DemandLookups(op.UserId, closeSchema, close, existing: null);
        }

        public override void Execute(OperationState op)
        {
            var organization = op.Organization;
            var store = organization.Store;
            var close = Required<Entity>(op, "OpportunityClose");
            var status = Required<OptionSetValue>(op, "Status");
            var opportunitySchema = organization.SchemaOf(OpportunityRules.Opportunity);
            var opportunities = store.Table(opportunitySchema);
            if (!opportunities.TryGet(op.PrimaryEntityId, out var opportunity))
            {
                throw Faults.DoesNotExist(OpportunityRules.Opportunity, op.PrimaryEntityId);
            }

            var currentState = RowWrites.StateOf(opportunity) ?? OpportunityRules.Open;
            if (currentState != OpportunityRules.Open)
            {
                throw new DataverseFaultException(DataverseErrorCodes.InvalidStateCodeStatusCode, string.Format(CultureInfo.InvariantCulture,
                    "The opportunity cannot be closed because it is not open: it is {0}.", RowWrites.StateLabel(opportunitySchema, currentState)));
            }

            if (opportunitySchema.StateOfStatus(status.Value) != _closedState)
            {
                throw new DataverseFaultException(DataverseErrorCodes.InvalidStateCodeStatusCode, string.Format(CultureInfo.InvariantCulture,
                    "{0} is not a valid status code for state code opportunityState.{1} on opportunity with Id {2}.",
                    status.Value, RowWrites.StateLabel(opportunitySchema, _closedState), op.PrimaryEntityId));
            }

            var closeSchema = organization.SchemaOf(OpportunityRules.OpportunityClose);
            var closes = store.Table(closeSchema);
            Validator.ValidateAttributes(closeSchema, close, organization.LookupExists);
            var closeId = close.Id != Guid.Empty ? close.Id : organization.NewId();
            var closeRow = new Entity(OpportunityRules.OpportunityClose, closeId);
            foreach (var attribute in close.Attributes)
            {
                if (attribute.Value != null && attribute.Key != "statecode" && attribute.Key != "statuscode")
                {
                    closeRow.Attributes[attribute.Key] = Values.Copy(attribute.Value);
                }
            }

            closeRow.Attributes[closeSchema.PrimaryIdColumn] = closeId;
            if (!closeRow.Attributes.ContainsKey("actualend"))
            {
                closeRow.Attributes["actualend"] = op.CreatedOn.Date;
            }

            if (closeSchema.HasColumn("opportunitystatecode"))
            {
                closeRow.Attributes["opportunitystatecode"] = new OptionSetValue(_closedState);
            }

            if (closeSchema.HasColumn("opportunitystatuscode"))
            {
                closeRow.Attributes["opportunitystatuscode"] = new OptionSetValue(status.Value);
            }

            RowWrites.StampCreated(closeSchema, closeRow, op);
            closeRow.Attributes["statecode"] = new OptionSetValue(1);
            closeRow.Attributes["statuscode"] = new OptionSetValue(2);
            store.Write(closes, closeRow);

            var row = Values.CopyEntity(opportunity);
            row.Attributes["statecode"] = new OptionSetValue(_closedState);
            row.Attributes["statuscode"] = new OptionSetValue(status.Value);
            row.Attributes["actualclosedate"] = ((DateTime)closeRow.Attributes["actualend"]!).Date;
            if (closeRow.Attributes.TryGetValue("actualrevenue", out var revenue) && revenue != null)
            {
                row.Attributes["actualvalue"] = Values.Copy(revenue);
            }
            else if (_closedState == OpportunityRules.Won && opportunity.Attributes.TryGetValue("estimatedvalue", out var estimate) && estimate != null)
            {
                row.Attributes["actualvalue"] = Values.Copy(estimate);
            }

            RowWrites.StampModified(opportunitySchema, row, op);
            store.Write(opportunities, row);
        }
    }
}
