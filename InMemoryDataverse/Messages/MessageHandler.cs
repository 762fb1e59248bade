using System;
using System.Collections.Generic;
using System.Globalization;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.InMemoryDataverse.Storage;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Messages
{
    /// <summary>
    /// One message as the platform knows it, in one place: the request names that reach it, the SdkMessage its steps
    /// are registered on, the record it acts on (the pipeline's primary entity), the privileges it checks, its core
    /// operation, its response, and how the pipeline treats it (transaction, images, filtering attributes, the
    /// special-update split). The organization looks a handler up by request name once per request.
    /// </summary>
    internal abstract class MessageHandler
    {
        protected MessageHandler(string messageName, params string[] otherRequestNames)
        {
            MessageName = messageName;
            var names = new List<string> { messageName };
            names.AddRange(otherRequestNames);
            RequestNames = names;
        }

        /// <summary>The SdkMessage name: what steps are registered on and IExecutionContext.MessageName says.</summary>
        public string MessageName { get; }

        /// <summary>The request names (OrganizationRequest.RequestName) routed here: the message name first.</summary>
        public IReadOnlyList<string> RequestNames { get; }

        /// <summary>False for reads: the operation starts no transaction of its own.</summary>
        public virtual bool Writes => true;

        /// <summary>A step's filtering attributes apply (Update only); for every other message a step always fires.</summary>
        public virtual bool FiltersOnColumns => false;

        /// <summary>Whether a record exists before the core operation, so pre-images can be taken (not for Create).</summary>
        public virtual bool HasPreImage => true;

        /// <summary>Sets the operation's primary entity (name and id) from the request and checks that it exists.</summary>
        public abstract void ResolvePrimaryEntity(OperationState op);

        /// <summary>With steps registered, what is checked before PreValidation (a plug-in never sees an unknown column).</summary>
        public virtual void ValidateBeforePreValidation(OperationState op)
        {
        }

        /// <summary>The privileges the message needs (Microsoft Learn, "Privileges by message"); called only for checked callers.</summary>
        public abstract void Authorize(OperationState op);

        /// <summary>The core operation (stage 30).</summary>
        public abstract void Execute(OperationState op);

        /// <summary>The typed response of the SDK's request class; a bare response carrying the outputs otherwise.</summary>
        public virtual OrganizationResponse CreateResponse(OperationState op)
        {
            var response = new OrganizationResponse { ResponseName = op.RequestName };
            CopyOutputs(op, response);
            return response;
        }

        /// <summary>
        /// The two passes the platform splits the request into (Microsoft Learn, "Behavior of specialized update
        /// operations"); false when PreOperation, the core operation and PostOperation run once.
        /// </summary>
        public virtual bool TrySplit(OperationState op, out Entity firstPassTarget, out Entity secondPassTarget)
        {
            firstPassTarget = null!;
            secondPassTarget = null!;
            return false;
        }

        protected static void CopyOutputs(OperationState op, OrganizationResponse response)
        {
            foreach (var output in op.OutputParameters)
            {
                response.Results[output.Key] = output.Value;
            }
        }

        protected static T Required<T>(OperationState op, string key)
            where T : class
        {
            if (op.InputParameters.TryGetValue(key, out var value) && value is T typed)
            {
                return typed;
            }

            throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture, "Required field '{0}' is missing", key));
        }

        /// <summary>
        /// The Target entity of a Create or an Update, which names the primary entity; an id given only in the primary
        /// id column becomes the Target's id.
        /// </summary>
        protected static Entity TargetEntity(OperationState op, out TableSchema schema)
        {
            var target = Required<Entity>(op, "Target");
            schema = op.Organization.SchemaOf(target.LogicalName);
            op.PrimaryEntityName = schema.LogicalName;
            if (target.Id == Guid.Empty && target.Attributes.TryGetValue(schema.PrimaryIdColumn, out var idValue) && idValue is Guid givenId)
            {
                target.Id = givenId;
            }

            return target;
        }

        /// <summary>With steps registered, a Target's columns are checked before PreValidation (a plug-in never sees an unknown column).</summary>
        protected static void ValidateTargetColumns(OperationState op)
        {
            var target = (Entity)op.InputParameters["Target"];
            Validator.ValidateAttributes(op.Organization.SchemaOf(target.LogicalName), target, null);
        }

        /// <summary>The primary entity from a reference by id or by alternate key; the record must exist.</summary>
        protected static void ResolveReference(OperationState op, EntityReference reference)
        {
            var organization = op.Organization;
            var schema = organization.SchemaOf(reference.LogicalName);
            op.PrimaryEntityName = schema.LogicalName;
            var id = reference.Id;
            if (id == Guid.Empty && reference.KeyAttributes != null && reference.KeyAttributes.Count > 0)
            {
                id = FindByKey(organization, schema, reference.KeyAttributes);
                reference.Id = id;
            }

            op.PrimaryEntityId = ExistingId(organization, schema, id);
        }

        protected static Guid FindByKey(InMemoryOrganization organization, TableSchema schema, KeyAttributeCollection keys) =>
            organization.Store.Table(schema).FindByKey(keys)
            ?? throw new DataverseFaultException(DataverseErrorCodes.ObjectDoesNotExist, string.Format(CultureInfo.InvariantCulture,
                "A record with the specified key values does not exist in {0} entity", schema.LogicalName));

        protected static Guid ExistingId(InMemoryOrganization organization, TableSchema schema, Guid id)
        {
            if (!organization.Store.Table(schema).Contains(id))
            {
                throw Faults.DoesNotExist(schema.LogicalName, id);
            }

            return id;
        }

        /// <summary>The stored row of the primary entity (it exists: <see cref="ResolvePrimaryEntity"/> checked it).</summary>
        protected static Entity PrimaryRow(OperationState op) =>
            op.Organization.Store.Table(op.Organization.SchemaOf(op.PrimaryEntityName)).Get(op.PrimaryEntityId);
    }
}
