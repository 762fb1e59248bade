using System;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Xrm.Sdk.Workflow
{
    public interface IWorkflowContext : IExecutionContext
    {
        IWorkflowContext ParentContext { get; }
        string StageName { get; }
        int WorkflowCategory { get; }
        int WorkflowMode { get; }
    }

    public abstract class ParameterAttribute : Attribute
    {
        internal ParameterAttribute(string name)
        {
            Name = name;
        }

        public string Name { get; private set; }
    }

    [AttributeUsage(AttributeTargets.Property)]
    public sealed class InputAttribute : ParameterAttribute
    {
        public InputAttribute(string name)
            : base(name)
        {
        }
    }

    [AttributeUsage(AttributeTargets.Property)]
    public sealed class OutputAttribute : ParameterAttribute
    {
        public OutputAttribute(string name)
            : base(name)
        {
        }
    }

    [AttributeUsage(AttributeTargets.Property)]
    public sealed class ReferenceTargetAttribute : Attribute
    {
        public ReferenceTargetAttribute(string entityName)
        {
            EntityName = entityName;
        }

        public string EntityName { get; private set; }
    }

    // xrm-sdk-surface.md confirms only the constructor; its AttributeUsage and properties are unconfirmed,
    // so the stand-in has neither.
    public sealed class AttributeTargetAttribute : Attribute
    {
        public AttributeTargetAttribute(string entityName, string attributeName)
        {
            _ = entityName;
            _ = attributeName;
        }
    }
}
