using System;
using System.Collections.Generic;

namespace LeadRecycle.Framework
{
    /// <summary>
    /// A Custom API whose main operation is a LeadRecycle plug-in type: the message it defines, its binding and
    /// its parameters. Declared next to the plug-in; the solution's customapi XML and the in-memory Dataverse
    /// both read it. A Custom API needs no step registration.
    /// </summary>
    public sealed class CustomApiDefinition
    {
        public CustomApiDefinition(
            Type pluginType,
            string uniqueName,
            string displayName,
            string description,
            CustomApiBinding binding,
            string? boundEntity,
            IReadOnlyList<CustomApiParameter> requestParameters,
            IReadOnlyList<CustomApiParameter> responseProperties,
            string? executePrivilegeName = null)
        {
            if (binding == CustomApiBinding.Entity && string.IsNullOrEmpty(boundEntity))
            {
                throw new ArgumentException("An entity-bound Custom API names its table.", nameof(boundEntity));
            }

            PluginType = pluginType;
            UniqueName = uniqueName;
            DisplayName = displayName;
            Description = description;
            Binding = binding;
            BoundEntity = boundEntity;
            RequestParameters = requestParameters;
            ResponseProperties = responseProperties;
            ExecutePrivilegeName = executePrivilegeName;
        }

        public Type PluginType { get; }

        public string UniqueName { get; }

        public string DisplayName { get; }

        public string Description { get; }

        public CustomApiBinding Binding { get; }

        public string? BoundEntity { get; }

        public bool IsFunction => false;

        /// <summary>
        /// The privilege a caller must hold to run the API (customapi.executeprivilegename). Without one, any
        /// authenticated user may call it ("Create and use custom APIs": "ExecutePrivilegeName ... Name of the
        /// privilege that allows execution of the custom API").
        /// </summary>
        public string? ExecutePrivilegeName { get; }

        public IReadOnlyList<CustomApiParameter> RequestParameters { get; }

        public IReadOnlyList<CustomApiParameter> ResponseProperties { get; }
    }
}
