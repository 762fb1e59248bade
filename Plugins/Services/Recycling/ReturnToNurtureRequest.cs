using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Recycling
{
    /// <summary>What a rep hands over with a still-open deal: the reason and the checklist.</summary>
    public sealed class ReturnToNurtureRequest
    {
        private readonly Dictionary<string, object?> _answers = new Dictionary<string, object?>(StringComparer.Ordinal);

        public ReturnToNurtureRequest(EntityReference opportunity)
        {
            Opportunity = opportunity;
        }

        public EntityReference Opportunity { get; }

        /// <summary>The answer to one checklist item (the reason included): an OptionSetValue for a choice, text for a note.</summary>
        public object? this[ChecklistItem item]
        {
            get => _answers.TryGetValue(item.Column, out var value) ? value : null;
            set => _answers[item.Column] = value;
        }

        /// <summary>The lost status to close with; Canceled (4) unless the rep chose another.</summary>
        public int LostStatus { get; set; } = Schema.Opportunity.Status.Canceled;
    }
}
