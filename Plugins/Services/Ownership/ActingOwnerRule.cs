using System;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Ownership
{
    /// <summary>
    /// The one rule for who acts, wherever LeadRecycle picks a person (the return to sales, a stalled deal's task,
    /// a recycled lead's owner): the user if enabled; a team as itself (team ownership is a normal case in
    /// Dataverse, and its members see what it owns); else the user's manager if enabled; else the policy's
    /// fallback (a user, a team, or a queue whose owner takes the record). Dataverse refuses to assign a record to
    /// a disabled user, so a departed rep is never chosen.
    /// </summary>
    public static class ActingOwnerRule
    {
        /// <summary>The acting owner for <paramref name="principal"/>, or null when the rule finds no one.</summary>
        /// <param name="knownEnabledUserId">A user known to be enabled (the caller acting now): no read for that user.</param>
        public static ActingOwner? Resolve(IOrganizationService service, EntityReference? principal, EntityReference? fallback, Guid? knownEnabledUserId = null)
        {
            if (principal != null && principal.LogicalName == Team.EntityName)
            {
                return new ActingOwner(new EntityReference(Team.EntityName, principal.Id), "owner team");
            }

            if (principal != null && principal.LogicalName == SystemUser.EntityName)
            {
                if (knownEnabledUserId == principal.Id)
                {
                    return new ActingOwner(new EntityReference(SystemUser.EntityName, principal.Id), "original rep");
                }

                var user = FindUser(service, principal.Id);
                if (user != null && !user.GetAttributeValue<bool>(SystemUser.IsDisabled))
                {
                    return new ActingOwner(new EntityReference(SystemUser.EntityName, user.Id), "original rep");
                }

                var managerReference = user?.GetAttributeValue<EntityReference>(SystemUser.Manager);
                var manager = managerReference == null ? null : FindUser(service, managerReference.Id);
                if (manager != null && !manager.GetAttributeValue<bool>(SystemUser.IsDisabled))
                {
                    return new ActingOwner(new EntityReference(SystemUser.EntityName, manager.Id), "rep's manager");
                }
            }

            return Fallback(service, fallback);
        }

        /// <summary>
        /// Who acts above <paramref name="principal"/> (an escalation): the user's manager by the same rule (the manager
        /// if enabled, else the manager's manager, else the fallback); a team, or a user with no manager, has the
        /// fallback. Null when the rule finds no one.
        /// </summary>
        public static ActingOwner? ResolveManagerOf(IOrganizationService service, EntityReference? principal, EntityReference? fallback)
        {
            var manager = principal != null && principal.LogicalName == SystemUser.EntityName
                ? FindUser(service, principal.Id)?.GetAttributeValue<EntityReference>(SystemUser.Manager)
                : null;
            return manager == null ? Fallback(service, fallback) : Resolve(service, new EntityReference(SystemUser.EntityName, manager.Id), fallback);
        }

        private static ActingOwner? Fallback(IOrganizationService service, EntityReference? fallback)
        {
            if (fallback == null)
            {
                return null;
            }

            if (fallback.LogicalName == Queue.EntityName)
            {
                // A queue owns nothing: the record goes to the queue's owner and is put in the queue.
                var queue = service.Retrieve(Queue.EntityName, fallback.Id, new ColumnSet(CommonColumns.OwnerId));
                var queueOwner = queue.GetAttributeValue<EntityReference>(CommonColumns.OwnerId)
                    ?? throw new InvalidPluginExecutionException($"The fallback queue of 'engagement.fallbackOwner' in {PolicyVariable.SchemaName} has no owner.");
                return new ActingOwner(queueOwner, "fallback queue", fallback);
            }

            return new ActingOwner(fallback, "fallback owner");
        }

        /// <summary>A user by id, or null when there is none (a query, so a deleted user is not an error).</summary>
        private static Entity? FindUser(IOrganizationService service, Guid id)
        {
            var query = new QueryExpression(SystemUser.EntityName)
            {
                ColumnSet = new ColumnSet(SystemUser.IsDisabled, SystemUser.Manager),
                TopCount = 1,
            };
            query.Criteria.AddCondition(SystemUser.Id, ConditionOperator.Equal, id);
            var users = service.RetrieveMultiple(query).Entities;
            return users.Count == 0 ? null : users[0];
        }
    }
}
