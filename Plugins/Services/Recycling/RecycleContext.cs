using System;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;

namespace LeadRecycle.Services.Recycling
{
    /// <summary>What the recycling plug-ins share: the policy, the clock and the rule on the system reason.</summary>
    public static class RecycleContext
    {
        public static RecyclePolicy Policy(LocalPluginContext context) =>
            RecyclePolicyProvider.Get(context.SystemService, context.ExecutionContext.OrganizationId, UtcNow(context));

        /// <summary>The platform's time for this operation, so that replayed and simulated histories stay consistent.</summary>
        public static DateTime UtcNow(LocalPluginContext context)
        {
            var created = context.ExecutionContext.OperationCreatedOn;
            return created == default ? DateTime.UtcNow : DateTime.SpecifyKind(created, DateTimeKind.Utc);
        }

        public static bool SystemReasonAllowed(LocalPluginContext context) => context.HasSharedFlag(SharedFlags.SystemReasonAllowed);

        public static RecycleType TypeFor(ReasonPolicy reasonPolicy) =>
            reasonPolicy.Reason == DisqualificationReason.StalledInStage ? RecycleType.Passive : RecycleType.Active;
    }
}
