using System;
using System.Collections.Generic;
using System.Globalization;
using LeadRecycle.Framework;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.InMemoryDataverse.Query;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.InMemoryDataverse
{
    // The core (stage 30) operation of each supported message.
    public sealed partial class InMemoryOrganization
    {
        private const string Opportunity = "opportunity";
        private const string OpportunityClose = "opportunityclose";
        private const int OpportunityOpen = 0;
        private const int OpportunityWon = 1;
        private const int OpportunityLost = 2;

        internal enum MessageKind
        {
            Create,
            Update,
            Delete,
            Retrieve,
            RetrieveMultiple,
            Lose,
            Win,
            SetState,
            Assign,
            GrantAccess,
            WhoAmI,
            CustomApi,
        }

        private MessageKind KindOf(string requestName, out string messageName)
        {
            messageName = requestName;
            switch (requestName)
            {
                case "Create":
                    return MessageKind.Create;
                case "Update":
                    return MessageKind.Update;
                case "Delete":
                    return MessageKind.Delete;
                case "Retrieve":
                    return MessageKind.Retrieve;
                case "RetrieveMultiple":
                    return MessageKind.RetrieveMultiple;
                case "LoseOpportunity":
                case "Lose":
                    messageName = SdkMessageNames.Lose;
                    return MessageKind.Lose;
                case "WinOpportunity":
                case "Win":
                    messageName = SdkMessageNames.Win;
                    return MessageKind.Win;
                case "SetState":
                    return MessageKind.SetState;
                case "Assign":
                    return MessageKind.Assign;
                case "GrantAccess":
                    return MessageKind.GrantAccess;
                case "WhoAmI":
                    return MessageKind.WhoAmI;
                default:
                    if (_customApis.ContainsKey(requestName))
                    {
                        return MessageKind.CustomApi;
                    }

                    throw new DataverseFaultException(DataverseErrorCodes.UnrecognizedRequest, string.Format(CultureInfo.InvariantCulture,
                        "Unrecognized request name: {0}. The in-memory Dataverse supports Create, Retrieve, Update, Delete, RetrieveMultiple, LoseOpportunity, WinOpportunity, SetState, Assign, GrantAccess, WhoAmI and registered Custom APIs.",
                        requestName));
            }
        }

        private void ResolvePrimary(OperationState op, MessageKind kind)
        {
            switch (kind)
            {
                case MessageKind.Create:
                {
                    var target = Required<Entity>(op, "Target");
                    var schema = SchemaOf(target.LogicalName);
                    op.PrimaryEntityName = schema.LogicalName;
                    if (target.Id == Guid.Empty && target.Attributes.TryGetValue(schema.PrimaryIdColumn, out var idValue) && idValue is Guid givenId)
                    {
                        target.Id = givenId;
                    }

                    op.PrimaryEntityId = target.Id;
                    break;
                }

                case MessageKind.Update:
                {
                    var target = Required<Entity>(op, "Target");
                    var schema = SchemaOf(target.LogicalName);
                    op.PrimaryEntityName = schema.LogicalName;
                    if (target.Id == Guid.Empty && target.Attributes.TryGetValue(schema.PrimaryIdColumn, out var idValue) && idValue is Guid givenId)
                    {
                        target.Id = givenId;
                    }

                    if (target.Id == Guid.Empty && target.KeyAttributes != null && target.KeyAttributes.Count > 0)
                    {
                        target.Id = _store.Table(schema).FindByKey(target.KeyAttributes)
                            ?? throw new DataverseFaultException(DataverseErrorCodes.ObjectDoesNotExist, string.Format(CultureInfo.InvariantCulture,
                                "A record with the specified key values does not exist in {0} entity", schema.LogicalName));
                    }

                    op.PrimaryEntityId = ExistingId(schema, target.Id);
                    break;
                }

                case MessageKind.Delete:
                case MessageKind.Retrieve:
                case MessageKind.Assign:
                case MessageKind.GrantAccess:
                    ResolveReference(op, Required<EntityReference>(op, "Target"));
                    break;
                case MessageKind.SetState:
                    ResolveReference(op, Required<EntityReference>(op, "EntityMoniker"));
                    break;
                case MessageKind.RetrieveMultiple:
                    op.PrimaryEntityName = SchemaOf(QueryOf(op).EntityName).LogicalName;
                    break;
                case MessageKind.Lose:
                case MessageKind.Win:
                {
                    var close = Required<Entity>(op, "OpportunityClose");
                    op.PrimaryEntityName = SchemaOf(Opportunity).LogicalName;
                    if (close.Attributes.TryGetValue("opportunityid", out var value) && value is EntityReference opportunity)
                    {
                        op.PrimaryEntityId = ExistingId(SchemaOf(Opportunity), opportunity.Id);
                    }
                    else
                    {
                        throw Faults.InvalidArgument("The OpportunityClose entity must have opportunityid set to the opportunity being closed.");
                    }

                    break;
                }

                case MessageKind.CustomApi:
                    if (op.InputParameters.TryGetValue("Target", out var bound) && bound is EntityReference boundTo)
                    {
                        ResolveReference(op, boundTo);
                    }

                    break;
            }
        }

        private void ResolveReference(OperationState op, EntityReference reference)
        {
            var schema = SchemaOf(reference.LogicalName);
            op.PrimaryEntityName = schema.LogicalName;
            var id = reference.Id;
            if (id == Guid.Empty && reference.KeyAttributes != null && reference.KeyAttributes.Count > 0)
            {
                id = _store.Table(schema).FindByKey(reference.KeyAttributes)
                    ?? throw new DataverseFaultException(DataverseErrorCodes.ObjectDoesNotExist, string.Format(CultureInfo.InvariantCulture,
                        "A record with the specified key values does not exist in {0} entity", schema.LogicalName));
                reference.Id = id;
            }

            op.PrimaryEntityId = ExistingId(schema, id);
        }

        private Guid ExistingId(TableSchema schema, Guid id)
        {
            if (!_store.Table(schema).Rows.ContainsKey(id))
            {
                throw Faults.DoesNotExist(schema.LogicalName, id);
            }

            return id;
        }

        /// <summary>With steps registered, the Target is checked before PreValidation too (a plug-in never sees an unknown column).</summary>
        private void ValidateEarly(OperationState op, MessageKind kind)
        {
            if ((kind == MessageKind.Create || kind == MessageKind.Update) && op.InputParameters["Target"] is Entity target)
            {
                Validator.ValidateAttributes(SchemaOf(target.LogicalName), target, null);
            }
        }

        private void Core(OperationState op, MessageKind kind)
        {
            switch (kind)
            {
                case MessageKind.Create:
                    CoreCreate(op);
                    break;
                case MessageKind.Update:
                    CoreUpdate(op);
                    break;
                case MessageKind.Delete:
                    CoreDelete(op);
                    break;
                case MessageKind.Retrieve:
                    CoreRetrieve(op);
                    break;
                case MessageKind.RetrieveMultiple:
                    op.Result = _queries.Execute(QueryOf(op), op.UserId, op.ReadFilter);
                    if (op.HasSteps)
                    {
                        op.OutputParameters["BusinessEntityCollection"] = op.Result;
                    }

                    break;
                case MessageKind.Lose:
                case MessageKind.Win:
                    CoreClose(op, kind == MessageKind.Win);
                    break;
                case MessageKind.SetState:
                    CoreSetState(op);
                    break;
                case MessageKind.Assign:
                    CoreAssign(op);
                    break;
                case MessageKind.GrantAccess:
                    CoreGrantAccess(op);
                    break;
                case MessageKind.WhoAmI:
                    op.OutputParameters["UserId"] = op.UserId;
                    op.OutputParameters["BusinessUnitId"] = op.BusinessUnitId;
                    op.OutputParameters["OrganizationId"] = OrganizationId;
                    break;
                case MessageKind.CustomApi:
                    var entry = _customApis[op.MessageName];
                    var context = new PluginExecutionContext(op, MainOperationStage, (int)ExecutionMode.Synchronous, _store.Current != null, op.UserId);
                    Invoke(entry, context);
                    break;
            }
        }

        private OrganizationResponse BuildResponse(OperationState op, MessageKind kind)
        {
            OrganizationResponse response;
            switch (kind)
            {
                case MessageKind.Create:
                    response = new CreateResponse();
                    response.Results["id"] = op.CreatedId;
                    return response;
                case MessageKind.Update:
                    return new UpdateResponse();
                case MessageKind.Delete:
                    return new DeleteResponse();
                case MessageKind.Retrieve:
                    response = new RetrieveResponse();
                    response.Results["Entity"] = op.Result;
                    return response;
                case MessageKind.RetrieveMultiple:
                    response = new RetrieveMultipleResponse();
                    response.Results["EntityCollection"] = op.Result;
                    return response;
                case MessageKind.Lose:
                    return new LoseOpportunityResponse();
                case MessageKind.Win:
                    return new WinOpportunityResponse();
                case MessageKind.SetState:
                    return new SetStateResponse();
                case MessageKind.Assign:
                    return new AssignResponse();
                case MessageKind.GrantAccess:
                    return new GrantAccessResponse();
                case MessageKind.WhoAmI:
                    response = new WhoAmIResponse();
                    break;
                default:
                    response = new OrganizationResponse { ResponseName = op.RequestName };
                    break;
            }

            foreach (var output in op.OutputParameters)
            {
                response.Results[output.Key] = output.Value;
            }

            return response;
        }

        private void CoreCreate(OperationState op)
        {
            var target = Required<Entity>(op, "Target");
            var schema = SchemaOf(target.LogicalName);
            var table = _store.Table(schema);
            Validator.ValidateAttributes(schema, target, _lookupExists);
            var id = target.Id != Guid.Empty ? target.Id : NewId();
            if (table.Rows.ContainsKey(id))
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
                RemoveNulls(row);
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
            StampCreated(schema, row, op);
            ApplyState(schema, row, target, currentState: null);
            ComposeFullName(schema, row, target);
            _store.Insert(table, row);
            target.Id = id;
            op.PrimaryEntityId = id;
            op.CreatedId = id;
            if (op.HasSteps)
            {
                op.OutputParameters["id"] = id;
            }
        }

        private static void RemoveNulls(Entity row)
        {
            List<string>? nulls = null;
            foreach (var attribute in row.Attributes)
            {
                if (attribute.Value == null)
                {
                    (nulls ??= new List<string>()).Add(attribute.Key);
                }
            }

            if (nulls != null)
            {
                foreach (var key in nulls)
                {
                    row.Attributes.Remove(key);
                }
            }
        }

        private void StampCreated(TableSchema schema, Entity row, OperationState op)
        {
            object now = op.CreatedOn;
            var user = UserReference(op.UserId);
            if (schema.HasCreatedOn)
            {
                row.Attributes["createdon"] = now;
            }

            if (schema.HasModifiedOn)
            {
                row.Attributes["modifiedon"] = now;
            }

            if (schema.HasCreatedBy)
            {
                row.Attributes["createdby"] = user;
            }

            if (schema.HasModifiedBy)
            {
                row.Attributes["modifiedby"] = user;
            }

            if (schema.HasOwner && !row.Attributes.ContainsKey("ownerid"))
            {
                row.Attributes["ownerid"] = user;
            }

            if (schema.HasOwningBusinessUnit)
            {
                // Dataverse sets the owning business unit to the owner's (a user's or a team's), not the caller's.
                var owner = row.Attributes.TryGetValue("ownerid", out var ownerValue) ? ownerValue as EntityReference : null;
                row.Attributes["owningbusinessunit"] = BusinessUnitReference(owner != null ? BusinessUnitOfPrincipal(owner) : op.BusinessUnitId);
            }
        }

        private void StampModified(TableSchema schema, Entity row, OperationState op)
        {
            if (schema.HasModifiedOn)
            {
                row.Attributes["modifiedon"] = op.CreatedOn;
            }

            if (schema.HasModifiedBy)
            {
                row.Attributes["modifiedby"] = UserReference(op.UserId);
            }
        }

        /// <summary>
        /// Fills or checks statecode/statuscode on a row being written: the first state and its default status on
        /// create, the default status of a new state, the state of a given status; a status must belong to its state.
        /// </summary>
        private void ApplyState(TableSchema schema, Entity row, Entity changes, int? currentState)
        {
            if (schema.StateChoice == null)
            {
                return;
            }

            var givenState = (changes.Attributes.TryGetValue("statecode", out var stateValue) ? stateValue as OptionSetValue : null)?.Value;
            var givenStatus = (changes.Attributes.TryGetValue("statuscode", out var statusValue) ? statusValue as OptionSetValue : null)?.Value;
            if (currentState.HasValue && givenState == null && givenStatus == null)
            {
                return;
            }

            var state = givenState ?? (givenStatus.HasValue ? schema.StateOfStatus(givenStatus.Value) : null) ?? currentState ?? schema.DefaultState;
            if (state == null)
            {
                return;
            }

            var status = givenStatus ?? schema.DefaultStatusOf(state.Value);
            if (status.HasValue && schema.StatusChoice != null && schema.StateOfStatus(status.Value) != state)
            {
                throw new DataverseFaultException(DataverseErrorCodes.InvalidStateCodeStatusCode, string.Format(CultureInfo.InvariantCulture,
                    "{0} is not a valid status code for state code {1}State.{2} on {1} with Id {3}.",
                    status.Value, schema.LogicalName, StateLabel(schema, state.Value), row.Id));
            }

            row.Attributes["statecode"] = Option(state.Value);
            if (status.HasValue)
            {
                row.Attributes["statuscode"] = Option(status.Value);
            }
        }

        private static string StateLabel(TableSchema schema, int state)
        {
            if (schema.StateChoice != null)
            {
                foreach (var option in schema.StateChoice.Options)
                {
                    if (option.Value == state)
                    {
                        return option.Label.Replace(" ", string.Empty, StringComparison.Ordinal);
                    }
                }
            }

            return state.ToString(CultureInfo.InvariantCulture);
        }

        private static void ComposeFullName(TableSchema schema, Entity row, Entity changes)
        {
            if (!schema.HasColumn("fullname") || !schema.HasColumn("firstname") || !schema.HasColumn("lastname") || changes.Attributes.ContainsKey("fullname"))
            {
                return;
            }

            if (!changes.Attributes.ContainsKey("firstname") && !changes.Attributes.ContainsKey("lastname"))
            {
                return;
            }

            var first = row.GetAttributeValue<string>("firstname");
            var last = row.GetAttributeValue<string>("lastname");
            var full = string.IsNullOrEmpty(first) ? last ?? string.Empty : string.IsNullOrEmpty(last) ? first : first + " " + last;
            if (full.Length == 0)
            {
                row.Attributes.Remove("fullname");
            }
            else
            {
                row.Attributes["fullname"] = full;
            }
        }

        private void CoreUpdate(OperationState op)
        {
            var target = Required<Entity>(op, "Target");
            var schema = SchemaOf(target.LogicalName);
            var table = _store.Table(schema);
            Validator.ValidateAttributes(schema, target, _lookupExists);
            if (!table.TryGet(op.PrimaryEntityId, out var existing))
            {
                throw Faults.DoesNotExist(schema.LogicalName, op.PrimaryEntityId);
            }

            var currentState = StateOf(existing);
            var row = new Entity(schema.LogicalName, existing.Id);
            foreach (var attribute in existing.Attributes)
            {
                row.Attributes[attribute.Key] = attribute.Value;
            }

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
                row.Attributes["owningbusinessunit"] = BusinessUnitReference(BusinessUnitOfPrincipal(ownerReference));
            }

            ApplyState(schema, row, target, currentState ?? schema.DefaultState);
            var newState = StateOf(row);
            if (schema.LogicalName == Opportunity && newState != currentState)
            {
                RefuseClosingThroughStateChange(newState);
            }

            ComposeFullName(schema, row, target);
            StampModified(schema, row, op);
            _store.Replace(table, existing, row);
            if (schema.LogicalName == Opportunity && currentState != OpportunityOpen && newState == OpportunityOpen)
            {
                CancelOpportunityCloses(existing.Id, op);
            }
        }

        private static int? StateOf(Entity row) =>
            row.Attributes.TryGetValue("statecode", out var value) && value is OptionSetValue option ? option.Value : null;

        private static void RefuseClosingThroughStateChange(int? newState)
        {
            if (newState == OpportunityLost)
            {
                throw Faults.InvalidArgument(
                    "This message can not be used to set the state of opportunity to Lost. In order to set the state of opportunity to Lost, use the LoseOpportunityRequest message instead.");
            }

            if (newState == OpportunityWon)
            {
                throw Faults.InvalidArgument(
                    "This message can not be used to set the state of opportunity to Won. In order to set the state of opportunity to Won, use the WinOpportunityRequest message instead.");
            }
        }

        /// <summary>Reopening an opportunity cancels its completed opportunityclose activities.</summary>
        private void CancelOpportunityCloses(Guid opportunityId, OperationState op)
        {
            if (!_schemas.TryGetValue(OpportunityClose, out var schema))
            {
                return;
            }

            var table = _store.Table(schema);
            var toCancel = new List<Entity>();
            foreach (var row in table.Rows.Values)
            {
                if (row.Attributes.TryGetValue("opportunityid", out var value) && value is EntityReference reference && reference.Id == opportunityId
                    && StateOf(row) == 1)
                {
                    toCancel.Add(row);
                }
            }

            foreach (var existing in toCancel)
            {
                var row = Values.CopyEntity(existing);
                row.Attributes["statecode"] = new OptionSetValue(2);
                row.Attributes["statuscode"] = new OptionSetValue(3);
                StampModified(schema, row, op);
                _store.Replace(table, existing, row);
            }
        }

        private void CoreDelete(OperationState op)
        {
            var schema = SchemaOf(op.PrimaryEntityName);
            var table = _store.Table(schema);
            if (!table.TryGet(op.PrimaryEntityId, out var existing))
            {
                throw Faults.DoesNotExist(schema.LogicalName, op.PrimaryEntityId);
            }

            _store.Remove(table, existing);
        }

        private void CoreRetrieve(OperationState op)
        {
            var schema = SchemaOf(op.PrimaryEntityName);
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

            if (!_store.Table(schema).TryGet(op.PrimaryEntityId, out var row))
            {
                throw Faults.DoesNotExist(schema.LogicalName, op.PrimaryEntityId);
            }

            op.Result = QueryEngine.Project(row, columns, schema.PrimaryIdColumn, _nameOf);
            if (op.HasSteps)
            {
                op.OutputParameters["BusinessEntity"] = op.Result;
            }
        }

        private void CoreClose(OperationState op, bool won)
        {
            var close = Required<Entity>(op, "OpportunityClose");
            var status = Required<OptionSetValue>(op, "Status");
            var opportunitySchema = SchemaOf(Opportunity);
            var opportunities = _store.Table(opportunitySchema);
            if (!opportunities.TryGet(op.PrimaryEntityId, out var opportunity))
            {
                throw Faults.DoesNotExist(Opportunity, op.PrimaryEntityId);
            }

            var currentState = StateOf(opportunity) ?? OpportunityOpen;
            if (currentState != OpportunityOpen)
            {
                throw new DataverseFaultException(DataverseErrorCodes.InvalidStateCodeStatusCode, string.Format(CultureInfo.InvariantCulture,
                    "The opportunity cannot be closed because it is not open: it is {0}.", StateLabel(opportunitySchema, currentState)));
            }

            var newState = won ? OpportunityWon : OpportunityLost;
            if (opportunitySchema.StateOfStatus(status.Value) != newState)
            {
                throw new DataverseFaultException(DataverseErrorCodes.InvalidStateCodeStatusCode, string.Format(CultureInfo.InvariantCulture,
                    "{0} is not a valid status code for state code opportunityState.{1} on opportunity with Id {2}.",
                    status.Value, StateLabel(opportunitySchema, newState), op.PrimaryEntityId));
            }

            var closeSchema = SchemaOf(OpportunityClose);
            var closes = _store.Table(closeSchema);
            Validator.ValidateAttributes(closeSchema, close, _lookupExists);
            var closeId = close.Id != Guid.Empty ? close.Id : NewId();
            var closeRow = new Entity(OpportunityClose, closeId);
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
                closeRow.Attributes["opportunitystatecode"] = new OptionSetValue(newState);
            }

            if (closeSchema.HasColumn("opportunitystatuscode"))
            {
                closeRow.Attributes["opportunitystatuscode"] = new OptionSetValue(status.Value);
            }

            StampCreated(closeSchema, closeRow, op);
            closeRow.Attributes["statecode"] = new OptionSetValue(1);
            closeRow.Attributes["statuscode"] = new OptionSetValue(2);
            _store.Insert(closes, closeRow);

            var row = Values.CopyEntity(opportunity);
            row.Attributes["statecode"] = new OptionSetValue(newState);
            row.Attributes["statuscode"] = new OptionSetValue(status.Value);
            row.Attributes["actualclosedate"] = ((DateTime)closeRow.Attributes["actualend"]!).Date;
            if (closeRow.Attributes.TryGetValue("actualrevenue", out var revenue) && revenue != null)
            {
                row.Attributes["actualvalue"] = Values.Copy(revenue);
            }
            else if (won && opportunity.Attributes.TryGetValue("estimatedvalue", out var estimate) && estimate != null)
            {
                row.Attributes["actualvalue"] = Values.Copy(estimate);
            }

            StampModified(opportunitySchema, row, op);
            _store.Replace(opportunities, opportunity, row);
        }

        private void CoreSetState(OperationState op)
        {
            var state = Required<OptionSetValue>(op, "State");
            var status = Required<OptionSetValue>(op, "Status");
            var schema = SchemaOf(op.PrimaryEntityName);
            if (schema.StateChoice == null)
            {
                throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture, "The entity {0} has no state.", schema.LogicalName));
            }

            if (schema.LogicalName == Opportunity)
            {
                RefuseClosingThroughStateChange(state.Value);
            }

            var stateColumn = schema.GetColumn("statecode");
            Validator.ValidateValue(schema, stateColumn, state, null);
            var changes = new Entity(schema.LogicalName, op.PrimaryEntityId) { ["statecode"] = new OptionSetValue(state.Value) };
            if (status.Value != -1)
            {
                Validator.ValidateValue(schema, schema.GetColumn("statuscode"), status, null);
                changes["statuscode"] = new OptionSetValue(status.Value);
            }

            var table = _store.Table(schema);
            var existing = table.Rows[op.PrimaryEntityId];
            var currentState = StateOf(existing);
            var row = Values.CopyEntity(existing);
            ApplyState(schema, row, changes, currentState ?? schema.DefaultState);
            StampModified(schema, row, op);
            _store.Replace(table, existing, row);
            if (schema.LogicalName == Opportunity && currentState != OpportunityOpen && state.Value == OpportunityOpen)
            {
                CancelOpportunityCloses(existing.Id, op);
            }
        }

        private void CoreAssign(OperationState op)
        {
            var assignee = Required<EntityReference>(op, "Assignee");
            var schema = SchemaOf(op.PrimaryEntityName);
            if (!schema.HasOwner)
            {
                throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture, "The entity {0} is not user or team owned and cannot be assigned.", schema.LogicalName));
            }

            Validator.ValidateValue(schema, schema.GetColumn("ownerid"), assignee, _lookupExists);
            var table = _store.Table(schema);
            var existing = table.Rows[op.PrimaryEntityId];
            var row = Values.CopyEntity(existing);
            row.Attributes["ownerid"] = new EntityReference(assignee.LogicalName, assignee.Id);
            if (schema.HasOwningBusinessUnit)
            {
                row.Attributes["owningbusinessunit"] = BusinessUnitReference(BusinessUnitOfPrincipal(assignee));
            }

            StampModified(schema, row, op);
            _store.Replace(table, existing, row);
        }

        private void CoreGrantAccess(OperationState op)
        {
            var access = Required<PrincipalAccess>(op, "PrincipalAccess");
            if (access.Principal == null || (access.Principal.LogicalName != "systemuser" && access.Principal.LogicalName != "team"))
            {
                throw Faults.InvalidArgument("GrantAccess needs a principal that is a systemuser or a team.");
            }

            if (_lookupExists != null && !_lookupExists(access.Principal.LogicalName, access.Principal.Id))
            {
                throw Faults.DoesNotExist(access.Principal.LogicalName, access.Principal.Id);
            }

            var recordKey = (op.PrimaryEntityName, op.PrimaryEntityId);
            var principalKey = (access.Principal.LogicalName, access.Principal.Id);
            if (!_shares.TryGetValue(recordKey, out var principals))
            {
                principals = new Dictionary<(string, Guid), AccessRights>();
                _shares.Add(recordKey, principals);
            }

            var had = principals.TryGetValue(principalKey, out var previous);
            principals[principalKey] = previous | access.AccessMask;
            _store.OnRollback(() =>
            {
                if (had)
                {
                    principals[principalKey] = previous;
                }
                else
                {
                    principals.Remove(principalKey);
                }
            });
        }

        private static readonly OptionSetValue[] SmallOptions = CreateSmallOptions();

        /// <summary>A shared OptionSetValue for a stored row (stored values are never mutated).</summary>
        private static OptionSetValue Option(int value) =>
            value >= 0 && value < SmallOptions.Length ? SmallOptions[value] : new OptionSetValue(value);

        private static OptionSetValue[] CreateSmallOptions()
        {
            var options = new OptionSetValue[16];
            for (var i = 0; i < options.Length; i++)
            {
                options[i] = new OptionSetValue(i);
            }

            return options;
        }

        private static QueryExpression QueryOf(OperationState op)
        {
            var query = op.InputParameters.TryGetValue("Query", out var value) ? value : null;
            return query switch
            {
                QueryExpression expression => expression,
                QueryByAttribute byAttribute => QueryEngine.ToQueryExpression(byAttribute),
                null => throw Faults.InvalidArgument("Required field 'Query' is missing"),
                _ => throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture,
                    "The query type {0} is not supported by the in-memory Dataverse (use QueryExpression or QueryByAttribute).", query.GetType().Name)),
            };
        }

        private static T Required<T>(OperationState op, string key)
            where T : class
        {
            if (op.InputParameters.TryGetValue(key, out var value) && value is T typed)
            {
                return typed;
            }

            throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture, "Required field '{0}' is missing", key));
        }
    }
}
