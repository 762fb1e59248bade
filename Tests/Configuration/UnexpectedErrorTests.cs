using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Framework;
using LeadRecycle.Testing;
using LeadRecycle.Tests.InMemoryDataverse;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Configuration
{
    /// <summary>What a rep sees when a LeadRecycle plug-in fails: a refusal as written, or a plain message.</summary>
    public sealed class UnexpectedErrorTests
    {
        private const string Expected =
            "Something went wrong, so this was not saved. Try again; if it keeps happening, contact your administrator.";

        [Fact]
        public void Should_show_a_plain_message_and_trace_the_detail_when_a_plugin_fails_unexpectedly()
        {
            var organization = TestOrganization.Create();
            organization.RegisterSteps<FailingPlugin>();

            var error = Assert.Throws<InvalidPluginExecutionException>(() => organization.Service.CreateOpportunity());

            Assert.Equal(Expected, error.Message);
            Assert.DoesNotContain(nameof(FailingPlugin), error.Message);
            var trace = Assert.Single(organization.LastOperation!.Executions).TraceLines;
            Assert.Contains(trace, line => line.StartsWith("FailingPlugin failed unexpectedly: System.InvalidOperationException: " + FailingPlugin.Detail, StringComparison.Ordinal));
        }

        [Fact]
        public void Should_pass_a_refusal_through_unchanged_when_a_plugin_throws_it_on_purpose()
        {
            var refusal = new InvalidPluginExecutionException("Choose a reason.");

            var converted = UnexpectedErrors.ForUser(refusal, null, "AnyPlugin");

            Assert.Same(refusal, converted);
        }

        [Fact]
        public void Should_keep_the_message_when_a_nested_operation_was_refused_by_a_plugin()
        {
            var fault = new FaultLike("Fill in the background, then close the opportunity again.", UnexpectedErrors.IsvAborted);

            var converted = UnexpectedErrors.ForUser(fault, null, "ReturnToNurtureApi");

            Assert.Equal("Fill in the background, then close the opportunity again.", converted.Message);
        }

        [Fact]
        public void Should_show_a_plain_message_when_a_nested_operation_failed_for_another_reason()
        {
            var traces = new List<string>();
            var fault = new FaultLike("A record that has the attribute values Source, Recycle number already exists.", -2147088238);

            var converted = UnexpectedErrors.ForUser(fault, new ListTracing(traces), "RecycleLostOpportunity");

            Assert.Equal(Expected, converted.Message);
            Assert.Contains("A record that has the attribute values Source, Recycle number already exists.", traces.Single());
        }

        /// <summary>Shaped like FaultException&lt;OrganizationServiceFault&gt;: a public Detail with an ErrorCode.</summary>
        private sealed class FaultLike : Exception
        {
            public FaultLike(string message, int errorCode)
                : base(message)
            {
                Detail = new FaultDetail { ErrorCode = errorCode };
            }

            public FaultDetail Detail { get; }
        }

        private sealed class FaultDetail
        {
            public int ErrorCode { get; set; }
        }

        private sealed class ListTracing : ITracingService
        {
            private readonly List<string> _lines;

            public ListTracing(List<string> lines) => _lines = lines;

            public void Trace(string format, params object[] args) => _lines.Add(string.Format(format, args));
        }
    }

    public sealed class FailingPlugin : PluginBase
    {
        public const string Detail = "A record that has the attribute values lr_sourceid already exists.";

        public FailingPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override IEnumerable<PluginStep> Steps => new[]
        {
            PluginStep.For<FailingPlugin>(SdkMessageNames.Create, "opportunity", PipelineStage.PreOperation),
        };

        protected override void ExecuteStep(LocalPluginContext context) => throw new InvalidOperationException(Detail);
    }
}
