using System;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Framework
{
    /// <summary>
    /// The one conversion of exceptions into what a user sees, shared by PluginBase and the custom workflow
    /// activities. Microsoft's "Handle exceptions in plug-ins" (Power Apps docs): only an
    /// InvalidPluginExecutionException's message is shown as written; anything else reaches the user as an
    /// unexpected error with technical text. A refusal LeadRecycle wrote on purpose passes through unchanged; anything
    /// unexpected becomes a plain message for the rep, and its detail goes to the trace (the plug-in trace log),
    /// where an administrator can read it, never into the rep's message.
    /// </summary>
    public static class UnexpectedErrors
    {
        /// <summary>What a user sees when something LeadRecycle did not plan for went wrong.</summary>
        public const string UserMessage =
            "Something went wrong, so this was not saved. Try again; if it keeps happening, contact your administrator.";

        /// <summary>
        /// The code Dataverse puts in OrganizationServiceFault.ErrorCode when a plug-in refused an operation with
        /// InvalidPluginExecutionException (ISVAborted, 0x80040265, in Microsoft's "Web service error codes").
        /// A nested call that a LeadRecycle step refused reaches the calling plug-in as such a fault.
        /// </summary>
        public const int IsvAborted = -2147220891;

        /// <summary>The exception to throw for <paramref name="exception"/>; traces the detail of unexpected ones.</summary>
        public static InvalidPluginExecutionException ForUser(Exception exception, ITracingService? tracing, string component)
        {
            if (exception is InvalidPluginExecutionException refusal)
            {
                return refusal;
            }

            if (IsNestedRefusal(exception))
            {
                // A refusal of a nested operation (for example the Lose that Return to Nurture performs): its message
                // was written for the user by the step that refused it.
                return new InvalidPluginExecutionException(exception.Message, exception);
            }

            tracing?.Trace("{0} failed unexpectedly: {1}", component, exception);
            return new InvalidPluginExecutionException(UserMessage, exception);
        }

        /// <summary>
        /// Whether the exception is a FaultException&lt;OrganizationServiceFault&gt; with ISVAborted. Read through its
        /// public Detail.ErrorCode so that this code compiles against the SDK stand-in, which has no fault type.
        /// </summary>
        private static bool IsNestedRefusal(Exception exception)
        {
            try
            {
                var detail = exception.GetType().GetProperty("Detail")?.GetValue(exception, null);
                var code = detail?.GetType().GetProperty("ErrorCode")?.GetValue(detail, null);
                return code is int errorCode && errorCode == IsvAborted;
            }
            catch (Exception)
            {
                // An exception of another shape (an ambiguous or throwing Detail): not a refusal; converting it must
                // not fail in turn.
                return false;
            }
        }
    }
}
