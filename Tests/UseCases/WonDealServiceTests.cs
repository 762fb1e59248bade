using System;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using LeadRecycle.Services.Attribution;
using LeadRecycle.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace LeadRecycle.Tests.UseCases
{
    /// <summary>A won deal's last stay, and closed-loop attribution on the recycled lead it came back from.</summary>
    public sealed class WonDealServiceTests
    {
        private readonly ServiceOrganization _org = new ServiceOrganization();

        /// <summary>A recycled lead that went back to sales: as a new lead (given) or by reopening its deal.</summary>
        private Guid Returned(Guid opportunity, Guid? returnedLead = null)
        {
            var id = _org.NurturingRecycledLead(new EntityReference(Opportunity.EntityName, opportunity), r =>
            {
                if (returnedLead != null)
                {
                    r[RecycledLead.ReturnedLead] = new EntityReference(Lead.EntityName, returnedLead.Value);
                }
            });
            _org.Service.Execute(new SetStateRequest
            {
                EntityMoniker = new EntityReference(RecycledLead.EntityName, id),
                State = new OptionSetValue(RecycledLead.State.Inactive),
                Status = new OptionSetValue(RecycledLead.Status.ReturnedToSales),
            });
            return id;
        }

        private Guid NewLead() => _org.Service.Create(new Entity(Lead.EntityName) { ["subject"] = "Back from nurture", ["lastname"] = "Diaz" });

        [Fact]
        public void Should_record_the_last_stay_when_a_deal_is_won()
        {
            var id = _org.Opportunity(o =>
            {
                o[Opportunity.StageKey] = StageKeys.ForSalesStage(3);
                o[Opportunity.StageEnteredOn] = ServiceOrganization.Now.AddDays(-2);
            });

            new WonDealService(_org.Service, ServiceOrganization.Now).DealWon(id, null);

            var stay = Assert.Single(_org.Service.RetrieveMultiple(new QueryExpression(StageDuration.EntityName) { ColumnSet = new ColumnSet(true) }).Entities);
            Assert.Equal(StageKeys.ForSalesStage(3), stay[StageDuration.StageKey]);
        }

        [Fact]
        public void Should_record_the_win_and_the_close_revenue_when_the_returned_lead_was_qualified_into_the_deal()
        {
            var lostDeal = _org.Opportunity();
            var lead = NewLead();
            var recycled = Returned(lostDeal, returnedLead: lead);
            var newDeal = _org.Opportunity(o =>
            {
                o[Opportunity.OriginatingLead] = new EntityReference(Lead.EntityName, lead);
                o[Opportunity.EstimatedValue] = new Money(40000m);
            });

            new WonDealService(_org.Service, ServiceOrganization.Now).DealWon(newDeal, new Money(36500m));

            var row = _org.Read(RecycledLead.EntityName, recycled);
            Assert.Equal((int)ReturnOutcome.Won, row.GetAttributeValue<OptionSetValue>(RecycledLead.ReturnOutcome).Value);
            Assert.Equal(ServiceOrganization.Now, row.GetAttributeValue<DateTime>(RecycledLead.ReturnOutcomeOn));
            Assert.Equal(36500m, row.GetAttributeValue<Money>(RecycledLead.ReturnRevenue).Value);
            Assert.Equal(newDeal, row.GetAttributeValue<EntityReference>(RecycledLead.ReturnOpportunity).Id);
        }

        [Fact]
        public void Should_record_the_estimated_value_as_revenue_when_the_reopened_deal_is_won_without_a_close_revenue()
        {
            var deal = _org.Opportunity(o =>
            {
                o[Opportunity.EstimatedValue] = new Money(12000m);
                o[Opportunity.RecycleCount] = 1;
            });
            var recycled = Returned(deal);

            new WonDealService(_org.Service, ServiceOrganization.Now).DealWon(deal, null);

            var row = _org.Read(RecycledLead.EntityName, recycled);
            Assert.Equal((int)ReturnOutcome.Won, row.GetAttributeValue<OptionSetValue>(RecycledLead.ReturnOutcome).Value);
            Assert.Equal(12000m, row.GetAttributeValue<Money>(RecycledLead.ReturnRevenue).Value);
            Assert.Equal(deal, row.GetAttributeValue<EntityReference>(RecycledLead.ReturnOpportunity).Id);
        }

        [Fact]
        public void Should_keep_the_first_outcome_when_the_deal_closes_again()
        {
            var deal = _org.Opportunity(o => o[Opportunity.RecycleCount] = 1);
            var recycled = Returned(deal);
            ReturnAttribution.Record(_org.Service, _org.Read(Opportunity.EntityName, deal), ReturnOutcome.Lost, ServiceOrganization.Now.AddDays(-5), null);

            new WonDealService(_org.Service, ServiceOrganization.Now).DealWon(deal, new Money(9000m));

            var row = _org.Read(RecycledLead.EntityName, recycled);
            Assert.Equal((int)ReturnOutcome.Lost, row.GetAttributeValue<OptionSetValue>(RecycledLead.ReturnOutcome).Value);
            Assert.Equal(0m, row.GetAttributeValue<Money>(RecycledLead.ReturnRevenue).Value);
            Assert.Equal(ServiceOrganization.Now.AddDays(-5), row.GetAttributeValue<DateTime>(RecycledLead.ReturnOutcomeOn));
        }

        [Fact]
        public void Should_not_attribute_a_deal_to_a_recycled_lead_that_is_still_in_nurture_or_returned_as_another_lead()
        {
            var deal = _org.Opportunity(o =>
            {
                o[Opportunity.RecycleCount] = 1;
                o[Opportunity.OriginatingLead] = new EntityReference(Lead.EntityName, NewLead());
            });
            var nurturing = _org.NurturingRecycledLead(new EntityReference(Opportunity.EntityName, deal));
            var returnedAsOtherLead = Returned(deal, returnedLead: NewLead());

            var attributed = ReturnAttribution.Record(_org.Service, _org.Read(Opportunity.EntityName, deal), ReturnOutcome.Won, ServiceOrganization.Now, null);

            Assert.Null(attributed);
            Assert.All(new[] { nurturing, returnedAsOtherLead }, id => Assert.False(_org.Read(RecycledLead.EntityName, id).Contains(RecycledLead.ReturnOutcome)));
        }

        [Fact]
        public void Should_make_no_call_when_the_deal_has_neither_an_originating_lead_nor_a_recycle()
        {
            var deal = _org.Read(Opportunity.EntityName, _org.Opportunity());
            var before = _org.Org.Operations.Count;

            Assert.Null(ReturnAttribution.Record(_org.Service, deal, ReturnOutcome.Won, ServiceOrganization.Now, null));

            Assert.Equal(before, _org.Org.Operations.Count);
        }
    }
}
