using System;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    // Sources: learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.grantaccessrequest and .accessrights;
    // see docs/research/dataverse-behaviour.md (A.1).

    [Flags]
    [DataContract(Name = "AccessRights", Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public enum AccessRights
    {
        [EnumMember] None = 0,
        [EnumMember] ReadAccess = 1,
        [EnumMember] WriteAccess = 2,
        [EnumMember] AppendAccess = 4,
        [EnumMember] AppendToAccess = 16,
        [EnumMember] CreateAccess = 32,
        [EnumMember] DeleteAccess = 65536,
        [EnumMember] ShareAccess = 262144,
        [EnumMember] AssignAccess = 524288,
    }

    [DataContract(Name = "PrincipalAccess", Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class PrincipalAccess : IExtensibleDataObject
    {
        [DataMember]
        public AccessRights AccessMask { get; set; }

        [DataMember]
        public EntityReference Principal { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class GrantAccessRequest : OrganizationRequest
    {
        public GrantAccessRequest()
        {
            RequestName = "GrantAccess";
            Target = null;
            PrincipalAccess = null;
        }

        public PrincipalAccess PrincipalAccess
        {
            get => Parameters.Contains("PrincipalAccess") ? (PrincipalAccess)Parameters["PrincipalAccess"] : null;
            set => Parameters["PrincipalAccess"] = value;
        }

        public EntityReference Target
        {
            get => Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : null;
            set => Parameters["Target"] = value;
        }
    }

    [DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
    public sealed class GrantAccessResponse : OrganizationResponse
    {
    }
}
