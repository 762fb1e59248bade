using System;
using LeadRecycle.InMemoryDataverse.Messages;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Pipeline
{
    /// <summary>What the stages of one message execution share: parameters, shared variables, identity, depth.</summary>
    internal sealed class OperationState
    {
        public OperationState(InMemoryOrganization organization, MessageHandler handler, ParameterCollection inputParameters)
        {
            Organization = organization;
            Handler = handler;
            InputParameters = inputParameters;
        }

        public InMemoryOrganization Organization { get; }

        /// <summary>What the platform knows about the message: its request, privileges, core operation and pipeline shape.</summary>
        public MessageHandler Handler { get; }

        public string MessageName => Handler.MessageName;

        public string RequestName { get; set; } = string.Empty;

        public ParameterCollection InputParameters { get; set; }

        private ParameterCollection? _outputParameters;
        private ParameterCollection? _sharedVariables;

        public ParameterCollection OutputParameters
        {
            get => _outputParameters ??= new ParameterCollection();
            set => _outputParameters = value;
        }

        public ParameterCollection SharedVariables
        {
            get => _sharedVariables ??= new ParameterCollection();
            set => _sharedVariables = value;
        }

        /// <summary>True when steps are registered for this event: plug-ins may see (and keep) the Target and outputs.</summary>
        public bool HasSteps { get; set; }

        /// <summary>The id a Create assigned.</summary>
        public Guid CreatedId { get; set; }

        /// <summary>For RetrieveMultiple as a user under security: which rows (of a table) the user may read; null: all.</summary>
        public Func<string, Entity, bool>? ReadFilter { get; set; }

        /// <summary>What Retrieve / RetrieveMultiple returns (also in OutputParameters when plug-ins can see it).</summary>
        public object? Result { get; set; }

        public string PrimaryEntityName { get; set; } = "none";

        public Guid PrimaryEntityId { get; set; }

        public Guid BusinessUnitId { get; set; }

        public Guid CorrelationId { get; set; }

        public Guid OperationId { get; set; }

        public Guid? RequestId { get; set; }

        public int Depth { get; set; }

        public Guid UserId { get; set; }

        public Guid InitiatingUserId { get; set; }

        public DateTime CreatedOn { get; set; }

        public PluginExecutionContext? Parent { get; set; }

        /// <summary>The stored row before the core operation (never mutated: the store replaces rows).</summary>
        public Entity? PreImageSource { get; set; }

        /// <summary>
        /// One pass of an Update the platform splits (InMemoryOrganization.SpecialUpdate.cs, UpdateHandler.TrySplit): the same operation with
        /// the pass's Target, its own OutputParameters and SharedVariables, and the whole request (as PreValidation saw
        /// it) as its ParentContext.
        /// </summary>
        public OperationState ForPass(Entity target, PluginExecutionContext request)
        {
            var pass = (OperationState)MemberwiseClone();
            pass.InputParameters = new ParameterCollection();
            foreach (var parameter in InputParameters)
            {
                pass.InputParameters[parameter.Key] = parameter.Value;
            }

            pass.InputParameters["Target"] = target;
            pass.OutputParameters = new ParameterCollection();
            pass.SharedVariables = new ParameterCollection();
            pass.Parent = request;
            pass.PreImageSource = null;
            return pass;
        }

        /// <summary>A copy with its own parameter bags, for an asynchronous step that runs after commit.</summary>
        public OperationState CloneForAsync()
        {
            var clone = (OperationState)MemberwiseClone();
            clone.InputParameters = CopyParameters(InputParameters);
            clone.OutputParameters = CopyParameters(OutputParameters);
            clone.SharedVariables = CopyParameters(SharedVariables);
            return clone;
        }

        public static ParameterCollection CopyParameters(ParameterCollection source)
        {
            var copy = new ParameterCollection();
            foreach (var parameter in source)
            {
                copy[parameter.Key] = Storage.Values.Copy(parameter.Value);
            }

            return copy;
        }
    }
}
