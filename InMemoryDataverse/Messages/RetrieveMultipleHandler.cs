using System;
using System.Collections.Generic;
using System.Globalization;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.InMemoryDataverse.Query;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.InMemoryDataverse.Messages
{
    /// <summary>
    /// RetrieveMultiple: Query (QueryExpression, QueryByAttribute, or a FetchExpression: rows or an aggregate) in, "EntityCollection" out; needs Read on the
    /// table, and rows (and linked rows) the caller cannot read are left out.
    /// </summary>
    internal sealed class RetrieveMultipleHandler : MessageHandler
    {
        public RetrieveMultipleHandler()
            : base("RetrieveMultiple")
        {
        }

        public override bool Writes => false;

        public override void ResolvePrimaryEntity(OperationState op)
        {
            if (op.InputParameters.TryGetValue("Query", out var value) && value is FetchExpression fetch)
            {
                op.PrimaryEntityName = FetchXml.Parse(fetch.Query, op.Organization.SchemaOf).EntityName;
                return;
            }

            op.PrimaryEntityName = op.Organization.SchemaOf(QueryOf(op).EntityName).LogicalName;
        }

        public override void Authorize(OperationState op)
        {
            var organization = op.Organization;
            var user = op.UserId;
            organization.Access.DemandPrivilege(user, organization.SchemaOf(op.PrimaryEntityName).Metadata, AccessRights.ReadAccess);
            var filters = new Dictionary<string, Func<Entity, bool>>(StringComparer.Ordinal);
            op.ReadFilter = (table, row) =>
            {
                if (!filters.TryGetValue(table, out var filter))
                {
                    filter = organization.IsUnchecked(user) ? _ => true : organization.Access.ReadFilter(user, organization.SchemaOf(table).Metadata);
                    filters.Add(table, filter);
                }

                return filter(row);
            };
        }

        public override void Execute(OperationState op)
        {
            var organization = op.Organization;
            op.Result = op.InputParameters["Query"] is FetchExpression fetch
                ? FetchXml.Parse(fetch.Query, organization.SchemaOf).Execute(organization.Queries, op.UserId, op.ReadFilter, organization.Options.AggregateQueryRecordLimit)
                : organization.Queries.Execute(QueryOf(op), op.UserId, op.ReadFilter);
            if (op.HasSteps)
            {
                op.OutputParameters["BusinessEntityCollection"] = op.Result;
            }
        }

        public override OrganizationResponse CreateResponse(OperationState op)
        {
            var response = new RetrieveMultipleResponse();
            response.Results["EntityCollection"] = op.Result;
            return response;
        }

        private static QueryExpression QueryOf(OperationState op)
        {
            var query = op.InputParameters.TryGetValue("Query", out var value) ? value : null;
            return query switch
            {
                QueryExpression expression => expression,
                QueryByAttribute byAttribute => QueryEngine.ToQueryExpression(byAttribute),
                null => throw Faults.InvalidArgument("Required field 'Query' is missing"),
                _ => throw Faults.InvalidArgument(string.Format(CultureInfo.InvariantCulture,
                    "The query type {0} is not supported by the in-memory Dataverse (use QueryExpression or QueryByAttribute).", query.GetType().Name)),
            };
        }
    }
}
