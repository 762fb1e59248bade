using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.Metadata
{
    /// <summary>A choice (option set): global when it has a name shared across tables.</summary>
    public sealed record ChoiceMetadata(string Name, string DisplayName, IReadOnlyList<ChoiceOption> Options, bool IsGlobal = true, string? Description = null)
    {
        public bool HasValue(int value) => Options.Any(o => o.Value == value);

        public ChoiceOption? Find(int value) => Options.FirstOrDefault(o => o.Value == value);
    }
}
