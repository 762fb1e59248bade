using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;

namespace LeadRecycle.Services.Recycling
{
    /// <summary>
    /// The Return-to-Nurture checklist, declared once: the reason and the seven fields a rep fills in, each with its
    /// column on the opportunity close and the lead, its column on the recycled lead, the label the rep sees, the name
    /// the policy's <c>requires</c> uses, and the lr_ReturnToNurture Custom API parameter that carries it. The
    /// validation, the recycled lead, the steps' images, the Custom API, the metadata catalog and the sandbox read it.
    /// </summary>
    public static class ReturnToNurtureChecklist
    {
        /// <summary>The standardized reason: always required, so no policy names it.</summary>
        public static readonly ChecklistItem Reason = new ChecklistItem(
            null, ChecklistColumns.Reason, RecycledLead.Reason, "Return-to-Nurture reason", "Reason",
            "The Return-to-Nurture reason (lr_disqualificationreason value).",
            "Why the deal or lead left the pipeline; LeadRecycle requires it.",
            typeof(DisqualificationReason), Labels.Reasons.ToDictionary(pair => (int)pair.Key, pair => pair.Value));

        /// <summary>The fields a reason's policy can require, in the order the forms and the Custom API show them.</summary>
        public static readonly IReadOnlyList<ChecklistItem> Fields = new[]
        {
            Text(ChecklistField.Background, ChecklistColumns.Background, RecycledLead.Background, "Background for nurturing", "Background",
                "Background for nurturing.", "What marketing should know, from {0}."),
            Choice(ChecklistField.EffortType, ChecklistColumns.EffortType, RecycledLead.EffortType, "Type of effort needed", "Effort type",
                "Type of effort needed (lr_efforttype value).", null, Labels.EffortTypes),
            Choice(ChecklistField.TargetStage, ChecklistColumns.TargetStage, RecycledLead.TargetStage, "Lead-development stage to re-enter", "Target stage",
                "Lead-development stage to re-enter (lr_leaddevelopmentstage value).", null, Labels.LeadDevelopmentStages),
            Choice(ChecklistField.Likelihood, ChecklistColumns.Likelihood, RecycledLead.Likelihood, "Likelihood to move in 30 days (1-4)", "Likelihood",
                "The prospect's 1-4 likelihood to move in 30 days (lr_likelihood value).", "The prospect's own answer, 1 to 4.", Labels.Likelihoods),
            Text(ChecklistField.DecisionCriteria, ChecklistColumns.DecisionCriteria, RecycledLead.DecisionCriteria, "Decision criteria", "Decision criteria",
                "Re-qualification notes: decision criteria.", "Re-qualification notes."),
            Text(ChecklistField.Impediments, ChecklistColumns.Impediments, RecycledLead.Impediments, "Impediments", "Impediments",
                "Re-qualification notes: impediments.", "Re-qualification notes."),
            Text(ChecklistField.WhoIsInvolved, ChecklistColumns.WhoIsInvolved, RecycledLead.WhoIsInvolved, "Who is involved", "Who is involved",
                "Re-qualification notes: who is involved.", "Re-qualification notes."),
        };

        /// <summary>The reason, then the fields.</summary>
        public static IEnumerable<ChecklistItem> All => new[] { Reason }.Concat(Fields);

        /// <summary>The checklist's columns on the opportunity close and the lead, the reason first.</summary>
        public static IEnumerable<string> Columns => All.Select(item => item.Column);

        /// <summary>The field a policy requirement names.</summary>
        public static ChecklistItem For(ChecklistField field) =>
            Fields.FirstOrDefault(item => item.Field == field) ?? throw new ArgumentOutOfRangeException(nameof(field));

        private static ChecklistItem Text(ChecklistField field, string column, string recycledLeadColumn, string label, string shortLabel, string parameterDescription, string columnDescription) =>
            new ChecklistItem(field, column, recycledLeadColumn, label, shortLabel, parameterDescription, columnDescription, null, null);

        private static ChecklistItem Choice<TChoice>(ChecklistField field, string column, string recycledLeadColumn, string label, string shortLabel, string parameterDescription, string? columnDescription, IReadOnlyDictionary<TChoice, string> labels)
            where TChoice : struct, Enum =>
            new ChecklistItem(field, column, recycledLeadColumn, label, shortLabel, parameterDescription, columnDescription, typeof(TChoice),
                labels.ToDictionary(pair => Convert.ToInt32(pair.Key, System.Globalization.CultureInfo.InvariantCulture), pair => pair.Value));
    }
}
