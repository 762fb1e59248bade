using System;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Query
{
    /// <summary>A FetchExpression read by FetchXml.Parse: an aggregate query or a query for rows.</summary>
    internal interface IFetchQuery
    {
        string EntityName { get; }

        /// <summary>Runs the query; aggregateRecordLimit binds aggregate queries only (Dataverse's limit is on aggregates).</summary>
        EntityCollection Execute(QueryEngine engine, Guid callingUserId, Func<string, Entity, bool>? canRead, int aggregateRecordLimit);
    }
}
