using System;
using System.Activities;
using System.Diagnostics;
using LeadRecycle.Framework;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace LeadRecycle.Activities
{
    /// <summary>
    /// Owns Execute for LeadRecycle's custom workflow activities as PluginBase does for plug-ins: traces entry and
    /// exit with elapsed time through the ITracingService of the CodeActivityContext, and converts unexpected
    /// exceptions with the same UnexpectedErrors as the plug-ins (Microsoft's "Add tracing to custom workflow
    /// activities" and "Handle exceptions in plug-ins"), so a workflow's system job shows a plain message.
    /// </summary>
    public abstract class LeadRecycleActivity : CodeActivity
    {
        protected sealed override void Execute(CodeActivityContext executionContext)
        {
            var tracing = executionContext.GetExtension<ITracingService>();
            var name = GetType().Name;
            var stopwatch = Stopwatch.StartNew();
            tracing?.Trace("Entered {0}", name);
            try
            {
                ExecuteActivity(executionContext, tracing);
            }
            catch (Exception exception)
            {
                throw UnexpectedErrors.ForUser(exception, tracing, name);
            }
            finally
            {
                PluginBase.TracePolicyProblem(tracing, executionContext.GetExtension<IWorkflowContext>()?.OrganizationId ?? Guid.Empty);
                tracing?.Trace("Exiting {0} after {1} ms", name, stopwatch.ElapsedMilliseconds);
            }
        }

        /// <summary>The activity's work.</summary>
        protected abstract void ExecuteActivity(CodeActivityContext executionContext, ITracingService? tracing);
    }
}
