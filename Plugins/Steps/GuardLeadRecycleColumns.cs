using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Guarding;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// Refuses, before anything is written (PreValidation, the stage for validation a person should read), what a
    /// person or another product may not write (ColumnGuard). LeadRecycle's own writes come from its plug-ins, which
    /// mark their context (<see cref="SharedFlags.LeadRecycleActing"/>); a caller cannot set that on an enclosing
    /// context.
    /// </summary>
    public sealed class GuardLeadRecycleColumns : PluginBase
    {
        public GuardLeadRecycleColumns(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps =>
            ColumnGuard.Tables.SelectMany(table => new[]
            {
                PluginStep.For<GuardLeadRecycleColumns>(SdkMessageNames.Create, table, PipelineStage.PreValidation)
                    .Describe("Only LeadRecycle writes the columns that steer its automation."),
                PluginStep.For<GuardLeadRecycleColumns>(SdkMessageNames.Update, table, PipelineStage.PreValidation)
                    .Describe("Only LeadRecycle writes the columns that steer its automation."),
            });

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var target = context.GetTargetEntity();
            if (target == null || context.HasAncestorFlag(SharedFlags.LeadRecycleActing))
            {
                return;
            }

            ColumnGuard.Refuse(
                context.ExecutionContext.PrimaryEntityName,
                creating: context.ExecutionContext.MessageName == SdkMessageNames.Create,
                target,
                () => context.Policy().Stall.MaxSnoozeDays,
                context.UtcNow);
        }
    }
}
