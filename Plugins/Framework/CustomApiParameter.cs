using System;
using System.Collections.Generic;

namespace LeadRecycle.Framework
{
    public sealed class CustomApiParameter
    {
        public CustomApiParameter(string uniqueName, CustomApiParameterType type, string displayName, string description, bool isOptional = false, string? logicalEntityName = null)
        {
            UniqueName = uniqueName;
            Type = type;
            DisplayName = displayName;
            Description = description;
            IsOptional = isOptional;
            LogicalEntityName = logicalEntityName;
        }

        public string UniqueName { get; }

        public CustomApiParameterType Type { get; }

        public string DisplayName { get; }

        public string Description { get; }

        public bool IsOptional { get; }

        public string? LogicalEntityName { get; }
    }
}
