using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using Xunit.Abstractions;

namespace LeadRecycle.Tests.Lifecycle
{
    /// <summary>
    /// Model-based test of the lifecycle (docs/lifecycle.md): FsCheck drives random, seeded, reproducible sequences
    /// of what happens in an organization through the pipeline with the shipped steps, checks the invariants after
    /// every step, and shrinks a failure to its minimal sequence. LEADRECYCLE_LIFECYCLE_RUNS sets how many sequences
    /// (CI's default below; set it to 100000 for a soak), LEADRECYCLE_LIFECYCLE_SEED replays one seed.
    /// </summary>
    public sealed class LifecyclePropertyTests
    {
        private const int DefaultRuns = 3000;
        private const int DefaultSeed = 20261129;

        private readonly ITestOutputHelper _output;

        public LifecyclePropertyTests(ITestOutputHelper output) => _output = output;

        private static readonly Gen<LifecycleOperation> Operation =
            from action in Gen.Frequency(
                (6, Gen.Constant(LifecycleAction.CreateDeal)),
                (2, Gen.Constant(LifecycleAction.SeedPreInstallDeal)),
                (5, Gen.Constant(LifecycleAction.MoveStage)),
                (5, Gen.Constant(LifecycleAction.Lose)),
                (2, Gen.Constant(LifecycleAction.Win)),
                (4, Gen.Constant(LifecycleAction.Reopen)),
                (3, Gen.Constant(LifecycleAction.Snooze)),
                (2, Gen.Constant(LifecycleAction.AssignToTeam)),
                (2, Gen.Constant(LifecycleAction.AssignToUser)),
                (1, Gen.Constant(LifecycleAction.DisableUser)),
                (5, Gen.Constant(LifecycleAction.Engage)),
                (3, Gen.Constant(LifecycleAction.CreateLead)),
                (3, Gen.Constant(LifecycleAction.DisqualifyLead)),
                (3, Gen.Constant(LifecycleAction.ReactivateLead)),
                (1, Gen.Constant(LifecycleAction.LeadActivity)),
                (8, Gen.Constant(LifecycleAction.Night)))
            from target in Gen.Choose(0, 11)
            from argument in Gen.Choose(0, 29)
            select new LifecycleOperation(action, target, argument);

        /// <summary>Sequences of up to 40 steps; a failing one shrinks by dropping steps until none can go.</summary>
        private static readonly Arbitrary<LifecycleOperation[]> Sequences = Arb.From(
            Gen.Sized(size => Gen.Choose(1, Math.Max(1, Math.Min(40, size))).SelectMany(length => Gen.ArrayOf(Operation, length))),
            Shrink);

        private static IEnumerable<LifecycleOperation[]> Shrink(LifecycleOperation[] sequence)
        {
            if (sequence.Length > 1)
            {
                yield return sequence.Take(sequence.Length / 2).ToArray();
            }

            for (var i = sequence.Length - 1; i >= 0; i--)
            {
                yield return sequence.Where((_, index) => index != i).ToArray();
            }
        }

        /// <summary>Plays one sequence; null when every invariant held after every step, else what broke and where.</summary>
        internal static string? Play(IReadOnlyList<LifecycleOperation> sequence, string? policyJson = null)
        {
            var driver = new LifecycleDriver(policyJson);
            for (var i = 0; i < sequence.Count; i++)
            {
                try
                {
                    driver.Apply(sequence[i]);
                }
                catch (LifecycleInvariantException broken)
                {
                    return string.Format(CultureInfo.InvariantCulture, "after step {0} of [{1}]: {2}", i + 1, string.Join(", ", sequence), broken.Message);
                }
            }

            return null;
        }

        [Fact]
        public void Should_keep_every_lifecycle_invariant_when_random_sequences_of_operations_play_through_the_pipeline() =>
            CheckSequences(null, Setting("LEADRECYCLE_LIFECYCLE_RUNS", DefaultRuns));

        /// <summary>
        /// The same with the other return action (the prospect's deal is reopened for the rep instead of a new lead), a
        /// cap of 2 and nurtures of 30 days, so that returns, reopenings, the cap and expiry meet more often.
        /// </summary>
        [Fact]
        public void Should_keep_every_lifecycle_invariant_when_returns_reopen_the_deal_and_the_cap_is_two() =>
            CheckSequences("{ \"engagement\": { \"returnAction\": \"ReopenOpportunity\", \"maxRecycles\": 2, \"nurtureDays\": 30 } }", Setting("LEADRECYCLE_LIFECYCLE_RUNS", DefaultRuns) / 3);

        private void CheckSequences(string? policyJson, int runs)
        {
            var seed = Setting("LEADRECYCLE_LIFECYCLE_SEED", DefaultSeed);
            var played = 0;
            var steps = 0;
            var property = Prop.ForAll(Sequences, sequence =>
            {
                played++;
                steps += sequence.Length;
                var failure = Play(sequence, policyJson);
                return failure == null ? Prop.ToProperty(true) : Prop.Label(false, failure);
            });

            Check.One(
                Config.QuickThrowOnFailure.WithMaxTest(runs).WithEndSize(40).WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(new Replay(new Rnd((ulong)seed, 0x9E3779B97F4A7C15UL), null))),
                property);

            _output.WriteLine($"{played} sequences, {steps} operations (seed {seed}).");
            Assert.True(played >= runs, $"FsCheck played {played} of {runs} sequences.");
        }

        private static int Setting(string name, int fallback) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }
}
