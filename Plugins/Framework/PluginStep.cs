using System;
using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.Framework
{
    /// <summary>Pipeline stages a step may be registered in (IPluginExecutionContext.Stage).</summary>
    public enum PipelineStage
    {
        PreValidation = 10,
        PreOperation = 20,
        PostOperation = 40,
    }

    /// <summary>Execution mode (IExecutionContext.Mode).</summary>
    public enum ExecutionMode
    {
        Synchronous = 0,
        Asynchronous = 1,
    }

    public enum ImageType
    {
        PreImage = 0,
        PostImage = 1,
    }

    /// <summary>An entity image a step asks the platform for: its alias and the columns it needs.</summary>
    public sealed class StepImage
    {
        public StepImage(ImageType imageType, string alias, string messagePropertyName, IReadOnlyList<string> attributes)
        {
            ImageType = imageType;
            Alias = alias;
            MessagePropertyName = messagePropertyName;
            Attributes = attributes;
        }

        public ImageType ImageType { get; }

        public string Alias { get; }

        /// <summary>The request property the image is taken for ("Target", "Id", "EntityMoniker", "OpportunityClose").</summary>
        public string MessagePropertyName { get; }

        /// <summary>Columns in the image; never empty (an image of every column is wasteful and is refused).</summary>
        public IReadOnlyList<string> Attributes { get; }
    }

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

    /// <summary>Message names as the platform passes them in IExecutionContext.MessageName.</summary>
    public static class SdkMessageNames
    {
        public const string Create = "Create";
        public const string Update = "Update";
        public const string Delete = "Delete";
        public const string Assign = "Assign";
        public const string SetState = "SetState";
        public const string SetStateDynamicEntity = "SetStateDynamicEntity";
        public const string Win = "Win";
        public const string Lose = "Lose";
        public const string GrantAccess = "GrantAccess";
    }
}
