using System;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.InMemoryDataverse
{
    /// <summary>
    /// IOrganizationService over an <see cref="InMemoryOrganization"/>, as one user. Every call goes through the
    /// organization's pipeline. A service handed to a plug-in (through its IOrganizationServiceFactory) carries the
    /// plug-in's context: its calls are nested operations (Depth + 1, same transaction) and are counted.
    /// </summary>
    public sealed class OrganizationService : IOrganizationService
    {
        private readonly InMemoryOrganization _organization;
        private readonly PluginExecutionContext? _caller;

        internal OrganizationService(InMemoryOrganization organization, Guid userId, PluginExecutionContext? caller)
        {
            _organization = organization;
            UserId = userId;
            _caller = caller;
        }

        /// <summary>The user the calls run as.</summary>
        public Guid UserId { get; }

        public Guid Create(Entity entity)
        {
            Count("Create");
            var input = new ParameterCollection { ["Target"] = Values.CopyEntity(entity ?? throw new ArgumentNullException(nameof(entity))) };
            return _organization.Run("Create", input, null, UserId, _caller).CreatedId;
        }

        public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet)
        {
            Count("Retrieve");
            var input = new ParameterCollection { ["Target"] = new EntityReference(entityName, id), ["ColumnSet"] = columnSet };
            return (Entity)_organization.Run("Retrieve", input, null, UserId, _caller).Result!;
        }

        public void Update(Entity entity)
        {
            Count("Update");
            var input = new ParameterCollection { ["Target"] = Values.CopyEntity(entity ?? throw new ArgumentNullException(nameof(entity))) };
            _organization.Run("Update", input, null, UserId, _caller);
        }

        public void Delete(string entityName, Guid id)
        {
            Count("Delete");
            var input = new ParameterCollection { ["Target"] = new EntityReference(entityName, id) };
            _organization.Run("Delete", input, null, UserId, _caller);
        }

        public OrganizationResponse Execute(OrganizationRequest request)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            Count(request.RequestName ?? string.Empty);
            return _organization.Execute(request, UserId, _caller);
        }

        public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities)
        {
            Count("Associate");
            throw Faults.InvalidArgument("Associate is not supported by the in-memory Dataverse (LeadRecycle sets lookups instead).");
        }

        public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities)
        {
            Count("Disassociate");
            throw Faults.InvalidArgument("Disassociate is not supported by the in-memory Dataverse (LeadRecycle clears lookups instead).");
        }

        public EntityCollection RetrieveMultiple(QueryBase query)
        {
            Count("RetrieveMultiple");
            var input = new ParameterCollection { ["Query"] = query };
            return (EntityCollection)_organization.Run("RetrieveMultiple", input, null, UserId, _caller).Result!;
        }

        private void Count(string messageName)
        {
            if (_caller != null)
            {
                _organization.CountPluginCall(messageName);
            }
        }
    }
}
