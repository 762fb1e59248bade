extern alias workflows;

using System;
using System.Collections.Generic;
using System.Linq;
using WorkflowFramework = workflows::LeadRecycle.Framework;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// A step as the packer needs it, read from a typed <see cref="LeadRecycle.Framework.PluginStep"/> (the plug-in
    /// assembly's) or from the process assembly's own copy of the same class.
    /// </summary>
    public sealed record StepDeclaration(
        string Name,
        string PluginTypeFullName,
        string MessageName,
        string PrimaryEntity,
        int Stage,
        int Mode,
        int Rank,
        IReadOnlyList<string> FilteringAttributes,
        IReadOnlyList<ImageDeclaration> Images,
        string Description,
        string? UnsecureConfiguration)
    {
        public static StepDeclaration From(LeadRecycle.Framework.PluginStep step)
        {
            ArgumentNullException.ThrowIfNull(step);
            return new StepDeclaration(
                step.Name,
                step.PluginType.FullName ?? step.PluginType.Name,
                step.MessageName,
                step.PrimaryEntity,
                (int)step.Stage,
                (int)step.Mode,
                step.Rank,
                step.FilteringAttributes.ToArray(),
                step.Images.Select(i => new ImageDeclaration((int)i.ImageType, i.Alias, i.MessagePropertyName, i.Attributes.ToArray())).ToArray(),
                step.Description,
                step.UnsecureConfiguration);
        }

        public static StepDeclaration From(WorkflowFramework.PluginStep step)
        {
            ArgumentNullException.ThrowIfNull(step);
            return new StepDeclaration(
                step.Name,
                step.PluginType.FullName ?? step.PluginType.Name,
                step.MessageName,
                step.PrimaryEntity,
                (int)step.Stage,
                (int)step.Mode,
                step.Rank,
                step.FilteringAttributes.ToArray(),
                step.Images.Select(i => new ImageDeclaration((int)i.ImageType, i.Alias, i.MessagePropertyName, i.Attributes.ToArray())).ToArray(),
                step.Description,
                step.UnsecureConfiguration);
        }
    }

    /// <summary>An entity image: 0 pre-image, 1 post-image.</summary>
    public sealed record ImageDeclaration(int ImageType, string Alias, string MessagePropertyName, IReadOnlyList<string> Attributes);

    /// <summary>A registered class: a plug-in (with its steps) or, with a group name, a custom workflow activity.</summary>
    public sealed record PluginTypeDeclaration(string FullName, IReadOnlyList<StepDeclaration> Steps, string? Description = null, string? WorkflowActivityGroupName = null);

    /// <summary>A deployable assembly: its full name (identical for the net462 and the current-.NET build) and classes.</summary>
    public sealed record PluginAssemblyDeclaration(string Name, string FullName, IReadOnlyList<PluginTypeDeclaration> Types);

    public sealed record EnvironmentVariableDeclaration(string SchemaName, string DisplayName, string? Description, int Type, string? DefaultValue, bool IsRequired = false)
    {
        public const int StringType = 100000000;
        public const int NumberType = 100000001;
        public const int BooleanType = 100000002;
        public const int JsonType = 100000003;
    }

    public sealed record PublisherDeclaration(string UniqueName, string DisplayName, string Prefix, int OptionValuePrefix, string? Description = null);
}
