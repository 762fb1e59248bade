using System;
using System.Linq;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.Schema;
using LeadRecycle.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Pipeline
{
    /// <summary>
    /// A flow that turns journey interactions into engagements may run twice for one interaction (a retried run, a
    /// replayed trigger). The engagement's optional external id carries the sender's id, and its alternate key refuses
    /// the second write, so the interaction scores once.
    /// </summary>
    public sealed class EngagementReplayTests
    {
        private static Guid Nurtured(LeadRecycleOrganization org)
        {
            var opportunity = org.OpenOpportunity(contact: org.Contact(), account: org.Account());
            org.Lose(opportunity, DisqualificationReason.FundingDelayedOrCancelled);
            return org.SingleRecycledLead().Id;
        }

        private static Entity Interaction(Guid recycledLead, string? externalId, EngagementType type = EngagementType.FormSubmission) => new Entity(Engagement.EntityName)
        {
            [Engagement.Name] = "Form submitted",
            [Engagement.RecycledLead] = new EntityReference(RecycledLead.EntityName, recycledLead),
            [Engagement.Type] = new OptionSetValue((int)type),
            [Engagement.Source] = "CI-J journey 7f1c",
            [Engagement.ExternalId] = externalId,
        };

        [Fact]
        public void Should_refuse_the_second_write_and_keep_the_score_when_the_same_external_id_arrives_twice()
        {
            var org = new LeadRecycleOrganization();
            var recycled = Nurtured(org);
            org.Service.Create(Interaction(recycled, "idem-0001"));
            var scored = org.Get(RecycledLead.EntityName, recycled)[RecycledLead.EngagementScore];

            var refused = Assert.Throws<DataverseFaultException>(() => org.Service.Create(Interaction(recycled, "idem-0001")));

            Assert.Equal(DataverseErrorCodes.DuplicateRecordEntityKey, refused.ErrorCode);
            Assert.Equal(10m, scored);
            Assert.Equal(10m, org.Get(RecycledLead.EntityName, recycled)[RecycledLead.EngagementScore]);
            Assert.Single(org.Org.All(Engagement.EntityName));
        }

        [Fact]
        public void Should_score_each_when_the_external_ids_differ_or_are_left_out()
        {
            var org = new LeadRecycleOrganization();
            var recycled = Nurtured(org);

            org.Service.Create(Interaction(recycled, "idem-0001"));
            org.Service.Create(Interaction(recycled, "idem-0002"));
            org.Service.Create(Interaction(recycled, null));
            org.Service.Create(Interaction(recycled, null));

            // Four form submissions at 10 points, all on the same day: none is a replay of another.
            Assert.Equal(40m, org.Get(RecycledLead.EntityName, recycled)[RecycledLead.EngagementScore]);
            Assert.Equal(4, org.Org.All(Engagement.EntityName).Count());
        }
    }
}
