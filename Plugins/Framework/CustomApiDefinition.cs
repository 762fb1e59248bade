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
            string? executePrivilegeName = null,
            bool isFunction = false)
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
            IsFunction = isFunction;
        }

        public Type PluginType { get; }

        public string UniqueName { get; }

        public string DisplayName { get; }

        public string Description { get; }

        public CustomApiBinding Binding { get; }

        public string? BoundEntity { get; }

        /// <summary>
        /// A function changes nothing and is called with GET; an action is called with POST ("Create and use custom
        /// APIs": "IsFunction ... Whether the custom API is a function (GET) or an action (POST)"). A function needs at
        /// least one response property.
        /// </summary>
        public bool IsFunction { get; }

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
