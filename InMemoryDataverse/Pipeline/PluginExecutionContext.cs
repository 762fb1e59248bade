using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Pipeline
{
    /// <summary>The IPluginExecutionContext one step execution receives.</summary>
    public sealed class PluginExecutionContext : IPluginExecutionContext
    {
        internal PluginExecutionContext(OperationState operation, int stage, int mode, bool isInTransaction, Guid userId)
        {
            Operation = operation;
            Stage = stage;
            Mode = mode;
            IsInTransaction = isInTransaction;
            UserId = userId;
            PreEntityImages = new EntityImageCollection();
            PostEntityImages = new EntityImageCollection();
        }

        internal OperationState Operation { get; }

        public Guid BusinessUnitId => Operation.BusinessUnitId;

        public Guid CorrelationId => Operation.CorrelationId;

        public int Depth => Operation.Depth;

        public Guid InitiatingUserId => Operation.InitiatingUserId;

        public ParameterCollection InputParameters => Operation.InputParameters;

        public bool IsExecutingOffline => false;

        public bool IsInTransaction { get; }

        public bool IsOfflinePlayback => false;

        /// <summary>2: sandbox, as for every Dataverse plug-in.</summary>
        public int IsolationMode => 2;

        public string MessageName => Operation.MessageName;

        public int Mode { get; }

        public DateTime OperationCreatedOn => Operation.CreatedOn;

        public Guid OperationId => Operation.OperationId;

        public Guid OrganizationId => Operation.Organization.OrganizationId;

        public string OrganizationName => Operation.Organization.OrganizationName;

        public ParameterCollection OutputParameters => Operation.OutputParameters;

        public EntityReference? OwningExtension => null;

        public EntityImageCollection PostEntityImages { get; }

        public EntityImageCollection PreEntityImages { get; }

        public Guid PrimaryEntityId => Operation.PrimaryEntityId;

        public string PrimaryEntityName => Operation.PrimaryEntityName;

        public Guid? RequestId => Operation.RequestId;

        public string SecondaryEntityName => "none";

        public ParameterCollection SharedVariables => Operation.SharedVariables;

        public Guid UserId { get; }

        public int Stage { get; }

        public IPluginExecutionContext? ParentContext => Operation.Parent;

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} of {1} {2} (stage {3}, mode {4}, depth {5})",
                MessageName, PrimaryEntityName, PrimaryEntityId, Stage, Mode, Depth);
    }

    /// <summary>What the stages of one message execution share: parameters, shared variables, identity, depth.</summary>
    internal sealed class OperationState
    {
        public OperationState(InMemoryOrganization organization, string messageName, ParameterCollection inputParameters)
        {
            Organization = organization;
            MessageName = messageName;
            InputParameters = inputParameters;
        }

        public InMemoryOrganization Organization { get; }

        public string MessageName { get; }

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
        /// One pass of an Update the platform splits (InMemoryOrganization.SpecialUpdate.cs): the same operation with
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

    /// <summary>Collects a step's ITracingService output.</summary>
    internal sealed class TracingService : ITracingService
    {
        public List<string> Lines { get; } = new List<string>();

        public void Trace(string format, params object[] args)
        {
            Lines.Add(args == null || args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args));
        }
    }

    /// <summary>The IServiceProvider handed to IPlugin.Execute.</summary>
    internal sealed class PluginServiceProvider : IServiceProvider, IOrganizationServiceFactory
    {
        private readonly InMemoryOrganization _organization;
        private readonly PluginExecutionContext _context;
        private readonly TracingService _tracing;

        public PluginServiceProvider(InMemoryOrganization organization, PluginExecutionContext context, TracingService tracing)
        {
            _organization = organization;
            _context = context;
            _tracing = tracing;
        }

        public object? GetService(Type serviceType)
        {
            if (serviceType == typeof(IPluginExecutionContext) || serviceType == typeof(IExecutionContext))
            {
                return _context;
            }

            if (serviceType == typeof(ITracingService))
            {
                return _tracing;
            }

            if (serviceType == typeof(IOrganizationServiceFactory))
            {
                return this;
            }

            return null;
        }

        /// <summary>null: the SYSTEM user, as in Dataverse.</summary>
        public IOrganizationService CreateOrganizationService(Guid? userId) =>
            new OrganizationService(_organization, userId ?? _organization.SystemUserId, _context);
    }
}
