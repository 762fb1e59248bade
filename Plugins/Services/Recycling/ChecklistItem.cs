using System;
using System.Collections.Generic;
using LeadRecycle.Framework;
using LeadRecycle.Services.Configuration;

namespace LeadRecycle.Services.Recycling
{
    /// <summary>One entry of the Return-to-Nurture checklist (<see cref="ReturnToNurtureChecklist"/>).</summary>
    public sealed class ChecklistItem
    {
        /// <summary>The longest text a checklist note holds (its memo columns' maximum length).</summary>
        public const int MaxTextLength = 4000;

        internal ChecklistItem(
            ChecklistField? field,
            string column,
            string recycledLeadColumn,
            string label,
            string shortLabel,
            string parameterDescription,
            string? columnDescription,
            Type? choice,
            IReadOnlyDictionary<int, string>? choiceLabels)
        {
            Field = field;
            Column = column;
            RecycledLeadColumn = recycledLeadColumn;
            Label = label;
            ShortLabel = shortLabel;
            ParameterDescription = parameterDescription;
            ColumnDescription = columnDescription;
            Choice = choice;
            ChoiceLabels = choiceLabels ?? new Dictionary<int, string>();
        }

        /// <summary>The field as a policy's <c>requires</c> names it; null for the reason, which is always required.</summary>
        public ChecklistField? Field { get; }

        /// <summary>The name in a policy's <c>requires</c> ("effortType"); null for the reason.</summary>
        public string? RequirementName => Field == null ? null : ChecklistFields.JsonName(Field.Value);

        /// <summary>The column on opportunityclose (the close dialog) and on lead.</summary>
        public string Column { get; }

        /// <summary>The column of the recycled lead the answer is copied to.</summary>
        public string RecycledLeadColumn { get; }

        /// <summary>The label a rep sees on the close dialog, the lead form and in LeadRecycle's messages.</summary>
        public string Label { get; }

        /// <summary>The short name: the Custom API parameter's display name and the heading in a returned lead's history.</summary>
        public string ShortLabel { get; }

        /// <summary>The lr_ReturnToNurture request parameter that carries the answer: the policy's field name, or "Reason".</summary>
        public string ParameterName => Field?.ToString() ?? "Reason";

        /// <summary>A choice travels as its value (Picklist), a note as text.</summary>
        public CustomApiParameterType ParameterType => IsChoice ? CustomApiParameterType.Picklist : CustomApiParameterType.String;

        /// <summary>Only the reason is a required parameter: the policy decides which fields a reason needs.</summary>
        public bool IsParameterOptional => Field != null;

        public string ParameterDescription { get; }

        /// <summary>The column's description; {0} stands for where it is filled in ("the lead", "the close form").</summary>
        public string? ColumnDescription { get; }

        /// <summary>The choice (an enum of Schema) the answer is a value of; null for a text note.</summary>
        public Type? Choice { get; }

        public bool IsChoice => Choice != null;

        /// <summary>The labels of the choice's values; empty for a text note.</summary>
        public IReadOnlyDictionary<int, string> ChoiceLabels { get; }
    }
}
