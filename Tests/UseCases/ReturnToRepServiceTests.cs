using System;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using LeadRecycle.Services.Engagement;
using LeadRecycle.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace LeadRecycle.Tests.UseCases
{
    public sealed class ReturnToRepServiceTests
    {
        private readonly ServiceOrganization _org = new ServiceOrganization();

        [Fact]
        public void Should_return_a_new_lead_and_a_task_to_the_rep_when_the_score_reaches_the_threshold()
        {
            var id = _org.NurturingRecycledLead(new EntityReference(Opportunity.EntityName, _org.Opportunity()), r => r[RecycledLead.Background] = "Budget next year.");
            var recycledLead = _org.Read(RecycledLead.EntityName, id);
            var change = new Entity(RecycledLead.EntityName, id) { [RecycledLead.EngagementScore] = 80m };
            recycledLead[RecycledLead.EngagementScore] = 80m;
            var reopened = false;

            var returned = new ReturnToRepService(_org.Service, EngagementPolicy.Default, ServiceOrganization.Now).Route(change, recycledLead, () => reopened = true);

            Assert.True(returned);
            Assert.False(reopened);
            Assert.Equal(new OptionSetValue(RecycledLead.Status.ReturnedToSales), change[CommonColumns.StatusCode]);
            Assert.Equal(_org.Rep, change.GetAttributeValue<EntityReference>(RecycledLead.ReturnedTo).Id);
            var lead = _org.Read(Lead.EntityName, ((EntityReference)change[RecycledLead.ReturnedLead]).Id);
            Assert.Equal(_org.Rep, lead.GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id);
            Assert.Contains("Background: Budget next year.", lead.GetAttributeValue<string>(Lead.Description), StringComparison.Ordinal);
            Assert.Single(_org.Service.RetrieveMultiple(new QueryExpression(TaskActivity.EntityName)).Entities);
        }

        [Fact]
        public void Should_keep_the_prospect_in_nurture_and_say_why_when_nobody_can_take_it()
        {
            var id = _org.NurturingRecycledLead(new EntityReference(Opportunity.EntityName, _org.Opportunity()), r => r[RecycledLead.OriginalOwner] = null);
            var recycledLead = _org.Read(RecycledLead.EntityName, id);
            var change = new Entity(RecycledLead.EntityName, id) { [RecycledLead.EngagementScore] = 80m };
            recycledLead[RecycledLead.EngagementScore] = 80m;

            var returned = new ReturnToRepService(_org.Service, EngagementPolicy.Default, ServiceOrganization.Now).Route(change, recycledLead, () => { });

            Assert.False(returned);
            Assert.False(change.Contains(CommonColumns.StatusCode));
            Assert.Contains("'engagement.fallbackOwner'", change.GetAttributeValue<string>(RecycledLead.ReturnBlocked), StringComparison.Ordinal);
            Assert.DoesNotContain(_org.Service.RetrieveMultiple(new QueryExpression(Lead.EntityName) { ColumnSet = new ColumnSet(Lead.RecycledLead) }).Entities, l => l.Contains(Lead.RecycledLead));
        }
    }
}
