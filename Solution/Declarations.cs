using System;
using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// A step as the packer needs it, read from the typed <see cref="LeadRecycle.Framework.PluginStep"/> a plug-in declares.
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

    }

    /// <summary>An entity image: 0 pre-image, 1 post-image.</summary>
    public sealed record ImageDeclaration(int ImageType, string Alias, string MessagePropertyName, IReadOnlyList<string> Attributes);

    /// <summary>A registered class: a plug-in (with its steps) or, with a group name, a custom workflow activity.</summary>
    public sealed record PluginTypeDeclaration(
        string FullName,
        IReadOnlyList<StepDeclaration> Steps,
        string? Description = null,
        string? WorkflowActivityGroupName = null,
        CustomApiDeclaration? CustomApi = null);

    /// <summary>A Custom API parameter or response property; <see cref="Type"/> is the customapirequestparameter.type code.</summary>
    public sealed record CustomApiParameterDeclaration(string UniqueName, int Type, string DisplayName, string Description, bool IsOptional, string? LogicalEntityName);

    /// <summary>
    /// A Custom API whose main operation is the plug-in type declaring it, read from a typed
    /// <see cref="LeadRecycle.Framework.CustomApiDefinition"/>. <see cref="BindingType"/> is
    /// customapi.bindingtype: 0 global, 1 entity, 2 entity collection.
    /// </summary>
    public sealed record CustomApiDeclaration(
        string UniqueName,
        string PluginTypeFullName,
        string DisplayName,
        string Description,
        int BindingType,
        string? BoundEntityLogicalName,
        bool IsFunction,
        IReadOnlyList<CustomApiParameterDeclaration> RequestParameters,
        IReadOnlyList<CustomApiParameterDeclaration> ResponseProperties,
        string? ExecutePrivilegeName = null)
    {
        public static CustomApiDeclaration From(LeadRecycle.Framework.CustomApiDefinition api)
        {
            ArgumentNullException.ThrowIfNull(api);
            return new CustomApiDeclaration(
                api.UniqueName, api.PluginType.FullName ?? api.PluginType.Name, api.DisplayName, api.Description, (int)api.Binding, api.BoundEntity, api.IsFunction,
                api.RequestParameters.Select(p => new CustomApiParameterDeclaration(p.UniqueName, (int)p.Type, p.DisplayName, p.Description, p.IsOptional, p.LogicalEntityName)).ToArray(),
                api.ResponseProperties.Select(p => new CustomApiParameterDeclaration(p.UniqueName, (int)p.Type, p.DisplayName, p.Description, p.IsOptional, p.LogicalEntityName)).ToArray(),
                api.ExecutePrivilegeName);
        }

    }

    /// <summary>A deployable assembly: its full name (identical for the net462 and the current-.NET build) and classes.</summary>
    public sealed record PluginAssemblyDeclaration(string Name, string FullName, IReadOnlyList<PluginTypeDeclaration> Types);

    public sealed record EnvironmentVariableDeclaration(string SchemaName, string DisplayName, string? Description, int Type, string? DefaultValue, bool IsRequired = false)
    {
        public const int StringType = 100000000;
        public const int NumberType = 100000001;
        public const int BooleanType = 100000002;
        public const int JsonType = 100000003;
    }

    /// <summary>A connection reference a cloud flow uses; <see cref="ConnectorId"/> is the connector's API path.</summary>
    public sealed record ConnectionReferenceDeclaration(string LogicalName, string DisplayName, string ConnectorId, string? Description = null)
    {
        public const string DataverseConnectorId = "/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps";
    }

    /// <summary>
    /// A cloud flow (modern flow, workflow category 5) shipped in the solution. <see cref="Key"/> seeds its id and
    /// never changes; <see cref="Definition"/> is the flow's JSON (properties.connectionReferences + definition) as
    /// the flow designer and a Dataverse export write it.
    /// </summary>
    public sealed record CloudFlowDeclaration(string Key, string Name, string? Description, byte[] Definition);

    /// <summary>Access depth of a role privilege, as customizations.xml writes it: user, business unit, parent: child BU, organization.</summary>
    public enum PrivilegeDepth
    {
        Basic,
        Local,
        Deep,
        Global,
    }

    /// <summary>One privilege of a role on a table: <c>prv&lt;Access&gt;&lt;SchemaName&gt;</c>, e.g. prvReadlr_recycledlead.</summary>
    public sealed record RolePrivilegeDeclaration(string Access, string Table, PrivilegeDepth Depth)
    {
        public static readonly IReadOnlyList<string> AccessRights = new[] { "Create", "Read", "Write", "Delete", "Append", "AppendTo", "Assign", "Share" };

        public string Name => "prv" + Access + SchemaNaming.Table(Table);
    }

    /// <summary>A security role; <see cref="Name"/> seeds its id, so renaming a role makes a new one.</summary>
    public sealed record RoleDeclaration(string Name, string? Description, IReadOnlyList<RolePrivilegeDeclaration> Privileges);

    public sealed record PublisherDeclaration(string UniqueName, string DisplayName, string Prefix, int OptionValuePrefix, string? Description = null);
}
