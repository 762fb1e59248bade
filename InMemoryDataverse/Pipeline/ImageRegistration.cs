using System.Collections.Generic;

namespace LeadRecycle.InMemoryDataverse.Pipeline
{
    /// <summary>An entity image a step receives: pre (before the core operation) or post (after it), with only these columns.</summary>
    public sealed record ImageRegistration(StepImageType ImageType, string Alias, string MessagePropertyName, IReadOnlyList<string> Attributes);
}
