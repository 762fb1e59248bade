using System;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk.Messages
{
    // Like Microsoft's generated message classes: a request's constructor names the message; every typed
    // property reads and writes the Parameters (request) or Results (response) bag under its own name.
    // Response constructors set nothing (ResponseName stays null until a service fills it).

    [DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class CreateRequest : OrganizationRequest
    {
        public CreateRequest()
        {
            RequestName = "Create";
            Target = null;
        }

        public Entity Target
        {
            get => Parameters.Contains("Target") ? (Entity)Parameters["Target"] : null;
            set => Parameters["Target"] = value;
        }
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class CreateResponse : OrganizationResponse
    {

        public Guid id => Results.Contains("id") ? (Guid)Results["id"] : default;
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class UpdateRequest : OrganizationRequest
    {
        public UpdateRequest()
        {
            RequestName = "Update";
            Target = null;
        }

        public Entity Target
        {
            get => Parameters.Contains("Target") ? (Entity)Parameters["Target"] : null;
            set => Parameters["Target"] = value;
        }
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class UpdateResponse : OrganizationResponse
    {
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class RetrieveMultipleRequest : OrganizationRequest
    {
        public RetrieveMultipleRequest()
        {
            RequestName = "RetrieveMultiple";
            Query = null;
        }

        public QueryBase Query
        {
            get => Parameters.Contains("Query") ? (QueryBase)Parameters["Query"] : null;
            set => Parameters["Query"] = value;
        }
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class RetrieveMultipleResponse : OrganizationResponse
    {

        public EntityCollection EntityCollection =>
            Results.Contains("EntityCollection") ? (EntityCollection)Results["EntityCollection"] : null;
    }

    // RetrieveRequest/DeleteRequest: docs/research/dataverse-behaviour.md (A.2). RelatedEntitiesQuery and
    // ConcurrencyBehavior exist in Microsoft's classes but are left out: LeadRecycle does not use them.

    [DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class RetrieveRequest : OrganizationRequest
    {
        public RetrieveRequest()
        {
            RequestName = "Retrieve";
            Target = null;
            ColumnSet = null;
        }

        public ColumnSet ColumnSet
        {
            get => Parameters.Contains("ColumnSet") ? (ColumnSet)Parameters["ColumnSet"] : null;
            set => Parameters["ColumnSet"] = value;
        }

        public EntityReference Target
        {
            get => Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : null;
            set => Parameters["Target"] = value;
        }
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class RetrieveResponse : OrganizationResponse
    {

        public Entity Entity => Results.Contains("Entity") ? (Entity)Results["Entity"] : null;
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class DeleteRequest : OrganizationRequest
    {
        public DeleteRequest()
        {
            RequestName = "Delete";
            Target = null;
        }

        public EntityReference Target
        {
            get => Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : null;
            set => Parameters["Target"] = value;
        }
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
    public sealed class DeleteResponse : OrganizationResponse
    {
    }
}
