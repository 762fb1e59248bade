using LeadRecycle.Framework;
using LeadRecycle.Schema;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// What makes a record come back, whichever message carries it: Update of statecode (the current way) or
    /// SetState (deprecated, older clients). No step on SetStateDynamicEntity: Microsoft Learn, "Event framework",
    /// excludes it from the messages that accept plug-in steps. Each rule acts once per record per operation
    /// (LocalPluginContext.ActOnce) whichever of its registrations the state change reaches.
    /// </summary>
    internal static class ReactivationEvent
    {
        /// <summary>True when this event moves a closed (or disqualified) record back to its open state.</summary>
        public static bool Reopens(LocalPluginContext context, string preImageAlias, int openState)
        {
            var newState = context.ExecutionContext.MessageName == SdkMessageNames.Update
                ? context.GetTargetEntity()?.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode)?.Value
                : context.GetInput<OptionSetValue>("State")?.Value;
            var oldState = context.GetPreImage(preImageAlias)?.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode)?.Value;
            return newState == openState && oldState != null && oldState != openState;
        }
    }
}
