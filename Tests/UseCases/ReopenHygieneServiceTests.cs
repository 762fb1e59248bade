using System;
using LeadRecycle.Schema;
using LeadRecycle.Services.Recycling;
using LeadRecycle.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.UseCases
{
    public sealed class ReopenHygieneServiceTests
    {
        private readonly ServiceOrganization _org = new ServiceOrganization();

        [Fact]
        public void Should_cancel_the_live_recycled_lead_and_start_a_fresh_stay_when_a_deal_is_reopened()
        {
            var deal = _org.Opportunity(o => o[Opportunity.SnoozeUntil] = ServiceOrganization.Now.AddDays(3));
            var recycledLead = _org.NurturingRecycledLead(new EntityReference(Opportunity.EntityName, deal), r => r[RecycledLead.RecycleCount] = 2);

            new ReopenHygieneService(_org.Service, ServiceOrganization.Now).OpportunityReopened(deal, carriedCount: 1, returningToRep: false);

            Assert.Equal(RecycledLead.Status.Cancelled, _org.Read(RecycledLead.EntityName, recycledLead).GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value);
            var reopened = _org.Read(Opportunity.EntityName, deal);
            Assert.Equal(2, reopened[Opportunity.RecycleCount]);
            Assert.Equal(ServiceOrganization.Now, reopened[Opportunity.StageEnteredOn]);
            Assert.False(reopened.Contains(Opportunity.SnoozeUntil));
        }

        [Fact]
        public void Should_keep_the_recycled_lead_when_the_reopening_is_its_own_return_to_the_rep()
        {
            var deal = _org.Opportunity();
            var recycledLead = _org.NurturingRecycledLead(new EntityReference(Opportunity.EntityName, deal));

            new ReopenHygieneService(_org.Service, ServiceOrganization.Now).OpportunityReopened(deal, carriedCount: 1, returningToRep: true);

            Assert.Equal(RecycledLead.Status.Nurturing, _org.Read(RecycledLead.EntityName, recycledLead).GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value);
        }

        [Fact]
        public void Should_cancel_the_live_recycled_lead_and_restart_the_inactivity_clock_when_a_lead_is_reactivated()
        {
            var lead = _org.Service.Create(new Entity(Lead.EntityName) { [Lead.Subject] = "Telematics", ["lastname"] = "Nguyen" });
            var recycledLead = _org.NurturingRecycledLead(new EntityReference(Lead.EntityName, lead));

            new ReopenHygieneService(_org.Service, ServiceOrganization.Now).LeadReactivated(lead);

            Assert.Equal(RecycledLead.Status.Cancelled, _org.Read(RecycledLead.EntityName, recycledLead).GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value);
            var reactivated = _org.Read(Lead.EntityName, lead);
            Assert.Equal(ServiceOrganization.Now, reactivated[Lead.LastActivityOn]);
            Assert.Equal(1, reactivated[Lead.RecycleCount]);
        }
    }
}
