using System;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Aging;
using LeadRecycle.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace LeadRecycle.Tests.UseCases
{
    public sealed class StageTrackingServiceTests
    {
        private readonly ServiceOrganization _org = new ServiceOrganization();

        [Fact]
        public void Should_stamp_the_new_stage_and_record_the_finished_stay_when_the_sales_stage_changes()
        {
            var id = _org.Opportunity();
            var preImage = new Entity(Opportunity.EntityName, id)
            {
                [Opportunity.SalesStage] = new OptionSetValue(1),
                [Opportunity.StageKey] = StageKeys.ForSalesStage(1),
                [Opportunity.StageEnteredOn] = ServiceOrganization.Now.AddDays(-6),
            };
            var change = new Entity(Opportunity.EntityName, id) { [Opportunity.SalesStage] = new OptionSetValue(2) };

            new StageTrackingService(_org.Service, ServiceOrganization.Now).SalesStageChanged(id, change, preImage);

            Assert.Equal(StageKeys.ForSalesStage(2), change[Opportunity.StageKey]);
            Assert.Equal(ServiceOrganization.Now, change[Opportunity.StageEnteredOn]);
            Assert.Equal(new OptionSetValue((int)AgingStatus.OnTrack), change[Opportunity.AgingStatus]);
            var stay = Assert.Single(Stays());
            Assert.Equal(StageKeys.ForSalesStage(1), stay[StageDuration.StageKey]);
            Assert.Equal(6m, stay[StageDuration.Days]);
        }

        [Fact]
        public void Should_record_nothing_when_the_stage_did_not_change()
        {
            var id = _org.Opportunity();
            var preImage = new Entity(Opportunity.EntityName, id) { [Opportunity.SalesStage] = new OptionSetValue(1), [Opportunity.StageEnteredOn] = ServiceOrganization.Now.AddDays(-6) };
            var change = new Entity(Opportunity.EntityName, id) { [Opportunity.SalesStage] = new OptionSetValue(1) };

            new StageTrackingService(_org.Service, ServiceOrganization.Now).SalesStageChanged(id, change, preImage);

            Assert.False(change.Contains(Opportunity.StageEnteredOn));
            Assert.Empty(Stays());
        }

        private Entity[] Stays() => _org.Service.RetrieveMultiple(new QueryExpression(StageDuration.EntityName) { ColumnSet = new ColumnSet(true) }).Entities.ToArray();
    }
}
