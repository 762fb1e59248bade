using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using LeadRecycle.Services.Recycling;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Recycling
{
    public sealed class ChecklistValidatorTests
    {
        private const string RepReasons = "Decision maker changed, Funding delayed or cancelled, Priorities changed, Timing extended or uncertain, Unable to reach, Lost to competitor, No budget, Not a potential buyer, Duplicate or bad data";

        [Fact]
        public void Should_refuse_a_loss_without_a_reason()
        {
            var close = new Entity(OpportunityClose.EntityName);

            var exception = Assert.Throws<InvalidPluginExecutionException>(() => Validate(close, CloseKind.OpportunityLoss));

            Assert.Equal($"Choose a Return-to-Nurture reason before closing this opportunity as lost. The reasons are: {RepReasons}.", exception.Message);
        }

        [Fact]
        public void Should_refuse_a_disqualification_without_a_reason()
        {
            var exception = Assert.Throws<InvalidPluginExecutionException>(() => Validate(new Entity(Lead.EntityName), CloseKind.LeadDisqualification));

            Assert.Equal($"Choose a Return-to-Nurture reason before disqualifying this lead. The reasons are: {RepReasons}.", exception.Message);
        }

        [Fact]
        public void Should_refuse_an_unknown_reason_value()
        {
            var close = new Entity(OpportunityClose.EntityName) { [ChecklistColumns.Reason] = new OptionSetValue(42) };

            var exception = Assert.Throws<InvalidPluginExecutionException>(() => Validate(close, CloseKind.OpportunityLoss));

            Assert.Equal($"42 is not a Return-to-Nurture reason. Choose one of: {RepReasons}.", exception.Message);
        }

        [Fact]
        public void Should_refuse_the_system_reason_when_a_rep_chooses_it()
        {
            var close = Close(DisqualificationReason.StalledInStage);

            var exception = Assert.Throws<InvalidPluginExecutionException>(() => Validate(close, CloseKind.OpportunityLoss));

            Assert.Equal($"'Stalled in stage' is set only by LeadRecycle's stall scan. Choose the reason that explains why this deal stopped moving: {RepReasons}.", exception.Message);
        }

        [Fact]
        public void Should_accept_the_system_reason_when_the_scan_closes_the_deal()
        {
            var reasonPolicy = ChecklistValidator.Validate(Checklist.From(Close(DisqualificationReason.StalledInStage)), RecyclePolicy.Default, CloseKind.OpportunityLoss, systemReasonAllowed: true);

            Assert.Equal(NurtureStream.StalledDealRequalification, reasonPolicy.Stream);
        }

        [Fact]
        public void Should_name_every_missing_field_the_reason_requires()
        {
            var close = Close(DisqualificationReason.DecisionMakerChanged);
            close[ChecklistColumns.EffortType] = new OptionSetValue((int)EffortType.ExecutiveOutreach);
            close[ChecklistColumns.Background] = "   ";

            var exception = Assert.Throws<InvalidPluginExecutionException>(() => Validate(close, CloseKind.OpportunityLoss));

            Assert.Equal("The reason 'Decision maker changed' needs: Background for nurturing, Lead-development stage to re-enter, Who is involved. Fill them in, then close the opportunity again.", exception.Message);
        }

        [Fact]
        public void Should_ask_the_rep_to_disqualify_again_when_a_lead_misses_fields()
        {
            var lead = Close(DisqualificationReason.LostToCompetitor);

            var exception = Assert.Throws<InvalidPluginExecutionException>(() => Validate(lead, CloseKind.LeadDisqualification));

            Assert.Equal("The reason 'Lost to competitor' needs: Background for nurturing, Type of effort needed, Lead-development stage to re-enter, Decision criteria. Fill them in, then disqualify the lead again.", exception.Message);
        }

        [Fact]
        public void Should_refuse_an_unknown_effort_type()
        {
            var close = Complete(DisqualificationReason.NoBudget);
            close[ChecklistColumns.EffortType] = new OptionSetValue(7);

            var exception = Assert.Throws<InvalidPluginExecutionException>(() => Validate(close, CloseKind.OpportunityLoss));

            Assert.Equal("7 is not a valid Type of effort needed. Choose one of: Marketing nurture, Teleprospecting outreach, Executive outreach, Re-qualification, Event invitation.", exception.Message);
        }

        [Theory]
        [InlineData(DisqualificationReason.NotAPotentialBuyer)]
        [InlineData(DisqualificationReason.DuplicateOrBadData)]
        public void Should_need_nothing_more_when_the_reason_removes_from_the_waterfall(DisqualificationReason reason)
        {
            var reasonPolicy = Validate(Close(reason), CloseKind.OpportunityLoss);

            Assert.True(reasonPolicy.RemovesFromWaterfall);
        }

        [Fact]
        public void Should_pass_when_the_checklist_is_complete()
        {
            var reasonPolicy = Validate(Complete(DisqualificationReason.TimingExtendedOrUncertain), CloseKind.OpportunityLoss);

            Assert.Equal(NurtureStream.LongTermTiming, reasonPolicy.Stream);
        }

        internal static Entity Close(DisqualificationReason reason) =>
            new Entity(OpportunityClose.EntityName) { [ChecklistColumns.Reason] = new OptionSetValue((int)reason) };

        /// <summary>A checklist with every field filled in.</summary>
        internal static Entity Complete(DisqualificationReason reason)
        {
            var close = Close(reason);
            close[ChecklistColumns.Background] = "Budget moved to next fiscal year; champion still keen.";
            close[ChecklistColumns.EffortType] = new OptionSetValue((int)EffortType.MarketingNurture);
            close[ChecklistColumns.TargetStage] = new OptionSetValue((int)LeadDevelopmentStage.MarketingQualified);
            close[ChecklistColumns.Likelihood] = new OptionSetValue((int)Likelihood.Two);
            close[ChecklistColumns.DecisionCriteria] = "Total cost over three years.";
            close[ChecklistColumns.Impediments] = "Procurement freeze.";
            close[ChecklistColumns.WhoIsInvolved] = "CFO, IT director.";
            return close;
        }

        private static ReasonPolicy Validate(Entity source, CloseKind kind) =>
            ChecklistValidator.Validate(Checklist.From(source), RecyclePolicy.Default, kind, systemReasonAllowed: false);
    }
}
