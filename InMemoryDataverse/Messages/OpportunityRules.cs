using System;
using System.Collections.Generic;
using LeadRecycle.InMemoryDataverse.Pipeline;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Messages
{
    /// <summary>
    /// What the platform enforces on an opportunity's state whichever message changes it: Won and Lost only through
    /// WinOpportunity and LoseOpportunity, and a reopened deal's completed closes cancelled.
    /// </summary>
    internal static class OpportunityRules
    {
        public const string Opportunity = "opportunity";
        public const string OpportunityClose = "opportunityclose";
        public const int Open = 0;
        public const int Won = 1;
        public const int Lost = 2;

        public static void RefuseClosingThroughStateChange(int? newState)
        {
            if (newState == Lost)
            {
                throw Faults.InvalidArgument(
                    "This message can not be used to set the state of opportunity to Lost. In order to set the state of opportunity to Lost, use the LoseOpportunityRequest message instead.");
            }

            if (newState == Won)
            {
                throw Faults.InvalidArgument(
                    "This message can not be used to set the state of opportunity to Won. In order to set the state of opportunity to Won, use the WinOpportunityRequest message instead.");
            }
        }

        /// <summary>Reopening an opportunity cancels its completed opportunityclose activities.</summary>
        public static void CancelClosesOnReopen(string table, int? previousState, int? newState, Guid opportunityId, OperationState op)
        {
            if (table != Opportunity || previousState == Open || newState != Open || !op.Organization.TryGetSchema(OpportunityClose, out var schema))
            {
                return;
            }

            var store = op.Organization.Store;
            var closes = store.Table(schema);
            var toCancel = new List<Entity>();
            foreach (var row in closes.StoredRows)
            {
                if (row.TryGetValue("opportunityid", out var value) && value is EntityReference reference && reference.Id == opportunityId
                    && row.TryGetValue("statecode", out var state) && state is OptionSetValue option && option.Value == 1)
                {
                    toCancel.Add(row.ToEntity(schema.LogicalName));
                }
            }

            foreach (var existing in toCancel)
            {
                var row = Storage.Values.CopyEntity(existing);
                row.Attributes["statecode"] = new OptionSetValue(2);
                row.Attributes["statuscode"] = new OptionSetValue(3);
                RowWrites.StampModified(schema, row, op);
                store.Write(closes, row);
            }
        }
    }
}
