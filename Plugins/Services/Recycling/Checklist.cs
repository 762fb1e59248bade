using System;
using LeadRecycle.Services.Configuration;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Recycling
{
    /// <summary>The Return-to-Nurture checklist as the rep filled it in (on opportunityclose or on the lead).</summary>
    public sealed class Checklist
    {
        private readonly Entity _source;

        private Checklist(Entity source)
        {
            _source = source;
        }

        public OptionSetValue? ReasonValue => ChoiceOf(ReturnToNurtureChecklist.Reason);

        public static Checklist From(Entity source) => new Checklist(source ?? throw new ArgumentNullException(nameof(source)));

        public bool Has(ChecklistField field) => Answer(ReturnToNurtureChecklist.For(field)) != null;

        /// <summary>The chosen value of a choice field, or null.</summary>
        public OptionSetValue? ChoiceOf(ChecklistItem item) => _source.GetAttributeValue<OptionSetValue>(item.Column);

        /// <summary>The answer as it is handed over: the choice, or the note trimmed; null when not given (blank text is none).</summary>
        public object? Answer(ChecklistItem item)
        {
            if (item.IsChoice)
            {
                return ChoiceOf(item);
            }

            var text = _source.GetAttributeValue<string>(item.Column);
            return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        }

        /// <summary>Copies the checklist onto a recycled lead.</summary>
        public void CopyTo(Entity recycledLead)
        {
            foreach (var item in ReturnToNurtureChecklist.Fields)
            {
                var value = Answer(item);
                if (value != null)
                {
                    recycledLead[item.RecycledLeadColumn] = value;
                }
            }
        }
    }
}
