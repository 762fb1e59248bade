using System;
using BenchmarkDotNet.Attributes;
using LeadRecycle.Framework;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.InMemoryDataverse.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Benchmarks
{
    /// <summary>Raw organization-service calls with no step registered.</summary>
    [MemoryDiagnoser]
    public class OrganizationServiceBenchmarks
    {
        private const int TruncateEvery = 100000;
        private InMemoryOrganization _organization = null!;
        private IOrganizationService _service = null!;
        private Guid _retrieveId;
        private QueryExpression _query = null!;
        private int _created;

        [GlobalSetup]
        public void Setup()
        {
            _organization = new InMemoryOrganization();
            _service = _organization.Service;
            _retrieveId = _service.Create(new Entity("account") { ["name"] = "Contoso", ["description"] = "Retrieved by the benchmark" });
            for (var i = 0; i < 10000; i++)
            {
                _service.Create(new Entity("opportunity")
                {
                    ["name"] = "Deal " + i,
                    ["estimatedvalue"] = new Money(i * 10m),
                    ["salesstage"] = new OptionSetValue(i % 4),
                });
            }

            _query = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name", "estimatedvalue") };
            _query.Criteria.AddCondition("salesstage", ConditionOperator.Equal, 2);
            _query.Criteria.AddCondition("estimatedvalue", ConditionOperator.GreaterThan, 95000m);
        }

        [Benchmark]
        public Guid Create()
        {
            if (++_created % TruncateEvery == 0)
            {
                _organization.Truncate("contact");
            }

            return _service.Create(new Entity("contact") { ["lastname"] = "Benchmark" });
        }

        [Benchmark]
        public Entity Retrieve() => _service.Retrieve("account", _retrieveId, new ColumnSet("name", "description"));

        /// <summary>A filtered query over 10,000 opportunities (about 125 match).</summary>
        [Benchmark]
        public int RetrieveMultipleFiltered() => _service.RetrieveMultiple(_query).Entities.Count;
    }

    /// <summary>An Update dispatched through the pipeline with one synchronous PreOperation step.</summary>
    [MemoryDiagnoser]
    public class PipelineBenchmarks
    {
        private InMemoryOrganization _organization = null!;
        private IOrganizationService _service = null!;
        private Guid _id;
        private decimal _value;

        [GlobalSetup]
        public void Setup()
        {
            _organization = new InMemoryOrganization(
                new LeadRecycle.Metadata.MetadataCatalog(LeadRecycle.Metadata.SystemTables.All),
                options: new InMemoryOrganizationOptions { OperationHistoryLimit = 100 });
            _service = _organization.Service;
            _id = _service.Create(new Entity("opportunity") { ["name"] = "Deal", ["estimatedvalue"] = new Money(1m) });
            _organization.Register(new StepRegistration(typeof(StampStepNamePlugin), SdkMessageNames.Update, "opportunity", StepStage.PreOperation)
            {
                FilteringAttributes = new[] { "estimatedvalue" },
            });
        }

        [Benchmark]
        public void UpdateWithOneSyncStep() =>
            _service.Update(new Entity("opportunity", _id) { ["estimatedvalue"] = new Money(++_value) });
    }

    /// <summary>A typical light PreOperation step: reads the Target and adds a column to it.</summary>
    public sealed class StampStepNamePlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var target = (Entity)context.InputParameters["Target"];
            target["stepname"] = target.GetAttributeValue<Money>("estimatedvalue").Value > 100m ? "Large" : "Small";
        }
    }
}
