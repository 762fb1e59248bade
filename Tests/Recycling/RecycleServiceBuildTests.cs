using System;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using LeadRecycle.Services.Recycling;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Recycling
{
    public sealed class RecycleServiceBuildTests
    {
        private static readonly DateTime Now = new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

        [Fact]
        public void Should_carry_the_checklist_source_and_stage_when_building_a_recycled_lead()
        {
            var rep = new EntityReference(SystemUser.EntityName, Guid.NewGuid());
            var source = new RecycleSource(new EntityReference(Opportunity.EntityName, Guid.NewGuid()), "Fleet renewal")
            {
                Owner = rep,
                Contact = new EntityReference("contact", Guid.NewGuid()),
                Account = new EntityReference("account", Guid.NewGuid()),
                StageName = "Propose",
                StageEnteredOn = Now.AddDays(-12.5),
                EstimatedValue = new Money(25000m),
                PreviousRecycles = 1,
            };
            var checklist = Checklist.From(ChecklistValidatorTests.Complete(DisqualificationReason.FundingDelayedOrCancelled));
            var policy = RecyclePolicy.Default;

            var lead = RecycleService.Build(source, checklist, policy.For(DisqualificationReason.FundingDelayedOrCancelled), policy, RecycleType.Active, Now);

            Assert.Equal("Fleet renewal", lead[RecycledLead.Topic]);
            Assert.Equal($"opportunity:{source.Record.Id:N}:2", lead[RecycledLead.SourceKey]);
            Assert.Equal(2, lead[RecycledLead.RecycleCount]);
            Assert.Equal(12, lead[RecycledLead.DaysInStage]);
            Assert.Equal("Propose", lead[RecycledLead.StageAtRecycle]);
            Assert.Equal(new OptionSetValue((int)NurtureStream.BudgetCycle), lead[RecycledLead.NurtureStream]);
            Assert.Equal(new OptionSetValue(RecycledLead.Status.Nurturing), lead[CommonColumns.StatusCode]);
            Assert.Equal("Procurement freeze.", lead[RecycledLead.Impediments]);
            Assert.Same(rep, lead[RecycledLead.OriginalOwner]);
            Assert.Same(rep, lead[CommonColumns.OwnerId]);
            Assert.Same(source.Record, lead[RecycledLead.Opportunity]);
        }

        [Fact]
        public void Should_mark_the_record_removed_when_the_reason_removes_from_the_waterfall()
        {
            var source = new RecycleSource(new EntityReference(Lead.EntityName, Guid.NewGuid()), "Duplicate of Contoso");
            var policy = RecyclePolicy.Default;

            var lead = RecycleService.Build(source, Checklist.From(ChecklistValidatorTests.Close(DisqualificationReason.DuplicateOrBadData)),
                policy.For(DisqualificationReason.DuplicateOrBadData), policy, RecycleType.Active, Now);

            Assert.Equal(new OptionSetValue(RecycledLead.State.Inactive), lead[CommonColumns.StateCode]);
            Assert.Equal(new OptionSetValue(RecycledLead.Status.RemovedFromWaterfall), lead[CommonColumns.StatusCode]);
            Assert.False(lead.Contains(RecycledLead.NurtureStream));
            Assert.Same(source.Record, lead[RecycledLead.OriginatingLead]);
        }

        [Fact]
        public void Should_give_the_lead_to_the_marketing_owner_when_one_is_configured()
        {
            var team = new EntityReference(Team.EntityName, Guid.NewGuid());
            var policy = new RecyclePolicy(team, RecyclePolicy.Default.Reasons);
            var rep = new EntityReference(SystemUser.EntityName, Guid.NewGuid());
            var source = new RecycleSource(new EntityReference(Lead.EntityName, Guid.NewGuid()), "x") { Owner = rep };

            var lead = RecycleService.Build(source, Checklist.From(ChecklistValidatorTests.Complete(DisqualificationReason.NoBudget)),
                policy.For(DisqualificationReason.NoBudget), policy, RecycleType.Active, Now);

            Assert.Same(team, lead[CommonColumns.OwnerId]);
            Assert.Same(rep, lead[RecycledLead.OriginalOwner]);
        }
    }
}
