using System;
using System.Collections.Generic;
using LeadRecycle.Metadata;

namespace LeadRecycle.Solution
{
    /// <summary>What the code-owned part of a solution is made of, before ids and filtering.</summary>
    public sealed record SolutionDefinition
    {
        public required string Version { get; init; }

        /// <summary>The publisher's customization prefix (without the underscore), e.g. lr.</summary>
        public required string PublisherPrefix { get; init; }

        /// <summary>The publisher's option value prefix: its choice values run from prefix × 10000 to that + 9999.</summary>
        public required int OptionValuePrefix { get; init; }

        public required MetadataCatalog Catalog { get; init; }

        /// <summary>Global choices to ship even when no emitted column uses them yet.</summary>
        public IReadOnlyList<ChoiceMetadata> GlobalChoices { get; init; } = Array.Empty<ChoiceMetadata>();

        public IReadOnlyList<PluginAssemblyDeclaration> Assemblies { get; init; } = Array.Empty<PluginAssemblyDeclaration>();
    }
}
