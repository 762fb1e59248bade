using System;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Pipeline
{
    /// <summary>
    /// Closed-loop attribution through the shipped steps, for both return actions: the recycled lead records how the
    /// sales effort it went back to ended, when, and the revenue.
    /// </summary>
    public sealed class AttributionTests
    {
        private static Guid Engage(LeadRecycleOrganization org, Guid recycledLead) =>
            org.Service.Create(new Entity(Engagement.EntityName)
            {
                [Engagement.Name] = "Meeting booked",
                [Engagement.RecycledLead] = new EntityReference(RecycledLead.EntityName, recycledLead),
                [Engagement.Type] = new OptionSetValue((int)EngagementType.MeetingBooked),
                [Engagement.Points] = 60m,
                [Engagement.Source] = "Journey: budget cycle",
            });

        private static void Win(LeadRecycleOrganization org, Guid opportunity, decimal? revenue, IOrganizationService? as_ = null)
        {
            var close = new Entity(OpportunityClose.EntityName) { [OpportunityClose.Opportunity] = new EntityReference(Opportunity.EntityName, opportunity) };
            if (revenue != null)
            {
                close[OpportunityClose.ActualRevenue] = new Money(revenue.Value);
            }

            (as_ ?? org.Service).Execute(new WinOpportunityRequest { OpportunityClose = close, Status = new OptionSetValue(Opportunity.Status.Won) });
        }

        private static Entity Outcome(LeadRecycleOrganization org, Guid recycledLead) => org.Get(RecycledLead.EntityName, recycledLead);

        [Fact]
        public void Should_record_the_win_and_its_revenue_when_the_returned_lead_is_qualified_and_its_opportunity_won()
        {
            var org = new LeadRecycleOrganization();
            var lost = org.OpenOpportunity(contact: org.Contact(), account: org.Account());
            org.Lose(lost, DisqualificationReason.FundingDelayedOrCancelled);
            var recycled = org.SingleRecycledLead().Id;
            org.Clock.Advance(TimeSpan.FromDays(40));
            Engage(org, recycled);
            var returnedLead = org.Org.All(Lead.EntityName).Single(l => l.Contains(Lead.RecycledLead)).Id;

            // The rep qualifies the lead as QualifyLead does: an opportunity whose originating lead it is, the lead qualified.
            org.Clock.Advance(TimeSpan.FromDays(3));
            var rep = org.As(org.Rep);
            var newDeal = rep.Create(new Entity(Opportunity.EntityName)
            {
                [Opportunity.Name] = "Fleet renewal, second try",
                [Opportunity.OriginatingLead] = new EntityReference(Lead.EntityName, returnedLead),
                [Opportunity.EstimatedValue] = new Money(30000m),
                [CommonColumns.OwnerId] = new EntityReference(SystemUser.EntityName, org.Rep),
            });
            org.Clock.Advance(TimeSpan.FromDays(20));
            var wonOn = org.Clock.UtcNow;
            Win(org, newDeal, revenue: 27500m, as_: rep);

            var row = Outcome(org, recycled);
            Assert.Equal((int)ReturnOutcome.Won, row.GetAttributeValue<OptionSetValue>(RecycledLead.ReturnOutcome).Value);
            Assert.Equal(wonOn, row.GetAttributeValue<DateTime>(RecycledLead.ReturnOutcomeOn));
            Assert.Equal(27500m, row.GetAttributeValue<Money>(RecycledLead.ReturnRevenue).Value);
            Assert.Equal(newDeal, row.GetAttributeValue<EntityReference>(RecycledLead.ReturnOpportunity).Id);
        }

        [Fact]
        public void Should_record_the_loss_and_recycle_again_when_the_reopened_opportunity_is_lost_again()
        {
            var org = new LeadRecycleOrganization("{ \"engagement\": { \"returnAction\": \"ReopenOpportunity\" } }");
            var deal = org.OpenOpportunity();
            org.Lose(deal);
            var recycled = org.SingleRecycledLead().Id;
            Engage(org, recycled);
            org.Clock.Advance(TimeSpan.FromDays(10));

            org.Lose(deal, DisqualificationReason.NoBudget, as_: org.As(org.Rep));

            var row = Outcome(org, recycled);
            Assert.Equal((int)ReturnOutcome.Lost, row.GetAttributeValue<OptionSetValue>(RecycledLead.ReturnOutcome).Value);
            Assert.Equal(0m, row.GetAttributeValue<Money>(RecycledLead.ReturnRevenue).Value);
            Assert.Equal(deal, row.GetAttributeValue<EntityReference>(RecycledLead.ReturnOpportunity).Id);
            var second = Assert.Single(org.RecycledLeads(), r => r.Id != recycled);
            Assert.False(second.Contains(RecycledLead.ReturnOutcome));
        }

        [Fact]
        public void Should_record_the_win_when_the_reopened_opportunity_is_won()
        {
            var org = new LeadRecycleOrganization("{ \"engagement\": { \"returnAction\": \"ReopenOpportunity\" } }");
            var deal = org.OpenOpportunity(value: 18000m);
            org.Lose(deal);
            var recycled = org.SingleRecycledLead().Id;
            Engage(org, recycled);

            Win(org, deal, revenue: null, as_: org.As(org.Rep));

            var row = Outcome(org, recycled);
            Assert.Equal((int)ReturnOutcome.Won, row.GetAttributeValue<OptionSetValue>(RecycledLead.ReturnOutcome).Value);
            Assert.Equal(18000m, row.GetAttributeValue<Money>(RecycledLead.ReturnRevenue).Value);
        }

        [Fact]
        public void Should_add_no_call_when_a_deal_that_never_came_back_from_nurture_is_won()
        {
            var org = new LeadRecycleOrganization();
            var plain = org.OpenOpportunity();
            var fromLead = org.OpenOpportunity();
            org.Service.Update(new Entity(Opportunity.EntityName, fromLead) { [Opportunity.OriginatingLead] = new EntityReference(Lead.EntityName, org.OpenLead()) });

            var plainCalls = org.Org.Calls.During(() => Win(org, plain, 1000m));
            var fromLeadCalls = org.Org.Calls.During(() => Win(org, fromLead, 1000m));

            // The stage stay as before (a read and a create); a deal from a lead pays one query, and finds nothing.
            Assert.Equal(new[] { "Create", "Retrieve" }, plainCalls.ByMessage.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.True(plainCalls.Total == 2, plainCalls.ToString());
            Assert.True(fromLeadCalls.Total == 3 && fromLeadCalls["RetrieveMultiple"] == 1, fromLeadCalls.ToString());
        }
    }
}
