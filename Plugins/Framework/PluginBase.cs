using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using LeadRecycle.Services.Configuration;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Framework
{
    /// <summary>
    /// Owns Execute for every LeadRecycle plug-in: resolves the services, skips events the plug-in was not
    /// registered for, guards against re-entry, traces entry/exit with elapsed time, and turns unexpected
    /// exceptions into InvalidPluginExecutionException with a plain message (UnexpectedErrors), their detail traced.
    /// Stateless: derived classes keep only constructor configuration in readonly fields.
    /// </summary>
    public abstract class PluginBase : IPlugin
    {
        protected PluginBase(string? unsecureConfiguration = null, string? secureConfiguration = null)
        {
            UnsecureConfiguration = unsecureConfiguration;
            SecureConfiguration = secureConfiguration;
        }

        /// <summary>The step's unsecure configuration, as the platform passes it to the constructor.</summary>
        protected string? UnsecureConfiguration { get; }

        /// <summary>The step's secure configuration, as the platform passes it to the constructor.</summary>
        protected string? SecureConfiguration { get; }

        /// <summary>The steps this plug-in type is registered on.</summary>
        public virtual IEnumerable<PluginStep> Steps => Array.Empty<PluginStep>();

        /// <summary>The Custom API this plug-in type implements, if any.</summary>
        public virtual CustomApiDefinition? CustomApi => null;

        public void Execute(IServiceProvider serviceProvider)
        {
            if (serviceProvider == null)
            {
                throw new InvalidPluginExecutionException("The plug-in was called without a service provider.");
            }

            var context = new LocalPluginContext(serviceProvider);
            var pluginName = GetType().Name;
            var stopwatch = Stopwatch.StartNew();
            context.Trace("Entered {0}: {1} of {2} ({3}), depth {4}, correlation {5}",
                pluginName, context.ExecutionContext.MessageName, context.ExecutionContext.PrimaryEntityName,
                context.ExecutionContext.Stage, context.ExecutionContext.Depth, context.ExecutionContext.CorrelationId);
            try
            {
                if (!IsRegisteredFor(context.ExecutionContext))
                {
                    context.Trace("{0} is not registered for this event; nothing to do.", pluginName);
                    return;
                }

                // A second execution of this plug-in for the same record, message and stage inside one operation (for
                // example, triggered by its own update) returns at once. The key lives in SharedVariables.
                if (!context.EnterOnce(GetType()))
                {
                    context.Trace("{0} already ran for this record in this operation; skipped.", pluginName);
                    return;
                }

                // Marks every operation this plug-in starts as LeadRecycle's own: the column guard lets LeadRecycle
                // alone write the columns that steer what SYSTEM does (GuardLeadRecycleColumns).
                context.ExecutionContext.SharedVariables[LeadRecycle.Schema.SharedFlags.LeadRecycleActing] = true;
                ExecuteStep(context);
            }
            catch (Exception exception)
            {
                throw UnexpectedErrors.ForUser(exception, context.TracingService, pluginName);
            }
            finally
            {
                TracePolicyProblem(context.TracingService, context.ExecutionContext.OrganizationId);
                context.Trace("Exiting {0} after {1} ms", pluginName, stopwatch.ElapsedMilliseconds);
            }
        }

        /// <summary>
        /// Writes to the trace why the organization's stored policy is set aside, if it is (RecyclePolicyProvider):
        /// the plug-in trace log is where an admin looks first when LeadRecycle behaves unexpectedly.
        /// </summary>
        internal static void TracePolicyProblem(ITracingService? tracing, Guid organizationId)
        {
            var problem = RecyclePolicyProvider.ProblemFor(organizationId);
            if (problem != null)
            {
                tracing?.Trace("{0}", problem);
            }
        }

        /// <summary>The plug-in's work; called only for a registered event.</summary>
        protected abstract void ExecuteStep(LocalPluginContext context);

        private bool IsRegisteredFor(IPluginExecutionContext context)
        {
            var customApi = CustomApi;
            if (customApi != null && string.Equals(customApi.UniqueName, context.MessageName, StringComparison.Ordinal))
            {
                return true;
            }

            return Steps.Any(step => step.Matches(context.MessageName, context.PrimaryEntityName, context.Stage));
        }
    }
}
