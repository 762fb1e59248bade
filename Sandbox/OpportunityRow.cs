using System;
using System.Collections.Generic;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// An opportunity as the report reads it: only the columns its sections use, typed, so a million deals are a million
    /// small records rather than a million attribute dictionaries.
    /// </summary>
    public sealed record OpportunityRow(
        Guid Id,
        int State,
        Guid OwnerId,
        decimal? EstimatedValue,
        string? StageKey,
        DateTime? StageEnteredOn,
        AgingStatus? Aging,
        DateTime? StalledOn,
        string? StallSegment,
        DateTime? SnoozeUntil,
        string? SnoozeReason,
        DateTime? EscalatedOn)
    {
        public static readonly IReadOnlyList<string> Columns = new[]
        {
            CommonColumns.StateCode, CommonColumns.OwnerId, Opportunity.EstimatedValue, Opportunity.StageKey, Opportunity.StageEnteredOn,
            Opportunity.AgingStatus, Opportunity.StalledOn, Opportunity.StallSegment, Opportunity.SnoozeUntil, Opportunity.SnoozeReason, Opportunity.EscalatedOn,
        };

        public bool IsOpen => State == Opportunity.State.Open;

        /// <summary>The estimated value, a deal without one counting as nothing in every sum.</summary>
        public decimal Value => EstimatedValue ?? 0m;

        public static OpportunityRow From(Entity opportunity) => new OpportunityRow(
            opportunity.Id,
            opportunity.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode)?.Value ?? -1,
            opportunity.GetAttributeValue<EntityReference>(CommonColumns.OwnerId)?.Id ?? Guid.Empty,
            opportunity.GetAttributeValue<Money>(Opportunity.EstimatedValue)?.Value,
            opportunity.GetAttributeValue<string>(Opportunity.StageKey),
            opportunity.GetAttributeValue<DateTime?>(Opportunity.StageEnteredOn),
            (AgingStatus?)opportunity.GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus)?.Value,
            opportunity.GetAttributeValue<DateTime?>(Opportunity.StalledOn),
            opportunity.GetAttributeValue<string>(Opportunity.StallSegment),
            opportunity.GetAttributeValue<DateTime?>(Opportunity.SnoozeUntil),
            opportunity.GetAttributeValue<string>(Opportunity.SnoozeReason),
            opportunity.GetAttributeValue<DateTime?>(Opportunity.EscalatedOn));
    }
}
