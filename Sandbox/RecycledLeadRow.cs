using System;
using System.Collections.Generic;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// A recycled lead as the report reads it. The choices that are labelled (reason, nurture stream, target stage) stay
    /// their option values, so a value the labels do not know still shows as its number; a stream, target stage or
    /// outcome not set is null (a lead removed from the waterfall has no stream; an outcome is set only once the
    /// returned lead's deal closes).
    /// </summary>
    public sealed record RecycledLeadRow(
        int Status,
        int Reason,
        RecycleType RecycleType,
        int? NurtureStream,
        int? TargetStage,
        string? StageAtRecycle,
        decimal EstimatedValue,
        DateTime? RecycledOn,
        DateTime? ReturnedOn,
        Guid? OpportunityId,
        ReturnOutcome? ReturnOutcome,
        DateTime? ReturnOutcomeOn,
        decimal ReturnRevenue)
    {
        public static readonly IReadOnlyList<string> Columns = new[]
        {
            CommonColumns.StatusCode, RecycledLead.Reason, RecycledLead.RecycleType, RecycledLead.NurtureStream, RecycledLead.TargetStage,
            RecycledLead.StageAtRecycle, RecycledLead.EstimatedValue, RecycledLead.RecycledOn, RecycledLead.ReturnedOn, RecycledLead.Opportunity,
            RecycledLead.ReturnOutcome, RecycledLead.ReturnOutcomeOn, RecycledLead.ReturnRevenue,
        };

        /// <summary>Put in a nurture stream: only these can return (the others were removed from the waterfall).</summary>
        public bool IsNurtured => NurtureStream != null;

        public bool IsReturned => Status == RecycledLead.Status.ReturnedToSales;

        public bool IsWonAfterReturn => ReturnOutcome == Schema.ReturnOutcome.Won;

        /// <summary>Days from recycling to the return to sales, for a recycled lead that returned.</summary>
        public double? DaysToReengage =>
            RecycledOn != null && ReturnedOn != null ? Math.Max(0, (ReturnedOn.Value - RecycledOn.Value).TotalDays) : null;

        public static RecycledLeadRow From(Entity recycled) => new RecycledLeadRow(
            recycled.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode)?.Value ?? -1,
            Choice(recycled, RecycledLead.Reason) ?? 0,
            (RecycleType)(Choice(recycled, RecycledLead.RecycleType) ?? 0),
            Choice(recycled, RecycledLead.NurtureStream),
            Choice(recycled, RecycledLead.TargetStage),
            recycled.GetAttributeValue<string>(RecycledLead.StageAtRecycle),
            recycled.GetAttributeValue<Money>(RecycledLead.EstimatedValue)?.Value ?? 0m,
            recycled.GetAttributeValue<DateTime?>(RecycledLead.RecycledOn),
            recycled.GetAttributeValue<DateTime?>(RecycledLead.ReturnedOn),
            recycled.GetAttributeValue<EntityReference>(RecycledLead.Opportunity)?.Id,
            (ReturnOutcome?)Choice(recycled, RecycledLead.ReturnOutcome),
            recycled.GetAttributeValue<DateTime?>(RecycledLead.ReturnOutcomeOn),
            recycled.GetAttributeValue<Money>(RecycledLead.ReturnRevenue)?.Value ?? 0m);

        private static int? Choice(Entity recycled, string column) => recycled.GetAttributeValue<OptionSetValue>(column)?.Value;
    }
}
