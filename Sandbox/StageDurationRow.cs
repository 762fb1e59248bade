using System;
using System.Collections.Generic;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Sandbox
{
    /// <summary>A completed stay in a stage (lr_stageduration) as the report reads it.</summary>
    public sealed record StageDurationRow(string? StageKey, decimal? Days, Guid? OpportunityId)
    {
        public static readonly IReadOnlyList<string> Columns = new[] { StageDuration.StageKey, StageDuration.Days, StageDuration.Opportunity };

        public static StageDurationRow From(Entity stay) => new StageDurationRow(
            stay.GetAttributeValue<string>(StageDuration.StageKey),
            stay.GetAttributeValue<decimal?>(StageDuration.Days),
            stay.GetAttributeValue<EntityReference>(StageDuration.Opportunity)?.Id);
    }
}
