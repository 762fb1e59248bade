using System;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Aging
{
    /// <summary>Records finished stays in a stage: one append-only row each, so concurrent deals never contend.</summary>
    public static class StageDurationRecorder
    {
        public static Guid Record(IOrganizationService service, Guid opportunityId, string stageKey, DateTime enteredOn, DateTime exitedOn)
        {
            var days = Math.Max(0, (exitedOn - enteredOn).TotalDays);
            return service.Create(new Entity(StageDuration.EntityName)
            {
                [StageDuration.Name] = StageKeys.DisplayName(stageKey),
                [StageDuration.StageKey] = stageKey,
                [StageDuration.Days] = Math.Round((decimal)days, 4),
                [StageDuration.Opportunity] = new EntityReference(Opportunity.EntityName, opportunityId),
                [StageDuration.ExitedOn] = exitedOn,
                [StageDuration.Folded] = false,
            });
        }
    }
}
