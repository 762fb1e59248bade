using System;
using LeadRecycle.Schema;
using LeadRecycle.Services.Guarding;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.UseCases
{
    public sealed class ColumnGuardTests
    {
        private static readonly DateTime Now = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

        [Fact]
        public void Should_refuse_a_change_to_the_stage_clock_by_hand()
        {
            var change = new Entity(Opportunity.EntityName) { [Opportunity.StageEnteredOn] = Now };

            var exception = Assert.Throws<InvalidPluginExecutionException>(() => ColumnGuard.Refuse(Opportunity.EntityName, creating: false, change, () => 30, Now));

            Assert.Equal("LeadRecycle keeps Stage entered on up to date itself; it cannot be changed by hand. Leave it out of your change.", exception.Message);
        }

        [Fact]
        public void Should_refuse_a_snooze_past_the_policy_limit()
        {
            var change = new Entity(Opportunity.EntityName) { [Opportunity.SnoozeUntil] = Now.AddDays(31) };

            var exception = Assert.Throws<InvalidPluginExecutionException>(() => ColumnGuard.Refuse(Opportunity.EntityName, creating: false, change, () => 30, Now));

            Assert.Equal("A deal can be snoozed for at most 30 days. Pick a date on or before 1 April 2026.", exception.Message);
        }

        [Fact]
        public void Should_not_read_the_policy_when_the_change_sets_no_snooze()
        {
            var change = new Entity(Opportunity.EntityName) { [Opportunity.Name] = "Renamed" };

            ColumnGuard.Refuse(Opportunity.EntityName, creating: false, change, () => throw new InvalidOperationException("policy read"), Now);
        }
    }
}
