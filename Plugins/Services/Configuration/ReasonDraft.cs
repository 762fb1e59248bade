using System.Collections.Generic;
using LeadRecycle.Schema;

namespace LeadRecycle.Services.Configuration
{
    /// <summary>One reason's policy while its keys are read: the keys are judged together once all are read.</summary>
    internal sealed class ReasonDraft
    {
        private bool _streamNamed;
        private bool? _removeFromWaterfall;
        private bool _requiresNamed;

        public ReasonDraft(ReasonPolicy defaults)
        {
            Reason = defaults.Reason;
            Stream = defaults.Stream;
            RequiredFields = defaults.RequiredFields;
        }

        public DisqualificationReason Reason { get; }

        public NurtureStream? Stream { get; private set; }

        public IReadOnlyList<ChecklistField> RequiredFields { get; private set; }

        public void NameStream(NurtureStream stream)
        {
            Stream = stream;
            _streamNamed = true;
        }

        public void RemoveFromWaterfall(bool remove) => _removeFromWaterfall = remove;

        public void Require(IReadOnlyList<ChecklistField> fields)
        {
            RequiredFields = fields;
            _requiresNamed = true;
        }

        /// <summary>The rules between the keys of the reason's object at <paramref name="path"/>.</summary>
        public void Check(string path)
        {
            if (_requiresNamed && Reason == DisqualificationReason.StalledInStage)
            {
                // Only the stall scan closes with this reason, and no one is there to fill in a checklist:
                // a requirement would make every nightly scan refuse its own closes.
                throw new PolicyException($"'{path}.requires' cannot be set: only LeadRecycle's stall scan closes with {Reason}, and nobody fills in a checklist for it. Remove '{path}.requires'.");
            }

            if (_removeFromWaterfall == true)
            {
                if (_streamNamed)
                {
                    throw new PolicyException($"'{path}' cannot both name a stream and remove from the waterfall.");
                }

                Stream = null;
            }
            else if (_removeFromWaterfall == false && Stream == null)
            {
                throw new PolicyException($"'{path}.removeFromWaterfall' is false, so '{path}.stream' must name the nurture stream.");
            }

            if (Reason == DisqualificationReason.StalledInStage && Stream == null)
            {
                throw new PolicyException($"'{path}' must keep a nurture stream: stalled deals are always nurtured (passive recycling).");
            }
        }

        public ReasonPolicy ToPolicy() => new ReasonPolicy(Reason, Stream, RequiredFields);
    }
}
