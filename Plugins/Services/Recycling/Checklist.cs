using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Recycling
{
    /// <summary>What a close or disqualification is leaving the pipeline for.</summary>
    public enum CloseKind
    {
        OpportunityLoss,
        LeadDisqualification,
    }

    /// <summary>The Return-to-Nurture checklist as the rep filled it in (on opportunityclose or on the lead).</summary>
    public sealed class Checklist
    {
        private Checklist(Entity source)
        {
            Source = source;
        }

        public Entity Source { get; }

        public OptionSetValue? ReasonValue => Source.GetAttributeValue<OptionSetValue>(ChecklistColumns.Reason);

        public string? Background => Text(ChecklistColumns.Background);

        public OptionSetValue? EffortType => Source.GetAttributeValue<OptionSetValue>(ChecklistColumns.EffortType);

        public OptionSetValue? TargetStage => Source.GetAttributeValue<OptionSetValue>(ChecklistColumns.TargetStage);

        public OptionSetValue? Likelihood => Source.GetAttributeValue<OptionSetValue>(ChecklistColumns.Likelihood);

        public string? DecisionCriteria => Text(ChecklistColumns.DecisionCriteria);

        public string? Impediments => Text(ChecklistColumns.Impediments);

        public string? WhoIsInvolved => Text(ChecklistColumns.WhoIsInvolved);

        public static Checklist From(Entity source) => new Checklist(source ?? throw new ArgumentNullException(nameof(source)));

        public bool Has(ChecklistField field) => field switch
        {
            ChecklistField.Background => Background != null,
            ChecklistField.EffortType => EffortType != null,
            ChecklistField.TargetStage => TargetStage != null,
            ChecklistField.Likelihood => Likelihood != null,
            ChecklistField.DecisionCriteria => DecisionCriteria != null,
            ChecklistField.Impediments => Impediments != null,
            ChecklistField.WhoIsInvolved => WhoIsInvolved != null,
            _ => false,
        };

        /// <summary>Copies the checklist onto a recycled lead.</summary>
        public void CopyTo(Entity recycledLead)
        {
            Copy(recycledLead, ChecklistColumns.Background, RecycledLead.Background);
            Copy(recycledLead, ChecklistColumns.EffortType, RecycledLead.EffortType);
            Copy(recycledLead, ChecklistColumns.TargetStage, RecycledLead.TargetStage);
            Copy(recycledLead, ChecklistColumns.Likelihood, RecycledLead.Likelihood);
            Copy(recycledLead, ChecklistColumns.DecisionCriteria, RecycledLead.DecisionCriteria);
            Copy(recycledLead, ChecklistColumns.Impediments, RecycledLead.Impediments);
            Copy(recycledLead, ChecklistColumns.WhoIsInvolved, RecycledLead.WhoIsInvolved);
        }

        private void Copy(Entity target, string from, string to)
        {
            var value = Source.GetAttributeValue<object>(from);
            if (value is string text)
            {
                value = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
            }

            if (value != null)
            {
                target[to] = value;
            }
        }

        private string? Text(string column)
        {
            var text = Source.GetAttributeValue<string>(column);
            return string.IsNullOrWhiteSpace(text) ? null : text;
        }
    }

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

            var reasonValue = checklist.ReasonValue;
            if (reasonValue == null)
            {
                throw new InvalidPluginExecutionException(
                    $"Choose a {Labels.ChecklistFields[ChecklistColumns.Reason]} before {action}. The reasons are: {RepReasonList()}.");
            }

            if (!Enum.IsDefined(typeof(DisqualificationReason), reasonValue.Value))
            {
                throw new InvalidPluginExecutionException(
                    $"{reasonValue.Value} is not a {Labels.ChecklistFields[ChecklistColumns.Reason]}. Choose one of: {RepReasonList()}.");
            }

            var reason = (DisqualificationReason)reasonValue.Value;
            if (reason == DisqualificationReason.StalledInStage && !systemReasonAllowed)
            {
                throw new InvalidPluginExecutionException(
                    $"'{Labels.Reasons[reason]}' is set only by LeadRecycle's stall scan. Choose the reason that explains why this {subject} stopped moving: {RepReasonList()}.");
            }

            RequireKnown<EffortType>(checklist.EffortType, ChecklistColumns.EffortType, Labels.EffortTypes.Values);
            RequireKnown<LeadDevelopmentStage>(checklist.TargetStage, ChecklistColumns.TargetStage, Labels.LeadDevelopmentStages.Values);
            RequireKnown<Likelihood>(checklist.Likelihood, ChecklistColumns.Likelihood, Labels.Likelihoods.Values);

            var reasonPolicy = policy.For(reason);
            var missing = reasonPolicy.RequiredFields.Where(field => !checklist.Has(field)).ToList();
            if (missing.Count > 0)
            {
                var names = string.Join(", ", missing.Select(field => Labels.ChecklistFields[ChecklistFields.ColumnOf(field)]));
                throw new InvalidPluginExecutionException(
                    $"The reason '{Labels.Reasons[reason]}' needs: {names}. Fill them in, then {again}.");
            }

            return reasonPolicy;
        }

        /// <summary>The reasons a rep may choose, in the order of the choice.</summary>
        public static string RepReasonList() =>
            string.Join(", ", Labels.Reasons.Where(pair => pair.Key != DisqualificationReason.StalledInStage).Select(pair => pair.Value));

        private static void RequireKnown<TChoice>(OptionSetValue? value, string column, IEnumerable<string> labels)
            where TChoice : struct
        {
            if (value != null && !Enum.IsDefined(typeof(TChoice), value.Value))
            {
                throw new InvalidPluginExecutionException(
                    $"{value.Value} is not a valid {Labels.ChecklistFields[column]}. Choose one of: {string.Join(", ", labels)}.");
            }
        }
    }
}
