using System;
using LeadRecycle.Services.Configuration;
using Xunit;

namespace LeadRecycle.Tests.Scoring
{
    public sealed class EngagementScoreTests
    {
        private static readonly DateTime Start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        [Theory]
        [InlineData(0, 40.0)]
        [InlineData(30, 20.0)]
        [InlineData(60, 10.0)]
        [InlineData(15, 28.2843)]
        public void Should_halve_the_score_every_half_life(int days, double expected)
        {
            var score = EngagementScore.DecayTo(40m, Start, Start.AddDays(days), halfLifeDays: 30);

            Assert.Equal((decimal)expected, score);
        }

        [Fact]
        public void Should_equal_the_sum_of_each_event_decayed_when_events_are_added_one_by_one()
        {
            var events = new[] { (Points: 10m, Day: 0), (Points: 20m, Day: 12), (Points: 3m, Day: 12), (Points: 40m, Day: 45) };
            var asOf = Start.AddDays(50);

            var score = 0m;
            var scoredOn = Start;
            foreach (var (points, day) in events)
            {
                var now = Start.AddDays(day);
                score = EngagementScore.Add(score, scoredOn, points, now, now, 30);
                scoredOn = now;
            }

            var incremental = EngagementScore.DecayTo(score, scoredOn, asOf, 30);
            var batch = 0.0;
            foreach (var (points, day) in events)
            {
                batch += (double)points * Math.Pow(0.5, (50 - day) / 30.0);
            }

            Assert.Equal(batch, (double)incremental, 3);
        }

        [Fact]
        public void Should_weigh_a_backdated_event_by_its_own_age()
        {
            var score = EngagementScore.Add(0m, Start, 40m, occurredOn: Start, asOf: Start.AddDays(30), halfLifeDays: 30);

            Assert.Equal(20m, score);
        }

        [Fact]
        public void Should_not_grow_an_event_dated_in_the_future()
        {
            var score = EngagementScore.Add(0m, Start, 40m, occurredOn: Start.AddDays(10), asOf: Start, halfLifeDays: 30);

            Assert.Equal(40m, score);
        }
    }
}
