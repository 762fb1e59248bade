using System;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    // Crm messages use the crm (not xrm) contract namespace. Request constructors name the request (the client-side
    // name: "LoseOpportunity", which the platform runs as the SdkMessage "Lose" that plug-ins see); typed
    // properties read and write the Parameters / Results bags under the property's name.

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class LoseOpportunityRequest : OrganizationRequest
    {
        public LoseOpportunityRequest()
        {
            RequestName = "LoseOpportunity";
            OpportunityClose = null;
            Status = null;
        }

        public Entity OpportunityClose
        {
            get => Parameters.Contains("OpportunityClose") ? (Entity)Parameters["OpportunityClose"] : null;
            set => Parameters["OpportunityClose"] = value;
        }

        public OptionSetValue Status
        {
            get => Parameters.Contains("Status") ? (OptionSetValue)Parameters["Status"] : null;
            set => Parameters["Status"] = value;
        }
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class LoseOpportunityResponse : OrganizationResponse
    {
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class WinOpportunityRequest : OrganizationRequest
    {
        public WinOpportunityRequest()
        {
            RequestName = "WinOpportunity";
            OpportunityClose = null;
            Status = null;
        }

        public Entity OpportunityClose
        {
            get => Parameters.Contains("OpportunityClose") ? (Entity)Parameters["OpportunityClose"] : null;
            set => Parameters["OpportunityClose"] = value;
        }

        public OptionSetValue Status
        {
            get => Parameters.Contains("Status") ? (OptionSetValue)Parameters["Status"] : null;
            set => Parameters["Status"] = value;
        }
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class WinOpportunityResponse : OrganizationResponse
    {
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class SetStateRequest : OrganizationRequest
    {
        public SetStateRequest()
        {
            RequestName = "SetState";
            EntityMoniker = null;
            State = null;
            Status = null;
        }

        public EntityReference EntityMoniker
        {
            get => Parameters.Contains("EntityMoniker") ? (EntityReference)Parameters["EntityMoniker"] : null;
            set => Parameters["EntityMoniker"] = value;
        }

        public OptionSetValue State
        {
            get => Parameters.Contains("State") ? (OptionSetValue)Parameters["State"] : null;
            set => Parameters["State"] = value;
        }

        public OptionSetValue Status
        {
            get => Parameters.Contains("Status") ? (OptionSetValue)Parameters["Status"] : null;
            set => Parameters["Status"] = value;
        }
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class SetStateResponse : OrganizationResponse
    {
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class AssignRequest : OrganizationRequest
    {
        public AssignRequest()
        {
            RequestName = "Assign";
            Target = null;
            Assignee = null;
        }

        public EntityReference Assignee
        {
            get => Parameters.Contains("Assignee") ? (EntityReference)Parameters["Assignee"] : null;
            set => Parameters["Assignee"] = value;
        }

        public EntityReference Target
        {
            get => Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : null;
            set => Parameters["Target"] = value;
        }
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class AssignResponse : OrganizationResponse
    {
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class WhoAmIRequest : OrganizationRequest
    {
        public WhoAmIRequest()
        {
            RequestName = "WhoAmI";
        }
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class WhoAmIResponse : OrganizationResponse
    {

        public Guid BusinessUnitId => Results.Contains("BusinessUnitId") ? (Guid)Results["BusinessUnitId"] : default;

        public Guid OrganizationId => Results.Contains("OrganizationId") ? (Guid)Results["OrganizationId"] : default;

        public Guid UserId => Results.Contains("UserId") ? (Guid)Results["UserId"] : default;
    }
}
