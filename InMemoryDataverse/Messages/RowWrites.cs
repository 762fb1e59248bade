using System;
using System.Collections.Generic;
using System.Globalization;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Messages
{
    /// <summary>
    /// The columns the platform maintains on every write, whichever message writes: created/modified stamps, the
    /// owner and its business unit, state and status, and a person's full name.
    /// </summary>
    internal static class RowWrites
    {
        private static readonly OptionSetValue[] SmallOptions = CreateSmallOptions();

        public static void StampCreated(TableSchema schema, Entity row, OperationState op)
        {
            var organization = op.Organization;
            object now = op.CreatedOn;
            var user = organization.UserReference(op.UserId);
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
                row.Attributes["owningbusinessunit"] = organization.BusinessUnitReference(owner != null ? organization.BusinessUnitOfPrincipal(owner) : op.BusinessUnitId);
            }
        }

        public static void StampModified(TableSchema schema, Entity row, OperationState op)
        {
            if (schema.HasModifiedOn)
            {
                row.Attributes["modifiedon"] = op.CreatedOn;
            }

            if (schema.HasModifiedBy)
            {
                row.Attributes["modifiedby"] = op.Organization.UserReference(op.UserId);
            }
        }

        /// <summary>
        /// Fills or checks statecode/statuscode on a row being written: the first state and its default status on
        /// create, the default status of a new state, the state of a given status; a status must belong to its state.
        /// </summary>
        public static void ApplyState(TableSchema schema, Entity row, Entity changes, int? currentState)
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

        public static int? StateOf(Entity row) =>
            row.Attributes.TryGetValue("statecode", out var value) && value is OptionSetValue option ? option.Value : null;

        public static string StateLabel(TableSchema schema, int state)
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

        public static void ComposeFullName(TableSchema schema, Entity row, Entity changes)
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

        public static void RemoveNulls(Entity row)
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
    }
}
