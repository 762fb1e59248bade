using System;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using LeadRecycle.Services.Recycling;
using LeadRecycle.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.UseCases
{
    public sealed class PipelineExitServiceTests
    {
        private readonly ServiceOrganization _org = new ServiceOrganization();

        [Fact]
        public void Should_create_a_nurturing_recycled_lead_with_the_checklist_when_a_lead_is_disqualified()
        {
            var lead = new Entity(Lead.EntityName, _org.Service.Create(new Entity(Lead.EntityName) { ["lastname"] = "Nguyen" }))
            {
                [Lead.Subject] = "Telematics",
                [CommonColumns.OwnerId] = _org.RepReference,
                [ChecklistColumns.Reason] = new OptionSetValue((int)DisqualificationReason.NoBudget),
                [ChecklistColumns.Background] = "  Budget next year.  ",
                [ChecklistColumns.EffortType] = new OptionSetValue((int)EffortType.MarketingNurture),
                [ChecklistColumns.TargetStage] = new OptionSetValue((int)LeadDevelopmentStage.Inquiry),
            };

            var id = new PipelineExitService(_org.Service, RecyclePolicy.Default, ServiceOrganization.Now).LeadDisqualified(lead, systemReasonAllowed: false, _org.Rep);

            var recycledLead = _org.Read(RecycledLead.EntityName, id);
            Assert.Equal(RecycledLead.Status.Nurturing, recycledLead.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value);
            Assert.Equal("Budget next year.", recycledLead[RecycledLead.Background]);
            Assert.Equal(new OptionSetValue((int)EffortType.MarketingNurture), recycledLead[RecycledLead.EffortType]);
            Assert.Equal($"lead:{lead.Id:N}:1", recycledLead[RecycledLead.SourceKey]);
        }

        [Fact]
        public void Should_recycle_nothing_when_the_opportunity_is_not_lost_after_the_close()
        {
            var deal = _org.Opportunity();
            var close = new Entity(OpportunityClose.EntityName)
            {
                [OpportunityClose.Opportunity] = new EntityReference(Opportunity.EntityName, deal),
                [ChecklistColumns.Reason] = new OptionSetValue((int)DisqualificationReason.UnableToReach),
                [ChecklistColumns.Background] = "No answer since March.",
                [ChecklistColumns.EffortType] = new OptionSetValue((int)EffortType.MarketingNurture),
                [ChecklistColumns.TargetStage] = new OptionSetValue((int)LeadDevelopmentStage.Inquiry),
            };

            var id = new PipelineExitService(_org.Service, RecyclePolicy.Default, ServiceOrganization.Now).OpportunityLost(close, systemReasonAllowed: false, _org.Rep);

            Assert.Null(id);
        }
    }
}
