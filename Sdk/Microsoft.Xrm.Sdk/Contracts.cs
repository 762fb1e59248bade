using System;
#if NETFRAMEWORK
using System.ServiceModel;
#endif

namespace Microsoft.Xrm.Sdk
{
    public interface IPlugin
    {
        void Execute(IServiceProvider serviceProvider);
    }

    public interface IExecutionContext
    {
        Guid BusinessUnitId { get; }
        Guid CorrelationId { get; }
        int Depth { get; }
        Guid InitiatingUserId { get; }
        ParameterCollection InputParameters { get; }
        bool IsExecutingOffline { get; }
        bool IsInTransaction { get; }
        bool IsOfflinePlayback { get; }
        int IsolationMode { get; }
        string MessageName { get; }
        int Mode { get; }
        DateTime OperationCreatedOn { get; }
        Guid OperationId { get; }
        Guid OrganizationId { get; }
        string OrganizationName { get; }
        ParameterCollection OutputParameters { get; }
        EntityReference OwningExtension { get; }
        EntityImageCollection PostEntityImages { get; }
        EntityImageCollection PreEntityImages { get; }
        Guid PrimaryEntityId { get; }
        string PrimaryEntityName { get; }
        Guid? RequestId { get; }
        string SecondaryEntityName { get; }
        ParameterCollection SharedVariables { get; }
        Guid UserId { get; }
    }

    public interface IPluginExecutionContext : IExecutionContext
    {
        int Stage { get; }
        IPluginExecutionContext ParentContext { get; }
    }

    // Microsoft's assembly carries [ServiceContract]; System.ServiceModel exists only on .NET Framework here.
#if NETFRAMEWORK
    [ServiceContract(Name = "IOrganizationService", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts/Services")]
#endif
    public interface IOrganizationService
    {
        Guid Create(Entity entity);
        Entity Retrieve(string entityName, Guid id, Query.ColumnSet columnSet);
        void Update(Entity entity);
        void Delete(string entityName, Guid id);
        OrganizationResponse Execute(OrganizationRequest request);
        void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities);
        void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities);
        EntityCollection RetrieveMultiple(Query.QueryBase query);
    }

    public interface IOrganizationServiceFactory
    {
        IOrganizationService CreateOrganizationService(Guid? userId);
    }

    public interface ITracingService
    {
        void Trace(string format, params object[] args);
    }

    public enum OperationStatus
    {
        Failed = 0,
        Canceled = 1,
        Retry = 2,
        Suspended = 3,
        Succeeded = 4,
    }

    public enum EntityState
    {
        Unchanged = 0,
        Created = 1,
        Changed = 2,
    }

    public enum EntityRole
    {
        Referencing = 0,
        Referenced = 1,
    }

    [Serializable]
    public sealed class InvalidPluginExecutionException : Exception
    {
        public InvalidPluginExecutionException()
            : this(OperationStatus.Failed, "An unexpected error occurred.")
        {
        }

        public InvalidPluginExecutionException(string message)
            : this(OperationStatus.Failed, message)
        {
        }

        public InvalidPluginExecutionException(string message, Exception inner)
            : base(message, inner)
        {
            Status = OperationStatus.Failed;
        }

        public InvalidPluginExecutionException(OperationStatus status)
            : this(status, "An unexpected error occurred.")
        {
        }

        public InvalidPluginExecutionException(OperationStatus status, string message)
            : base(message)
        {
            Status = status;
        }

        public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message)
            : base(message)
        {
            Status = status;
            HResult = errorCode;
        }

        public OperationStatus Status { get; private set; }
    }
}
