using System;
using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.Framework
{
    /// <summary>
    /// One registration of a plug-in type on a message. Declared once, next to the plug-in class; the solution's
    /// SdkMessageProcessingStep XML and the in-memory pipeline are both built from it.
    /// </summary>
    public sealed class PluginStep
    {
        private PluginStep(Type pluginType, string messageName, string primaryEntity, PipelineStage stage, ExecutionMode mode)
        {
            PluginType = pluginType;
            MessageName = messageName;
            PrimaryEntity = primaryEntity;
            Stage = stage;
            Mode = mode;
            FilteringAttributes = Array.Empty<string>();
            Images = Array.Empty<StepImage>();
            Rank = 1;
        }

        public Type PluginType { get; }

        public string MessageName { get; }

        public string PrimaryEntity { get; }

        public PipelineStage Stage { get; }

        public ExecutionMode Mode { get; private set; }

        public int Rank { get; private set; }

        public IReadOnlyList<string> FilteringAttributes { get; private set; }

        public IReadOnlyList<StepImage> Images { get; private set; }

        public string Description { get; private set; } = string.Empty;

        /// <summary>Unsecure configuration passed to the plug-in constructor.</summary>
        public string? UnsecureConfiguration { get; private set; }

        /// <summary>A stable, unique name: it becomes the step's name in the solution and seeds its id.</summary>
        public string Name =>
            $"{PluginType.FullName}: {MessageName} of {PrimaryEntity} ({Stage}, {Mode})";

        public static PluginStep For<TPlugin>(string messageName, string primaryEntity, PipelineStage stage, ExecutionMode mode = ExecutionMode.Synchronous)
            where TPlugin : PluginBase
        {
            if (mode == ExecutionMode.Asynchronous && stage != PipelineStage.PostOperation)
            {
                throw new ArgumentException("Only PostOperation steps can run asynchronously.", nameof(mode));
            }

            return new PluginStep(typeof(TPlugin), messageName, primaryEntity, stage, mode);
        }

        /// <summary>Update steps name the columns whose change should fire them.</summary>
        public PluginStep WhenChanged(params string[] attributes)
        {
            FilteringAttributes = attributes.Distinct(StringComparer.Ordinal).ToArray();
            return this;
        }

        public PluginStep WithPreImage(string alias, string messagePropertyName, params string[] attributes) =>
            WithImage(ImageType.PreImage, alias, messagePropertyName, attributes);

        public PluginStep WithPostImage(string alias, string messagePropertyName, params string[] attributes) =>
            WithImage(ImageType.PostImage, alias, messagePropertyName, attributes);

        public PluginStep WithRank(int rank)
        {
            Rank = rank;
            return this;
        }

        public PluginStep Describe(string description)
        {
            Description = description;
            return this;
        }

        public PluginStep WithConfiguration(string unsecureConfiguration)
        {
            UnsecureConfiguration = unsecureConfiguration;
            return this;
        }

        /// <summary>Whether an executing event is one this step was registered for.</summary>
        public bool Matches(string messageName, string primaryEntityName, int stage) =>
            string.Equals(MessageName, messageName, StringComparison.Ordinal)
            && string.Equals(PrimaryEntity, primaryEntityName, StringComparison.Ordinal)
            && (int)Stage == stage;

        private PluginStep WithImage(ImageType type, string alias, string messagePropertyName, string[] attributes)
        {
            if (attributes.Length == 0)
            {
                throw new ArgumentException($"Image '{alias}' must name the columns it needs.", nameof(attributes));
            }

            if (type == ImageType.PreImage && Stage == PipelineStage.PreValidation && MessageName == SdkMessageNames.Create)
            {
                throw new ArgumentException("A Create has no pre-image.", nameof(type));
            }

            Images = Images.Concat(new[] { new StepImage(type, alias, messagePropertyName, attributes) }).ToArray();
            return this;
        }
    }
}
