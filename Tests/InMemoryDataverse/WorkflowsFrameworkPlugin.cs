extern alias workflows;

using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using WorkflowsFramework = workflows::LeadRecycle.Framework;

namespace LeadRecycle.Tests.InMemoryDataverse
{
    /// <summary>
    /// A plug-in built on the Workflows assembly's own compilation of the framework (as the Custom APIs and
    /// workflow activities are): the registrar must read its declarations although its PluginStep is another type.
    /// </summary>
    public sealed class WorkflowsFrameworkPlugin : WorkflowsFramework.PluginBase
    {
        public WorkflowsFrameworkPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<WorkflowsFramework.PluginStep> Steps => new[]
        {
            WorkflowsFramework.PluginStep.For<WorkflowsFrameworkPlugin>("Update", "account", WorkflowsFramework.PipelineStage.PreOperation)
                .WhenChanged("name")
                .WithPreImage("pre", "Target", "name")
                .WithRank(3),
        };

        protected override void ExecuteStep(WorkflowsFramework.LocalPluginContext context)
        {
            var previous = context.GetPreImage("pre")!.GetAttributeValue<string>("name");
            context.GetTargetEntity()!["description"] = "Renamed from " + previous;
        }
    }
}
