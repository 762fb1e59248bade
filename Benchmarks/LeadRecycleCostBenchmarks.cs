using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.Schema;
using LeadRecycle.Testing;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Benchmarks
{
    /// <summary>
    /// The time LeadRecycle adds to a rep's close: Lose with the shipped steps against Lose with none (the
    /// difference is the plug-ins' own time, validation and recycling together), and a stage change.
    /// </summary>
    [MemoryDiagnoser]
    public class LeadRecycleCostBenchmarks
    {
        private const int Deals = 2000;
        private InMemoryOrganization _withSteps = null!;
        private InMemoryOrganization _withoutSteps = null!;
        private readonly Queue<Guid> _openWith = new Queue<Guid>();
        private readonly Queue<Guid> _openWithout = new Queue<Guid>();
        private Guid _repWith;
        private Guid _repWithout;

        [GlobalSetup]
        public void Setup()
        {
            var clock = new ManualClock(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc));
            _withSteps = LeadRecycleInstallation.Create(clock);
            _withoutSteps = LeadRecycleInstallation.Create(clock, withSteps: false);
            _repWith = _withSteps.CreateUser("Rep");
            _repWithout = _withoutSteps.CreateUser("Rep");
        }

        [IterationSetup]
        public void OpenDeals()
        {
            _withSteps.Truncate(RecycledLead.EntityName);
            for (var i = 0; i < Deals; i++)
            {
                _openWith.Enqueue(LeadRecycleInstallation.OpenOpportunity(_withSteps, _repWith));
                _openWithout.Enqueue(LeadRecycleInstallation.OpenOpportunity(_withoutSteps, _repWithout));
            }
        }

        [Benchmark(OperationsPerInvoke = Deals, Baseline = true)]
        public void LoseWithoutLeadRecycle()
        {
            while (_openWithout.Count > 0)
            {
                _withoutSteps.Service.Execute(LeadRecycleInstallation.Lose(_openWithout.Dequeue()));
            }
        }

        [Benchmark(OperationsPerInvoke = Deals)]
        public void LoseWithLeadRecycle()
        {
            while (_openWith.Count > 0)
            {
                _withSteps.Service.Execute(LeadRecycleInstallation.Lose(_openWith.Dequeue()));
            }
        }
    }
}
