using System;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Pipeline
{
    /// <summary>Engagement, thresholds and routing back to the original owner, through the pipeline.</summary>
    public sealed class ReturnToRepTests
    {
        private static Guid Nurtured(LeadRecycleOrganization org, Guid? owner = null)
        {
            var opportunity = org.OpenOpportunity(owner: owner, contact: org.Contact(), account: org.Account());
            org.Lose(opportunity, DisqualificationReason.FundingDelayedOrCancelled);
            return org.SingleRecycledLead().Id;
        }

        private static void Engage(LeadRecycleOrganization org, Guid recycledLead, EngagementType type, decimal? points = null, Likelihood? answer = null, DateTime? occurredOn = null)
        {
            var engagement = new Entity(Engagement.EntityName)
            {
                [Engagement.Name] = type.ToString(),
                [Engagement.RecycledLead] = new EntityReference(RecycledLead.EntityName, recycledLead),
                [Engagement.Type] = new OptionSetValue((int)type),
                [Engagement.Source] = "Journey: budget cycle",
            };
            if (points != null)
            {
                engagement[Engagement.Points] = points.Value;
            }

            if (answer != null)
            {
                engagement[Engagement.Likelihood] = new OptionSetValue((int)answer.Value);
            }

            if (occurredOn != null)
            {
                engagement[Engagement.OccurredOn] = occurredOn.Value;
            }

            org.Service.Create(engagement);
        }

        private static Entity ReturnedLead(LeadRecycleOrganization org) =>
            org.Org.All(Lead.EntityName).Single(l => l.Contains(Lead.RecycledLead));

        [Fact]
        public void Should_accrue_the_score_without_routing_below_the_threshold_in_two_calls()
        {
            var org = new LeadRecycleOrganization();
            var recycled = Nurtured(org);

            Engage(org, recycled, EngagementType.EmailReply);

            var lead = org.Get(RecycledLead.EntityName, recycled);
            Assert.Equal(20m, lead[RecycledLead.EngagementScore]);
            Assert.Equal(RecycledLead.Status.Nurturing, lead.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value);
            var calls = org.Org.Calls.ForLastOperation();
            Assert.True(calls.Total == 2, calls.ToString());
            Assert.Equal(1, calls["Retrieve"]);
            Assert.Equal(1, calls["Update"]);
        }

        [Fact]
        public void Should_decay_earlier_engagement_by_half_every_half_life()
        {
            var org = new LeadRecycleOrganization();
            var recycled = Nurtured(org);
            Engage(org, recycled, EngagementType.MeetingBooked);
            org.Clock.Advance(TimeSpan.FromDays(30));

            Engage(org, recycled, EngagementType.WebVisit);

            Assert.Equal(21m, org.Get(RecycledLead.EntityName, recycled)[RecycledLead.EngagementScore]);
        }

        [Fact]
        public void Should_return_the_lead_to_its_original_rep_with_the_history_and_a_task_when_the_threshold_is_crossed()
        {
            var org = new LeadRecycleOrganization();
            var recycled = Nurtured(org);
            org.Clock.Advance(TimeSpan.FromDays(40));
            Engage(org, recycled, EngagementType.EmailReply);

            Engage(org, recycled, EngagementType.MeetingBooked);

            var record = org.Get(RecycledLead.EntityName, recycled);
            Assert.Equal(RecycledLead.Status.ReturnedToSales, record.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value);
            Assert.Equal(org.Rep, record.GetAttributeValue<EntityReference>(RecycledLead.ReturnedTo).Id);
            Assert.Equal(org.Clock.UtcNow, record[RecycledLead.ReturnedOn]);
            var lead = ReturnedLead(org);
            Assert.Equal(org.Rep, lead.GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id);
            Assert.Equal(recycled, lead.GetAttributeValue<EntityReference>(Lead.RecycledLead).Id);
            Assert.Equal(record.GetAttributeValue<EntityReference>(RecycledLead.ReturnedLead).Id, lead.Id);
            Assert.Equal("Re-engaged: Fleet renewal", lead[Lead.Subject]);
            var history = (string)lead[Lead.Description];
            Assert.Contains("Returned to sales on 2026-04-11 (original rep) with an engagement score of 60.", history);
            Assert.Contains("Left the pipeline because: Funding delayed or cancelled.", history);
            Assert.Contains("Background: Budget moved to next fiscal year; the champion is still keen.", history);
            var task = org.Org.All(TaskActivity.EntityName).Single();
            Assert.Equal(lead.Id, task.GetAttributeValue<EntityReference>(TaskActivity.Regarding).Id);
            Assert.Equal(org.Rep, task.GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id);
        }

        [Fact]
        public void Should_cost_five_calls_when_an_engagement_routes_to_an_enabled_rep()
        {
            var org = new LeadRecycleOrganization();
            var recycled = Nurtured(org);

            Engage(org, recycled, EngagementType.MeetingBooked, points: 60m);

            var calls = org.Org.Calls.ForLastOperation();
            Assert.True(calls.Total == 5, calls.ToString());
            Assert.Equal(2, calls["Create"]);
            Assert.Equal(1, calls["RetrieveMultiple"]);
        }

        [Fact]
        public void Should_return_the_lead_to_the_reps_manager_when_the_rep_is_disabled()
        {
            var org = new LeadRecycleOrganization();
            var manager = org.Org.CreateUser("Morgan Manager");
            var rep = org.Org.CreateUser("Departed Rep", managerId: manager);
            var recycled = Nurtured(org, owner: rep);
            org.Service.Update(new Entity(SystemUser.EntityName, rep) { [SystemUser.IsDisabled] = true });

            Engage(org, recycled, EngagementType.MeetingBooked, points: 60m);

            Assert.Equal(manager, ReturnedLead(org).GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id);
            Assert.Contains("(rep's manager)", (string)ReturnedLead(org)[Lead.Description]);
            var calls = org.Org.Calls.ForLastOperation();
            Assert.True(calls.Total == 6 && calls["RetrieveMultiple"] == 2, calls.ToString());
        }

        [Fact]
        public void Should_return_the_lead_to_the_fallback_team_when_rep_and_manager_are_disabled()
        {
            var team = Guid.NewGuid();
            var org = new LeadRecycleOrganization($"{{ \"engagement\": {{ \"fallbackOwner\": {{ \"team\": \"{team}\" }} }} }}");
            org.Org.Seed(new Entity("team", team) { ["name"] = "Inside sales" });
            var manager = org.Org.CreateUser("Gone Manager", isDisabled: true);
            var rep = org.Org.CreateUser("Gone Rep", managerId: manager);
            var recycled = Nurtured(org, owner: rep);
            org.Service.Update(new Entity(SystemUser.EntityName, rep) { [SystemUser.IsDisabled] = true });

            Engage(org, recycled, EngagementType.MeetingBooked, points: 60m);

            var lead = ReturnedLead(org);
            Assert.Equal("team", lead.GetAttributeValue<EntityReference>(CommonColumns.OwnerId).LogicalName);
            Assert.Equal(team, lead.GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id);
            Assert.False(org.Get(RecycledLead.EntityName, recycled).Contains(RecycledLead.ReturnedTo));
        }

        [Fact]
        public void Should_put_the_lead_in_the_fallback_queue_owned_by_the_queues_owner()
        {
            var queue = Guid.NewGuid();
            var org = new LeadRecycleOrganization($"{{ \"engagement\": {{ \"fallbackOwner\": {{ \"queue\": \"{queue}\" }} }} }}");
            var queueOwner = org.Org.CreateUser("Inside Sales Lead");
            org.Org.Seed(new Entity(Queue.EntityName, queue) { ["name"] = "Re-engaged prospects", [CommonColumns.OwnerId] = new EntityReference(SystemUser.EntityName, queueOwner) });
            var rep = org.Org.CreateUser("Gone Rep");
            var recycled = Nurtured(org, owner: rep);
            org.Service.Update(new Entity(SystemUser.EntityName, rep) { [SystemUser.IsDisabled] = true });

            Engage(org, recycled, EngagementType.MeetingBooked, points: 60m);

            var lead = ReturnedLead(org);
            Assert.Equal(queueOwner, lead.GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id);
            var item = Assert.Single(org.Org.All(QueueItem.EntityName));
            Assert.Equal(queue, item.GetAttributeValue<EntityReference>(QueueItem.Queue).Id);
            Assert.Equal(lead.Id, item.GetAttributeValue<EntityReference>(QueueItem.Object).Id);
            Assert.Contains("(fallback queue)", (string)lead[Lead.Description]);
        }

        [Fact]
        public void Should_keep_the_engagement_and_tell_the_admin_which_setting_is_missing_when_nobody_can_take_the_lead()
        {
            var org = new LeadRecycleOrganization();
            var rep = org.Org.CreateUser("Gone Rep");
            var recycled = Nurtured(org, owner: rep);
            org.Service.Update(new Entity(SystemUser.EntityName, rep) { [SystemUser.IsDisabled] = true });

            Engage(org, recycled, EngagementType.MeetingBooked, points: 60m);

            // The journey's data is kept; the prospect stays in nurture and the record says why it could not return.
            var blocked = org.Get(RecycledLead.EntityName, recycled);
            Assert.Equal(1, org.Org.Count(Engagement.EntityName));
            Assert.Equal(RecycledLead.Status.Nurturing, blocked.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value);
            Assert.Equal("LeadRecycle cannot return the recycled lead 'Fleet renewal' to sales: its original rep is disabled and has no enabled manager, and no fallback owner is configured. An administrator must set 'engagement.fallbackOwner' in the environment variable lr_RecyclePolicy.", blocked.GetAttributeValue<string>(RecycledLead.ReturnBlocked));
            Assert.Equal(0, org.Org.Count(Lead.EntityName));
        }

        [Fact]
        public void Should_return_a_team_owned_deal_to_its_team_when_the_prospect_re_engages()
        {
            var org = new LeadRecycleOrganization();
            var team = org.Org.Seed(new Entity(Team.EntityName) { ["name"] = "Enterprise desk" });
            var deal = org.OpenOpportunity();
            org.Service.Execute(new Microsoft.Crm.Sdk.Messages.AssignRequest { Target = new EntityReference(Opportunity.EntityName, deal), Assignee = new EntityReference(Team.EntityName, team) });
            org.Lose(deal);
            var recycled = org.SingleRecycledLead();
            Assert.Equal(team, recycled.GetAttributeValue<EntityReference>(RecycledLead.OriginalTeam).Id);

            Engage(org, recycled.Id, EngagementType.MeetingBooked, points: 60m);

            var returned = org.Org.All(Lead.EntityName).Single();
            var owner = returned.GetAttributeValue<EntityReference>(CommonColumns.OwnerId);
            Assert.Equal((Team.EntityName, team), (owner.LogicalName, owner.Id));
            Assert.Equal(RecycledLead.Status.ReturnedToSales, org.Get(RecycledLead.EntityName, recycled.Id).GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value);
        }

        [Theory]
        [InlineData(Likelihood.Three, true)]
        [InlineData(Likelihood.Four, true)]
        [InlineData(Likelihood.Two, false)]
        public void Should_route_at_once_when_the_prospect_answers_three_or_four(Likelihood answer, bool routes)
        {
            var org = new LeadRecycleOrganization();
            var recycled = Nurtured(org);

            Engage(org, recycled, EngagementType.LikelihoodAnswer, answer: answer);

            var status = org.Get(RecycledLead.EntityName, recycled).GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value;
            Assert.Equal(routes ? RecycledLead.Status.ReturnedToSales : RecycledLead.Status.Nurturing, status);
            Assert.Equal((int)answer, org.Get(RecycledLead.EntityName, recycled).GetAttributeValue<OptionSetValue>(RecycledLead.Likelihood).Value);
        }

        [Fact]
        public void Should_route_when_an_integration_writes_the_score_directly()
        {
            var org = new LeadRecycleOrganization();
            var recycled = Nurtured(org);

            org.Service.Update(new Entity(RecycledLead.EntityName, recycled) { [RecycledLead.EngagementScore] = 75m });

            Assert.Equal(RecycledLead.Status.ReturnedToSales, org.Get(RecycledLead.EntityName, recycled).GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value);
            Assert.Single(org.Org.All(Lead.EntityName), l => l.Contains(Lead.RecycledLead));
        }

        [Fact]
        public void Should_route_exactly_once_when_engagement_keeps_coming()
        {
            var org = new LeadRecycleOrganization();
            var recycled = Nurtured(org);

            Engage(org, recycled, EngagementType.MeetingBooked, points: 60m);
            Engage(org, recycled, EngagementType.MeetingBooked, points: 60m);
            org.Service.Update(new Entity(RecycledLead.EntityName, recycled) { [RecycledLead.EngagementScore] = 500m });

            Assert.Single(org.Org.All(Lead.EntityName), l => l.Contains(Lead.RecycledLead));
            Assert.Single(org.Org.All(TaskActivity.EntityName));
        }

        [Fact]
        public void Should_refuse_a_second_return_of_the_same_recycle_by_its_key()
        {
            var org = new LeadRecycleOrganization();
            var recycled = Nurtured(org);
            Engage(org, recycled, EngagementType.MeetingBooked, points: 60m);
            var key = ReturnedLead(org)[Lead.ReturnKey];

            Assert.ThrowsAny<Exception>(() => org.Service.Create(new Entity(Lead.EntityName) { ["lastname"] = "Twin", [Lead.ReturnKey] = key }));
        }

        [Fact]
        public void Should_reopen_and_assign_the_original_opportunity_when_configured()
        {
            var org = new LeadRecycleOrganization("{ \"engagement\": { \"returnAction\": \"ReopenOpportunity\" } }");
            var opportunity = org.OpenOpportunity();
            org.Lose(opportunity);
            var recycled = org.SingleRecycledLead().Id;

            Engage(org, recycled, EngagementType.MeetingBooked, points: 60m);

            Assert.Equal(Opportunity.State.Open, org.StateOf(Opportunity.EntityName, opportunity));
            Assert.Equal(org.Rep, org.Get(Opportunity.EntityName, opportunity).GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id);
            Assert.Equal(1, org.Get(Opportunity.EntityName, opportunity)[Opportunity.RecycleCount]);
            Assert.Equal(RecycledLead.Status.ReturnedToSales, org.Get(RecycledLead.EntityName, recycled).GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value);
            Assert.DoesNotContain(org.Org.All(Lead.EntityName), l => l.Contains(Lead.RecycledLead));

            org.Lose(opportunity, DisqualificationReason.NoBudget);
            Assert.Equal(2, org.RecycledLeads().Length);
        }

        [Fact]
        public void Should_remove_from_the_waterfall_once_the_recycle_cap_is_reached()
        {
            var org = new LeadRecycleOrganization("{ \"engagement\": { \"maxRecycles\": 1 } }");
            var opportunity = org.OpenOpportunity();
            org.Lose(opportunity);
            org.Service.Execute(new Microsoft.Crm.Sdk.Messages.SetStateRequest
            {
                EntityMoniker = new EntityReference(Opportunity.EntityName, opportunity),
                State = new OptionSetValue(Opportunity.State.Open),
                Status = new OptionSetValue(Opportunity.Status.InProgress),
            });

            org.Lose(opportunity, DisqualificationReason.NoBudget);

            var second = org.RecycledLeads().Single(r => (int)r[RecycledLead.RecycleCount] == 2);
            Assert.Equal(RecycledLead.Status.RemovedFromWaterfall, second.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value);
            Assert.Equal("Recycled 2 times, more than the 1 the policy allows (engagement.maxRecycles): removed from the waterfall.", second[RecycledLead.RemovalNote]);
        }

        [Fact]
        public void Should_refuse_an_engagement_without_its_recycled_lead()
        {
            var org = new LeadRecycleOrganization();

            var exception = Assert.ThrowsAny<Exception>(() => org.Service.Create(new Entity(Engagement.EntityName)
            {
                [Engagement.Type] = new OptionSetValue((int)EngagementType.EmailClick),
            }));

            Assert.Equal("An engagement must name the recycled lead it belongs to (Recycled lead).", exception.Message);
        }

        [Fact]
        public void Should_refuse_an_engagement_without_its_type_in_prevalidation_before_anything_is_written()
        {
            var org = new LeadRecycleOrganization();
            var opportunity = org.OpenOpportunity();
            org.Lose(opportunity);
            var recycled = org.SingleRecycledLead();

            var exception = Assert.ThrowsAny<Exception>(() => org.Service.Create(new Entity(Engagement.EntityName)
            {
                [Engagement.RecycledLead] = recycled.ToEntityReference(),
                [Engagement.Source] = "Journey",
            }));

            Assert.Equal("An engagement needs its type: one of Email click, Form submission, Webinar attended, Email reply, Meeting booked, Web visit, Likelihood answer (1-4).", exception.Message);
            Assert.Equal(0, org.Org.Count(Engagement.EntityName));
            Assert.All(org.Org.LastOperation!.Executions, e => Assert.Equal(10, e.Stage));
        }
    }
}
