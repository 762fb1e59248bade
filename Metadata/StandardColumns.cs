using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Schema;

namespace LeadRecycle.Metadata
{
    /// <summary>The columns Dataverse gives every user-owned table.</summary>
    public static class StandardColumns
    {
        public static IEnumerable<ColumnMetadata> ForOrganizationOwnedTable() =>
            ForUserOwnedTable().Where(c => c.LogicalName != CommonColumns.OwnerId && c.LogicalName != "owningbusinessunit")
                .Concat(StateAndStatus());

        public static IEnumerable<ColumnMetadata> StateAndStatus() =>
                new[]
                {
                    new ColumnMetadata(CommonColumns.StateCode, ColumnType.State, "Status")
                    {
                        Choice = new ChoiceMetadata("statecode", "Status", new[] { new ChoiceOption(0, "Active"), new ChoiceOption(1, "Inactive") }, IsGlobal: false),
                    },
                    new ColumnMetadata(CommonColumns.StatusCode, ColumnType.Status, "Status Reason")
                    {
                        Choice = new ChoiceMetadata("statuscode", "Status Reason", new[] { new ChoiceOption(1, "Active", State: 0), new ChoiceOption(2, "Inactive", State: 1) }, IsGlobal: false),
                    },
                };

        public static IEnumerable<ColumnMetadata> ForUserOwnedTable()
        {
            yield return new ColumnMetadata(CommonColumns.OwnerId, ColumnType.Owner, "Owner") { Targets = new[] { "systemuser", "team" } };
            yield return new ColumnMetadata("owningbusinessunit", ColumnType.Lookup, "Owning Business Unit") { Targets = new[] { "businessunit" }, IsValidForCreate = false, IsValidForUpdate = false };
            yield return new ColumnMetadata(CommonColumns.CreatedOn, ColumnType.DateTime, "Created On") { IsValidForCreate = false, IsValidForUpdate = false };
            yield return new ColumnMetadata(CommonColumns.ModifiedOn, ColumnType.DateTime, "Modified On") { IsValidForCreate = false, IsValidForUpdate = false };
            yield return new ColumnMetadata(CommonColumns.CreatedBy, ColumnType.Lookup, "Created By") { Targets = new[] { "systemuser" }, IsValidForCreate = false, IsValidForUpdate = false };
            yield return new ColumnMetadata(CommonColumns.ModifiedBy, ColumnType.Lookup, "Modified By") { Targets = new[] { "systemuser" }, IsValidForCreate = false, IsValidForUpdate = false };
        }
    }
}
