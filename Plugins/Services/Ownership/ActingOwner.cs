using System;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Ownership
{
    /// <summary>Who LeadRecycle hands a record or a task to, and by which route of the rule.</summary>
    public sealed class ActingOwner
    {
        public ActingOwner(EntityReference owner, string route, EntityReference? queue = null)
        {
            Owner = owner;
            Route = route;
            Queue = queue;
        }

        /// <summary>A user or a team: what goes in ownerid.</summary>
        public EntityReference Owner { get; }

        /// <summary>The queue the record is put in, when the fallback is a queue (its owner owns the record).</summary>
        public EntityReference? Queue { get; }

        /// <summary>"original rep", "owner team", "rep's manager", "fallback owner" or "fallback queue".</summary>
        public string Route { get; }
    }
}
