using System;
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
}
