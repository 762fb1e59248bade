using System;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Framework
{
    /// <summary>The services of one execution, with typed access to the Target and images.</summary>
    public sealed class LocalPluginContext
    {
        private const string ReentryKeyPrefix = "LeadRecycle.Entered:";
        private const string ActedKeyPrefix = "LeadRecycle.Acted:";
        private IOrganizationService? _userService;
        private IOrganizationService? _systemService;

        public LocalPluginContext(IServiceProvider serviceProvider)
        {
            ExecutionContext = (IPluginExecutionContext?)serviceProvider.GetService(typeof(IPluginExecutionContext))
                ?? throw new InvalidPluginExecutionException("The plug-in execution context is not available.");
            TracingService = (ITracingService?)serviceProvider.GetService(typeof(ITracingService));
            ServiceFactory = (IOrganizationServiceFactory?)serviceProvider.GetService(typeof(IOrganizationServiceFactory))
                ?? throw new InvalidPluginExecutionException("The organization service factory is not available.");
        }

        public IPluginExecutionContext ExecutionContext { get; }

        public ITracingService? TracingService { get; }

        public IOrganizationServiceFactory ServiceFactory { get; }

        /// <summary>The organization service as the calling user (security applies).</summary>
        public IOrganizationService UserService => _userService ??= ServiceFactory.CreateOrganizationService(ExecutionContext.UserId);

        /// <summary>The organization service as SYSTEM, for writes the user may not own (the recycled lead).</summary>
        public IOrganizationService SystemService => _systemService ??= ServiceFactory.CreateOrganizationService(null);

        /// <summary>The platform's time for this operation, so that replayed and simulated histories stay consistent.</summary>
        public DateTime UtcNow
        {
            get
            {
                var created = ExecutionContext.OperationCreatedOn;
                return created == default ? DateTime.UtcNow : DateTime.SpecifyKind(created, DateTimeKind.Utc);
            }
        }

        /// <summary>Whether LeadRecycle's own caller allows the system reason "Stalled in stage" (the lapsed return's job).</summary>
        public bool SystemReasonAllowed => HasSharedFlag(SharedFlags.SystemReasonAllowed);

        /// <summary>The organization's policy: cached, read through SYSTEM when the cached one is stale.</summary>
        public RecyclePolicy Policy() => RecyclePolicyProvider.Get(SystemService, ExecutionContext.OrganizationId, UtcNow);

        public void Trace(string format, params object[] args)
        {
            TracingService?.Trace(format, args);
        }

        /// <summary>The Target of Create/Update as an Entity, or null when the message carries none.</summary>
        public Entity? GetTargetEntity() =>
            ExecutionContext.InputParameters.TryGetValue("Target", out var target) ? target as Entity : null;

        /// <summary>The Target as a reference (Delete, Assign, ...), or the Target entity's reference.</summary>
        public EntityReference? GetTargetReference()
        {
            if (!ExecutionContext.InputParameters.TryGetValue("Target", out var target))
            {
                return null;
            }

            return target as EntityReference ?? (target as Entity)?.ToEntityReference();
        }

        public T? GetInput<T>(string name)
            where T : class =>
            ExecutionContext.InputParameters.TryGetValue(name, out var value) ? value as T : null;

        public Entity? GetPreImage(string alias) =>
            ExecutionContext.PreEntityImages.TryGetValue(alias, out var image) ? image : null;

        /// <summary>The record as it will be after the operation: the pre-image with the Target's columns over it.</summary>
        public Entity MergeTargetOverPreImage(string preImageAlias)
        {
            var target = GetTargetEntity();
            var preImage = GetPreImage(preImageAlias);
            var merged = new Entity(ExecutionContext.PrimaryEntityName, ExecutionContext.PrimaryEntityId);
            if (preImage != null)
            {
                foreach (var attribute in preImage.Attributes)
                {
                    merged[attribute.Key] = attribute.Value;
                }
            }

            if (target != null)
            {
                foreach (var attribute in target.Attributes)
                {
                    merged[attribute.Key] = attribute.Value;
                }
            }

            return merged;
        }

        /// <summary>Whether an enclosing operation (a parent context) is the given message on the given table.</summary>
        public bool HasAncestor(string messageName, string primaryEntityName)
        {
            for (var context = ExecutionContext.ParentContext; context != null; context = context.ParentContext)
            {
                if (string.Equals(context.MessageName, messageName, StringComparison.Ordinal)
                    && string.Equals(context.PrimaryEntityName, primaryEntityName, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether an enclosing operation (not this one) carries a shared variable: true when this operation was started
        /// by a plug-in that set it, never for a call a person or an integration makes directly.
        /// </summary>
        public bool HasAncestorFlag(string key)
        {
            for (var context = ExecutionContext.ParentContext; context != null; context = context.ParentContext)
            {
                if (context.SharedVariables.TryGetValue(key, out var value) && value is bool flag && flag)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether this context or an enclosing one carries a shared variable (set by LeadRecycle's own callers).</summary>
        public bool HasSharedFlag(string key)
        {
            for (IPluginExecutionContext? context = ExecutionContext; context != null; context = context.ParentContext)
            {
                if (context.SharedVariables.TryGetValue(key, out var value) && value is bool flag && flag)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// An entity a step earlier in this operation (or in an enclosing one) stored in SharedVariables under the key:
        /// this context's own first, then each ParentContext's. Microsoft Learn, "Behavior of specialized update
        /// operations": a step that needs the whole change of a split Update reads it where it is whole and passes it
        /// on in SharedVariables. A step in stage 20 or 40 of an internally generated request sees the original
        /// request's context as its ParentContext ("IPluginExecutionContext.ParentContext Property"), so a PostOperation
        /// step reaches what a PreValidation step stored there. "Understand the execution context" warns that the
        /// order behind ParentContext is not guaranteed: callers fall back to reading the record when nothing is found.
        /// </summary>
        public Entity? GetSharedEntity(string key)
        {
            for (IPluginExecutionContext? context = ExecutionContext; context != null; context = context.ParentContext)
            {
                if (context.SharedVariables.TryGetValue(key, out var value) && value is Entity entity)
                {
                    return entity;
                }
            }

            return null;
        }

        /// <summary>
        /// Lets a rule act once per record per operation, whichever message and registration carries the change: a
        /// state change can reach one rule through several registrations (SetState and Update; the two passes of a
        /// split Update). The key is the rule, the record and the CorrelationId (shared by every message one request
        /// causes), never the message name. It is stored in this context's SharedVariables and in every
        /// ParentContext's, so later stages of an enclosing operation see it too; returns false when the rule already
        /// acted. Microsoft's documentation does not say whether a write to a parent context's SharedVariables reaches
        /// the parent pipeline's later stages (the in-memory Dataverse shares them); LeadRecycle's alternate keys on
        /// what a rule creates stay the backstop either way.
        /// </summary>
        public bool ActOnce(string rule)
        {
            var key = ActedKeyPrefix + rule + "|" + ExecutionContext.PrimaryEntityName + "|" + ExecutionContext.PrimaryEntityId
                + "|" + ExecutionContext.CorrelationId;
            for (IPluginExecutionContext? context = ExecutionContext; context != null; context = context.ParentContext)
            {
                if (context.SharedVariables.Contains(key))
                {
                    return false;
                }
            }

            for (IPluginExecutionContext? context = ExecutionContext; context != null; context = context.ParentContext)
            {
                context.SharedVariables[key] = true;
            }

            return true;
        }

        /// <summary>
        /// Records in SharedVariables (visible to this context and its parents) that a plug-in type ran for this
        /// record and message and stage; returns false when it already had.
        /// </summary>
        internal bool EnterOnce(Type pluginType)
        {
            var key = ReentryKeyPrefix + pluginType.FullName + "|" + ExecutionContext.MessageName + "|"
                + ExecutionContext.Stage + "|" + ExecutionContext.PrimaryEntityId;
            for (var context = ExecutionContext.ParentContext; context != null; context = context.ParentContext)
            {
                if (context.SharedVariables.Contains(key))
                {
                    return false;
                }
            }

            if (ExecutionContext.SharedVariables.Contains(key))
            {
                return false;
            }

            ExecutionContext.SharedVariables[key] = true;
            return true;
        }
    }
}
