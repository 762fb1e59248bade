using System;
using System.Collections.Generic;
using LeadRecycle.Framework;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Tests.InMemoryDataverse
{
    /// <summary>Creates a follow-up task for a new opportunity; declares its step like a shipped LeadRecycle plug-in.</summary>
    public sealed class CreateFollowUpTaskPlugin : PluginBase
    {
        public CreateFollowUpTaskPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<CreateFollowUpTaskPlugin>(SdkMessageNames.Create, "opportunity", PipelineStage.PostOperation)
                .WithConfiguration("Follow up"),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            context.Trace("Configuration: {0} / {1}", UnsecureConfiguration ?? "(none)", SecureConfiguration ?? "(none)");
            var target = context.GetTargetReference()!;
            context.UserService.Create(new Entity("task")
            {
                ["subject"] = UnsecureConfiguration + ": " + context.GetTargetEntity()!.GetAttributeValue<string>("name"),
                ["regardingobjectid"] = target,
            });
        }
    }

    /// <summary>Refuses an opportunity estimate above a limit, in PreValidation (a declared PluginBase step).</summary>
    public sealed class EstimateLimitPlugin : PluginBase
    {
        public const string Message = "The estimated revenue cannot exceed 1,000,000.";

        public EstimateLimitPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<EstimateLimitPlugin>(SdkMessageNames.Update, "opportunity", PipelineStage.PreValidation)
                .WhenChanged("estimatedvalue"),
        };

        protected override void ExecuteStep(LocalPluginContext context)
        {
            var estimate = context.GetTargetEntity()!.GetAttributeValue<Money>("estimatedvalue");
            if (estimate != null && estimate.Value > 1000000m)
            {
                throw new InvalidPluginExecutionException(Message);
            }
        }
    }

    /// <summary>Updates the record it was triggered by, again and again: a loop only Depth stops.</summary>
    public sealed class EndlessLoopPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
            var service = factory.CreateOrganizationService(context.UserId);
            service.Update(new Entity(context.PrimaryEntityName, context.PrimaryEntityId) { ["description"] = "depth " + context.Depth });
        }
    }

    /// <summary>A Custom API: doubles its input "Value" into the output "Doubled".</summary>
    public sealed class DoubleCustomApi : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            context.OutputParameters["Doubled"] = (int)context.InputParameters["Value"] * 2;
            context.OutputParameters["Stage"] = context.Stage;
        }
    }
}
