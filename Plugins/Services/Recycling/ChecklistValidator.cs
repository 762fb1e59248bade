using System;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Recycling
{
    /// <summary>
    /// The rule every exit from the pipeline follows: a standardized reason, and the checklist fields that
    /// reason's policy requires. Refusals are written for the rep, naming what to fix.
    /// </summary>
    public static class ChecklistValidator
    {
        /// <summary>Checks the checklist; returns the reason's policy when it passes.</summary>
        public static ReasonPolicy Validate(Checklist checklist, RecyclePolicy policy, CloseKind kind, bool systemReasonAllowed)
        {
            var action = kind == CloseKind.OpportunityLoss ? "closing this opportunity as lost" : "disqualifying this lead";
            var again = kind == CloseKind.OpportunityLoss ? "close the opportunity again" : "disqualify the lead again";
            var subject = kind == CloseKind.OpportunityLoss ? "deal" : "lead";
            var reasonLabel = ReturnToNurtureChecklist.Reason.Label;

            var reasonValue = checklist.ReasonValue;
            if (reasonValue == null)
            {
                throw new InvalidPluginExecutionException(
                    $"Choose a {reasonLabel} before {action}. The reasons are: {RepReasonList()}.");
            }

            if (!Enum.IsDefined(typeof(DisqualificationReason), reasonValue.Value))
            {
                throw new InvalidPluginExecutionException(
                    $"{reasonValue.Value} is not a {reasonLabel}. Choose one of: {RepReasonList()}.");
            }

            var reason = (DisqualificationReason)reasonValue.Value;
            if (reason == DisqualificationReason.StalledInStage && !systemReasonAllowed)
            {
                throw new InvalidPluginExecutionException(
                    $"'{Labels.Reasons[reason]}' is set only by LeadRecycle's stall scan. Choose the reason that explains why this {subject} stopped moving: {RepReasonList()}.");
            }

            foreach (var item in ReturnToNurtureChecklist.Fields.Where(item => item.IsChoice))
            {
                var value = checklist.ChoiceOf(item);
                if (value != null && !item.ChoiceLabels.ContainsKey(value.Value))
                {
                    throw new InvalidPluginExecutionException(
                        $"{value.Value} is not a valid {item.Label}. Choose one of: {string.Join(", ", item.ChoiceLabels.Values)}.");
                }
            }

            var reasonPolicy = policy.For(reason);
            var missing = reasonPolicy.RequiredFields.Where(field => !checklist.Has(field)).ToList();
            if (missing.Count > 0)
            {
                var names = string.Join(", ", missing.Select(field => ReturnToNurtureChecklist.For(field).Label));
                throw new InvalidPluginExecutionException(
                    $"The reason '{Labels.Reasons[reason]}' needs: {names}. Fill them in, then {again}.");
            }

            return reasonPolicy;
        }

        /// <summary>The reasons a rep may choose, in the order of the choice.</summary>
        private static string RepReasonList() =>
            string.Join(", ", Labels.Reasons.Where(pair => pair.Key != DisqualificationReason.StalledInStage).Select(pair => pair.Value));
    }
}
