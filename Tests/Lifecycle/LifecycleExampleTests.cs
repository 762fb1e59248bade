using System;
using System.Linq;
using LeadRecycle.Framework;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using LeadRecycle.Steps;
using LeadRecycle.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace LeadRecycle.Tests.Lifecycle
{
    /// <summary>
    /// One example per defect the lifecycle property test found (its minimal sequence in the comment), plus the
    /// lifecycle rules of docs/lifecycle.md that a sequence alone states less clearly.
    /// </summary>
    public sealed class LifecycleExampleTests
    {
        private static readonly DateTime T0 = LeadRecycleOrganization.Start;

        private static void Reopen(LeadRecycleOrganization org, Guid deal) =>
            org.Service.Execute(new SetStateRequest
            {
                EntityMoniker = new EntityReference(Opportunity.EntityName, deal),
                State = new OptionSetValue(Opportunity.State.Open),
                Status = new OptionSetValue(Opportunity.Status.InProgress),
            });

        private static Entity Disqualify(Guid lead, DisqualificationReason reason) => new Entity(Lead.EntityName, lead)
        {
            [CommonColumns.StateCode] = new OptionSetValue(Lead.State.Disqualified),
            [CommonColumns.StatusCode] = new OptionSetValue(Lead.Status.NoLongerInterested),
            [ChecklistColumns.Reason] = new OptionSetValue((int)reason),
            [ChecklistColumns.Background] = "Reorganising; revisit after the merger.",
            [ChecklistColumns.EffortType] = new OptionSetValue((int)EffortType.MarketingNurture),
            [ChecklistColumns.TargetStage] = new OptionSetValue((int)LeadDevelopmentStage.Inquiry),
            [ChecklistColumns.Likelihood] = new OptionSetValue((int)Likelihood.Two),
        };

        private static Entity[] RecycledLeadsOf(LeadRecycleOrganization org, Guid opportunity) =>
            org.RecycledLeads().Where(r => r.GetAttributeValue<EntityReference>(RecycledLead.Opportunity)?.Id == opportunity)
                .OrderBy(r => r.GetAttributeValue<int>(RecycledLead.RecycleCount)).ToArray();

        private static int Status(Entity record) => record.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value;

        // Defect: [CreateDeal, Lose, Reopen, Lose] -> "A record that has the attribute values opportunity:<id>:1 already exists".
        [Theory]
        [InlineData(DisqualificationReason.NotAPotentialBuyer)]
        [InlineData(DisqualificationReason.FundingDelayedOrCancelled)]
        public void Should_recycle_a_deal_again_with_the_next_number_when_it_is_reopened_and_lost_again(DisqualificationReason firstReason)
        {
            var org = new LeadRecycleOrganization();
            var deal = org.OpenOpportunity();
            org.Lose(deal, firstReason, as_: org.As(org.Rep));
            Reopen(org, deal);

            org.Lose(deal, DisqualificationReason.PrioritiesChanged, as_: org.As(org.Rep));

            var recycled = RecycledLeadsOf(org, deal);
            Assert.Equal(new[] { 1, 2 }, recycled.Select(r => r.GetAttributeValue<int>(RecycledLead.RecycleCount)));
            Assert.Equal($"opportunity:{deal:N}:2", recycled[1].GetAttributeValue<string>(RecycledLead.SourceKey));
            Assert.Equal(RecycledLead.Status.Nurturing, Status(recycled[1]));
            Assert.NotEqual(RecycledLead.Status.Nurturing, Status(recycled[0]));
        }

        [Fact]
        public void Should_remove_from_the_waterfall_when_a_deal_comes_back_more_often_than_the_cap()
        {
            var org = new LeadRecycleOrganization();
            var deal = org.OpenOpportunity();
            for (var i = 0; i < 3; i++)
            {
                org.Lose(deal);
                Reopen(org, deal);
            }

            org.Lose(deal);

            var recycled = RecycledLeadsOf(org, deal);
            Assert.Equal(new[] { 1, 2, 3, 4 }, recycled.Select(r => r.GetAttributeValue<int>(RecycledLead.RecycleCount)));
            Assert.Equal(new[] { RecycledLead.Status.Cancelled, RecycledLead.Status.Cancelled, RecycledLead.Status.Cancelled, RecycledLead.Status.RemovedFromWaterfall }, recycled.Select(Status));
            Assert.Equal(3, org.Get(Opportunity.EntityName, deal).GetAttributeValue<int>(Opportunity.RecycleCount));
        }

        // Defect: [CreateLead, DisqualifyLead, ReactivateLead, DisqualifyLead] -> "lead:<id>:1 already exists".
        [Fact]
        public void Should_recycle_a_lead_again_and_cancel_its_live_recycled_lead_when_it_is_reactivated_and_disqualified_again()
        {
            var org = new LeadRecycleOrganization();
            var lead = org.OpenLead();
            org.As(org.Rep).Update(Disqualify(lead, DisqualificationReason.TimingExtendedOrUncertain));
            org.Clock.Advance(TimeSpan.FromDays(3));

            org.Service.Execute(new SetStateRequest
            {
                EntityMoniker = new EntityReference(Lead.EntityName, lead),
                State = new OptionSetValue(Lead.State.Open),
                Status = new OptionSetValue(Lead.Status.New),
            });

            var first = org.SingleRecycledLead();
            Assert.Equal(RecycledLead.Status.Cancelled, Status(first));
            Assert.Equal(org.Clock.UtcNow, org.Get(Lead.EntityName, lead).GetAttributeValue<DateTime>(Lead.LastActivityOn));

            org.As(org.Rep).Update(Disqualify(lead, DisqualificationReason.NoBudget));
            var second = org.RecycledLeads().Single(r => r.Id != first.Id);
            Assert.Equal($"lead:{lead:N}:2", second.GetAttributeValue<string>(RecycledLead.SourceKey));
            Assert.Equal(RecycledLead.Status.Nurturing, Status(second));
        }

        // Defect: [CreateDeal, Night, Win, Reopen] -> "reopened deal kept its stage clock from before it closed".
        [Fact]
        public void Should_start_a_fresh_stay_and_count_no_closed_time_when_a_deal_is_reopened()
        {
            var org = new LeadRecycleOrganization();
            var deal = org.OpenOpportunity(salesStage: 1);
            org.Clock.Advance(TimeSpan.FromDays(10));
            org.Lose(deal);
            org.Clock.Advance(TimeSpan.FromDays(50));

            Reopen(org, deal);
            var reopenedOn = org.Clock.UtcNow;
            org.Clock.Advance(TimeSpan.FromDays(4));
            org.Service.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.SalesStage] = new OptionSetValue(2) });

            var stays = org.Org.All(StageDuration.EntityName).OrderBy(d => d.GetAttributeValue<DateTime>(StageDuration.ExitedOn)).ToArray();
            Assert.Equal(new[] { 10m, 4m }, stays.Select(d => d.GetAttributeValue<decimal>(StageDuration.Days)));
            var restarted = org.Get(Opportunity.EntityName, deal);
            Assert.Equal(reopenedOn.AddDays(4), restarted.GetAttributeValue<DateTime>(Opportunity.StageEnteredOn));
        }

        [Fact]
        public void Should_not_flag_a_reopened_deal_as_stalled_the_next_night()
        {
            var org = new LeadRecycleOrganization();
            var deal = org.OpenOpportunity(salesStage: 1);
            org.Clock.Advance(TimeSpan.FromDays(5));
            org.Lose(deal);
            org.Clock.Advance(TimeSpan.FromDays(60));
            Reopen(org, deal);
            org.Clock.Advance(TimeSpan.FromDays(1));

            var night = StallScan.ToEnd(org);

            Assert.Equal(0, night.Sum(r => r.Stalled + r.Warned));
            Assert.Equal((int)AgingStatus.OnTrack, org.Get(Opportunity.EntityName, deal).GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus).Value);
        }

        // Defect: [SeedPreInstallDeal, Night] -> "open deal has no stage-entered date after a night: it can never age".
        [Fact]
        public void Should_age_deals_from_before_the_install_from_their_process_stage_start_or_else_their_created_date()
        {
            var org = new LeadRecycleOrganization();
            org.Clock.Set(T0.AddDays(-40));
            var withoutFlow = org.Org.Seed(new Entity(Opportunity.EntityName) { [Opportunity.Name] = "Legacy deal", [Opportunity.SalesStage] = new OptionSetValue(1) });
            var withFlow = org.Org.Seed(new Entity(Opportunity.EntityName) { [Opportunity.Name] = "Legacy deal in a process", [Opportunity.SalesStage] = new OptionSetValue(1) });
            var stage = Guid.NewGuid();
            org.Org.Seed(new Entity(OpportunitySalesProcess.EntityName)
            {
                [OpportunitySalesProcess.Opportunity] = new EntityReference(Opportunity.EntityName, withFlow),
                [OpportunitySalesProcess.ActiveStage] = new EntityReference("processstage", stage),
                [OpportunitySalesProcess.ActiveStageStartedTime] = T0.AddDays(-12),
                ["name"] = "Opportunity Sales Process",
            });
            org.Clock.Set(T0);

            var night = StallScan.ToEnd(org);

            Assert.Equal(2, night.Sum(r => r.Adopted));
            var legacy = org.Get(Opportunity.EntityName, withoutFlow);
            Assert.Equal(T0.AddDays(-40), legacy.GetAttributeValue<DateTime>(Opportunity.StageEnteredOn));
            Assert.Equal(StageKeys.ForSalesStage(1), legacy.GetAttributeValue<string>(Opportunity.StageKey));
            Assert.Equal(T0.AddDays(-12), org.Get(Opportunity.EntityName, withFlow).GetAttributeValue<DateTime>(Opportunity.StageEnteredOn));

            // Forty days in Develop is past the fallback threshold of 30: the legacy deal is stalled on the first night.
            Assert.Equal((int)AgingStatus.Stalled, legacy.GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus).Value);
            Assert.Equal(0, StallScan.ToEnd(org).Sum(r => r.Adopted));
        }

        // Defect: [CreateDeal, DisableUser, Night x4] -> "task 'Stalled deal: ...' was given to a disabled user".
        [Fact]
        public void Should_give_a_departed_reps_stalled_deal_task_to_the_reps_manager()
        {
            var org = new LeadRecycleOrganization();
            var manager = org.Org.CreateUser("Morgan Manager");
            var rep = org.Org.CreateUser("Leaving Rep", manager);
            org.Clock.Set(T0.AddDays(-31));
            var deal = org.OpenOpportunity(owner: rep);
            org.Clock.Set(T0);
            org.Service.Update(new Entity(SystemUser.EntityName, rep) { [SystemUser.IsDisabled] = true });

            StallScan.ToEnd(org);

            var task = org.Org.All(TaskActivity.EntityName).Single(t => t.GetAttributeValue<EntityReference>(TaskActivity.Regarding)?.Id == deal);
            Assert.Equal(manager, task.GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id);
        }

        [Fact]
        public void Should_give_a_team_owned_stalled_deal_task_to_the_team()
        {
            var org = new LeadRecycleOrganization();
            var team = org.Org.Seed(new Entity(Team.EntityName) { ["name"] = "Enterprise desk" });
            org.Clock.Set(T0.AddDays(-31));
            var deal = org.OpenOpportunity();
            org.Service.Execute(new AssignRequest { Target = new EntityReference(Opportunity.EntityName, deal), Assignee = new EntityReference(Team.EntityName, team) });
            org.Clock.Set(T0);

            StallScan.ToEnd(org);

            var task = org.Org.All(TaskActivity.EntityName).Single(t => t.GetAttributeValue<EntityReference>(TaskActivity.Regarding)?.Id == deal);
            var owner = task.GetAttributeValue<EntityReference>(CommonColumns.OwnerId);
            Assert.Equal((Team.EntityName, team), (owner.LogicalName, owner.Id));
        }

        [Fact]
        public void Should_return_one_lapsed_deal_when_another_cannot_be_closed_and_ask_again_the_next_night()
        {
            var org = new LeadRecycleOrganization();
            org.Org.Register(new StepRegistration(typeof(RefuseBlockedDealLoss), SdkMessageNames.Lose, Opportunity.EntityName, StepStage.PreOperation));
            org.Clock.Set(T0.AddDays(-31));
            var blocked = org.OpenOpportunity(name: "Blocked deal");
            var fine = org.OpenOpportunity(name: "Ordinary deal");
            org.Clock.Set(T0);
            StallScan.ToEnd(org);
            org.Clock.Advance(TimeSpan.FromDays(14));

            var night = StallScan.ToEnd(org);
            var jobs = org.Org.DrainAsyncQueue();

            Assert.True(night.Last().Done);
            Assert.Equal(2, night.Sum(r => r.Recycled));
            Assert.Equal(Opportunity.State.Lost, org.StateOf(Opportunity.EntityName, fine));
            Assert.Equal(Opportunity.State.Open, org.StateOf(Opportunity.EntityName, blocked));
            Assert.Empty(jobs);

            org.Clock.Advance(TimeSpan.FromDays(1));
            var retry = StallScan.ToEnd(org);
            Assert.Equal(1, retry.Sum(r => r.Retried));
            Assert.Equal(Opportunity.State.Open, org.StateOf(Opportunity.EntityName, blocked));
        }

        [Fact]
        public void Should_keep_the_failed_return_where_an_admin_sees_it_with_the_record_the_step_and_the_platforms_message()
        {
            var org = new LeadRecycleOrganization();
            org.Org.Register(new StepRegistration(typeof(RefuseBlockedDealLoss), SdkMessageNames.Lose, Opportunity.EntityName, StepStage.PreOperation));
            org.Clock.Set(T0.AddDays(-31));
            var blocked = org.OpenOpportunity(name: "Blocked deal");
            org.Clock.Set(T0);
            StallScan.ToEnd(org);
            org.Clock.Advance(TimeSpan.FromDays(14));

            StallScan.Call(org);
            var jobs = org.Org.DrainAsyncQueue();

            // The System Job: regarding the deal, named for the step, with the refusal's message.
            var failed = Assert.Single(jobs, j => !j.Succeeded);
            Assert.Equal(blocked, failed.PrimaryEntityId);
            Assert.Equal(typeof(ReturnLapsedToNurture).FullName, failed.StepName.Split(':')[0].Trim());
            Assert.Equal(RefuseBlockedDealLoss.Message, failed.Error!.Message);
            Assert.Equal(T0.AddDays(14), org.Get(Opportunity.EntityName, blocked).GetAttributeValue<DateTime>(Opportunity.NurtureRequestedOn));
        }

        [Fact]
        public void Should_refuse_a_persons_return_request_stamp_and_close_nothing()
        {
            var org = new LeadRecycleOrganization();
            var deal = org.OpenOpportunity();

            var refused = Assert.ThrowsAny<Exception>(() => org.As(org.Rep).Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.NurtureRequestedOn] = T0 }));
            org.Org.DrainAsyncQueue();

            Assert.Equal("LeadRecycle keeps Return to nurture requested on up to date itself; it cannot be changed by hand. Leave it out of your change.", refused.Message);
            Assert.Equal(Opportunity.State.Open, org.StateOf(Opportunity.EntityName, deal));
            Assert.Empty(org.RecycledLeads());
        }

        [Fact]
        public void Should_not_recycle_a_reactivated_lead_the_same_night_for_inactivity_before_it_came_back()
        {
            var org = new LeadRecycleOrganization();
            org.Clock.Set(T0.AddDays(-60));
            var lead = org.OpenLead();
            org.As(org.Rep).Update(Disqualify(lead, DisqualificationReason.UnableToReach));
            org.Clock.Set(T0);
            org.Service.Execute(new SetStateRequest
            {
                EntityMoniker = new EntityReference(Lead.EntityName, lead),
                State = new OptionSetValue(Lead.State.Open),
                Status = new OptionSetValue(Lead.Status.New),
            });

            var night = StallScan.ToEnd(org);

            Assert.Equal(0, night.Sum(r => r.LeadsRecycled));
            Assert.Equal(Lead.State.Open, org.StateOf(Lead.EntityName, lead));
        }

        [Fact]
        public void Should_set_aside_a_recorded_stay_no_statistic_can_hold_and_fold_the_rest()
        {
            var org = new LeadRecycleOrganization();
            var deal = org.OpenOpportunity();
            org.Org.Seed(new Entity(StageDuration.EntityName)
            {
                [StageDuration.Name] = "Impossible stay",
                [StageDuration.StageKey] = StageKeys.ForSalesStage(1),
                [StageDuration.Days] = 50000m, // entered in 1889: a clock set wrong
                [StageDuration.Folded] = false,
                [StageDuration.ExitedOn] = T0,
                [StageDuration.Opportunity] = new EntityReference(Opportunity.EntityName, deal),
            });
            org.Clock.Advance(TimeSpan.FromDays(6));
            org.Service.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.SalesStage] = new OptionSetValue(2) });

            var night = StallScan.ToEnd(org);

            Assert.Equal(1, night.Sum(r => r.DurationsSkipped));
            Assert.Equal(1, night.Sum(r => r.DurationsFolded));
            var statistic = org.Org.All(StageStatistic.EntityName).Single();
            Assert.Equal(6.0, statistic.GetAttributeValue<double>(StageStatistic.MeanDays), 6);
            Assert.All(org.Org.All(StageDuration.EntityName), d => Assert.True(d.GetAttributeValue<bool>(StageDuration.Folded)));
        }

        [Fact]
        public void Should_reopen_the_deal_for_its_rep_with_a_fresh_stay_and_recycle_it_next_as_number_two_when_the_return_action_reopens()
        {
            var org = new LeadRecycleOrganization("{ \"engagement\": { \"returnAction\": \"ReopenOpportunity\" } }");
            var deal = org.OpenOpportunity();
            org.Lose(deal, as_: org.As(org.Rep));
            org.Clock.Advance(TimeSpan.FromDays(20));

            org.Service.Create(new Entity(Engagement.EntityName)
            {
                [Engagement.Name] = "Answered 4",
                [Engagement.RecycledLead] = org.SingleRecycledLead().ToEntityReference(),
                [Engagement.Type] = new OptionSetValue((int)EngagementType.LikelihoodAnswer),
                [Engagement.Likelihood] = new OptionSetValue((int)Likelihood.Four),
            });

            var reopened = org.Get(Opportunity.EntityName, deal);
            Assert.Equal(Opportunity.State.Open, reopened.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode).Value);
            Assert.Equal(org.Clock.UtcNow, reopened.GetAttributeValue<DateTime>(Opportunity.StageEnteredOn));
            Assert.Equal(RecycledLead.Status.ReturnedToSales, Status(org.SingleRecycledLead()));

            org.Lose(deal, DisqualificationReason.NoBudget, as_: org.As(org.Rep));
            Assert.Equal(new[] { 1, 2 }, RecycledLeadsOf(org, deal).Select(r => r.GetAttributeValue<int>(RecycledLead.RecycleCount)));
        }

        [Fact]
        public void Should_expire_a_recycled_lead_nurtured_past_the_policys_days_and_leave_a_returned_one_alone()
        {
            var org = new LeadRecycleOrganization("{ \"engagement\": { \"nurtureDays\": 90 } }");
            var silent = org.OpenOpportunity(name: "Silent prospect");
            var answered = org.OpenOpportunity(name: "Answering prospect");
            org.Lose(silent);
            org.Lose(answered);
            org.Service.Create(new Entity(Engagement.EntityName)
            {
                [Engagement.Name] = "Answered 4",
                [Engagement.RecycledLead] = RecycledLeadsOf(org, answered).Single().ToEntityReference(),
                [Engagement.Type] = new OptionSetValue((int)EngagementType.LikelihoodAnswer),
                [Engagement.Likelihood] = new OptionSetValue((int)Likelihood.Four),
            });

            org.Clock.Advance(TimeSpan.FromDays(89));
            Assert.Equal(0, StallScan.ToEnd(org).Sum(r => r.Expired));
            org.Clock.Advance(TimeSpan.FromDays(2));
            var night = StallScan.ToEnd(org);

            Assert.Equal(1, night.Sum(r => r.Expired));
            var expired = RecycledLeadsOf(org, silent).Single();
            Assert.Equal(RecycledLead.Status.Expired, Status(expired));
            Assert.Equal("Nurtured for 90 days without re-engaging (engagement.nurtureDays): the nurture ended.", expired.GetAttributeValue<string>(RecycledLead.RemovalNote));
            Assert.Equal(RecycledLead.Status.ReturnedToSales, Status(RecycledLeadsOf(org, answered).Single()));
        }

        [Fact]
        public void Should_play_the_minimal_sequences_the_property_test_found_without_breaking_an_invariant()
        {
            var found = new[]
            {
                new[] { Op(LifecycleAction.CreateDeal, 2), Op(LifecycleAction.Lose, 0, 4), Op(LifecycleAction.Reopen), Op(LifecycleAction.Lose) },
                new[] { Op(LifecycleAction.CreateLead), Op(LifecycleAction.DisqualifyLead), Op(LifecycleAction.ReactivateLead), Op(LifecycleAction.DisqualifyLead) },
                new[] { Op(LifecycleAction.CreateDeal), Op(LifecycleAction.Night), Op(LifecycleAction.Win), Op(LifecycleAction.Reopen) },
                new[] { Op(LifecycleAction.SeedPreInstallDeal), Op(LifecycleAction.Night) },
                new[] { Op(LifecycleAction.CreateDeal, 4), Op(LifecycleAction.Lose), Op(LifecycleAction.Engage, 0, 3) },
                new[] { Op(LifecycleAction.CreateDeal, 0), Op(LifecycleAction.Lose), Op(LifecycleAction.DisableUser, 0), Op(LifecycleAction.Engage, 0, 0) },
                new[] { Op(LifecycleAction.CreateDeal, 1), Op(LifecycleAction.DisableUser, 1), Op(LifecycleAction.Night, 0, 9), Op(LifecycleAction.Night, 0, 9), Op(LifecycleAction.Night, 0, 9), Op(LifecycleAction.Night, 0, 9) },
            };

            foreach (var sequence in found)
            {
                Assert.Null(LifecyclePropertyTests.Play(sequence));
            }
        }

        private static LifecycleOperation Op(LifecycleAction action, int target = 0, int argument = 0) => new LifecycleOperation(action, target, argument);

        /// <summary>Another vendor's plug-in that refuses to lose one deal: the platform's failure the scan must isolate.</summary>
        public sealed class RefuseBlockedDealLoss : IPlugin
        {
            public const string Message = "Deals under legal review cannot be closed.";

            public void Execute(IServiceProvider serviceProvider)
            {
                var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
                var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
                var close = (Entity)context.InputParameters["OpportunityClose"];
                var deal = factory.CreateOrganizationService(null).Retrieve(Opportunity.EntityName, close.GetAttributeValue<EntityReference>(OpportunityClose.Opportunity).Id, new ColumnSet(Opportunity.Name));
                if (deal.GetAttributeValue<string>(Opportunity.Name) == "Blocked deal")
                {
                    throw new InvalidPluginExecutionException(Message);
                }
            }
        }
    }
}
