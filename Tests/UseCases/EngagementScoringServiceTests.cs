using System;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using LeadRecycle.Services.Engagement;
using LeadRecycle.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.UseCases
{
    public sealed class EngagementScoringServiceTests
    {
        private readonly ServiceOrganization _org = new ServiceOrganization();

        [Fact]
        public void Should_add_the_policy_points_and_the_answer_when_a_nurtured_prospect_engages()
        {
            var recycledLead = _org.NurturingRecycledLead(new EntityReference(Opportunity.EntityName, _org.Opportunity()));
            var scoring = new EngagementScoringService(_org.Service, EngagementPolicy.Default, ServiceOrganization.Now);

            scoring.Score(NewEngagement(recycledLead, EngagementType.LikelihoodAnswer, answer: Likelihood.Three), Guid.NewGuid());

            var scored = _org.Read(RecycledLead.EntityName, recycledLead);
            Assert.Equal(EngagementPolicy.Default.PointsFor(EngagementType.LikelihoodAnswer), scored.GetAttributeValue<decimal>(RecycledLead.EngagementScore));
            Assert.Equal(ServiceOrganization.Now, scored.GetAttributeValue<DateTime>(RecycledLead.ScoredOn));
            Assert.Equal(new OptionSetValue((int)Likelihood.Three), scored[RecycledLead.Likelihood]);
        }

        [Fact]
        public void Should_score_nothing_when_the_rep_who_handed_the_prospect_over_logs_the_engagement()
        {
            var recycledLead = _org.NurturingRecycledLead(new EntityReference(Opportunity.EntityName, _org.Opportunity()));
            var scoring = new EngagementScoringService(_org.Service, EngagementPolicy.Default, ServiceOrganization.Now);

            scoring.Score(NewEngagement(recycledLead, EngagementType.MeetingBooked), Guid.NewGuid(), _org.Rep);

            Assert.Equal(0m, _org.Read(RecycledLead.EntityName, recycledLead).GetAttributeValue<decimal>(RecycledLead.EngagementScore));
        }

        [Fact]
        public void Should_refuse_an_engagement_without_its_recycled_lead()
        {
            var engagement = new Entity(Schema.Engagement.EntityName) { [Schema.Engagement.Type] = new OptionSetValue((int)EngagementType.EmailClick) };

            var exception = Assert.Throws<InvalidPluginExecutionException>(() => EngagementScoringService.Validate(engagement));

            Assert.Equal("An engagement must name the recycled lead it belongs to (Recycled lead).", exception.Message);
        }

        private static Entity NewEngagement(Guid recycledLead, EngagementType type, Likelihood? answer = null)
        {
            var engagement = new Entity(Schema.Engagement.EntityName)
            {
                [Schema.Engagement.RecycledLead] = new EntityReference(RecycledLead.EntityName, recycledLead),
                [Schema.Engagement.Type] = new OptionSetValue((int)type),
                [Schema.Engagement.OccurredOn] = ServiceOrganization.Now,
            };
            if (answer != null)
            {
                engagement[Schema.Engagement.Likelihood] = new OptionSetValue((int)answer.Value);
            }

            return engagement;
        }
    }
}
