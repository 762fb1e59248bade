using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Steps
{
    /// <summary>
    /// Stamps a lead's last activity when a task, phone call, email or appointment is created regarding it, so
    /// passive recycling of sales-accepted leads measures inactivity. Asynchronous: it never slows the rep.
    /// </summary>
    public sealed class TrackLeadActivity : PluginBase
    {
        private static readonly string[] Activities = { ActivityTables.Task, ActivityTables.PhoneCall, ActivityTables.Email, ActivityTables.Appointment };

        public TrackLeadActivity(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps =>
            Activities.Select(activity =>
                PluginStep.For<TrackLeadActivity>(SdkMessageNames.Create, activity, PipelineStage.PostOperation, ExecutionMode.Asynchronous)
                    .Describe("Stamps the regarding lead's last activity."));

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var regarding = context.GetTargetEntity()?.GetAttributeValue<EntityReference>(ActivityTables.Regarding);
            if (regarding != null && regarding.LogicalName == Lead.EntityName)
            {
                LeadInactivity.RecordActivity(context.SystemService, regarding.Id, context.UtcNow);
            }
        }
    }
}
