using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using LeadRecycle.Services.Configuration;
using LeadRecycle.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.UseCases
{
    public sealed class LapsedReturnServiceTests
    {
        private readonly ServiceOrganization _org = new ServiceOrganization();

        [Fact]
        public void Should_close_a_deal_whose_service_level_lapsed_as_lost_with_the_system_reason()
        {
            var deal = _org.Opportunity(o =>
            {
                o[Opportunity.AgingStatus] = new OptionSetValue((int)AgingStatus.Stalled);
                o[Opportunity.ServiceLevelDue] = ServiceOrganization.Now.AddDays(-1);
            });

            var returned = new LapsedReturnService(_org.Service).ReturnDeal(deal, ServiceOrganization.Now);

            Assert.True(returned);
            Assert.Equal(Opportunity.State.Lost, _org.Read(Opportunity.EntityName, deal).GetAttributeValue<OptionSetValue>(CommonColumns.StateCode).Value);
        }

        [Fact]
        public void Should_close_nothing_when_the_deal_was_snoozed_after_the_request()
        {
            var deal = _org.Opportunity(o =>
            {
                o[Opportunity.AgingStatus] = new OptionSetValue((int)AgingStatus.Stalled);
                o[Opportunity.ServiceLevelDue] = ServiceOrganization.Now.AddDays(-1);
                o[Opportunity.SnoozeUntil] = ServiceOrganization.Now.AddDays(5);
            });

            var returned = new LapsedReturnService(_org.Service).ReturnDeal(deal, ServiceOrganization.Now);

            Assert.False(returned);
            Assert.Equal(Opportunity.State.Open, _org.Read(Opportunity.EntityName, deal).GetAttributeValue<OptionSetValue>(CommonColumns.StateCode).Value);
        }

        [Fact]
        public void Should_disqualify_nothing_when_the_lead_had_activity_since()
        {
            var lead = _org.Service.Create(new Entity(Lead.EntityName) { [Lead.Subject] = "Telematics", ["lastname"] = "Nguyen", [Lead.LastActivityOn] = ServiceOrganization.Now.AddDays(-1) });

            var returned = new LapsedReturnService(_org.Service).ReturnLead(lead, ServiceOrganization.Now, RecyclePolicy.Default.Stall);

            Assert.False(returned);
        }
    }
}
