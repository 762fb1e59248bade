using System;
using LeadRecycle.Schema;
using LeadRecycle.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Pipeline
{
    public sealed class LeadDisqualificationTests
    {
        private static Entity Disqualify(Guid leadId, DisqualificationReason? reason, bool complete = true)
        {
            var update = new Entity(Lead.EntityName, leadId)
            {
                [CommonColumns.StateCode] = new OptionSetValue(Lead.State.Disqualified),
                [CommonColumns.StatusCode] = new OptionSetValue(Lead.Status.NoLongerInterested),
            };
            if (reason != null)
            {
                update[ChecklistColumns.Reason] = new OptionSetValue((int)reason.Value);
            }

            if (complete)
            {
                update[ChecklistColumns.Background] = "Reorganising; revisit after the merger.";
                update[ChecklistColumns.EffortType] = new OptionSetValue((int)EffortType.MarketingNurture);
                update[ChecklistColumns.TargetStage] = new OptionSetValue((int)LeadDevelopmentStage.Inquiry);
                update[ChecklistColumns.WhoIsInvolved] = "New VP of operations.";
            }

            return update;
        }

        [Fact]
        public void Should_recycle_a_lead_disqualified_through_update_with_its_checklist()
        {
            var org = new LeadRecycleOrganization();
            var lead = org.OpenLead();

            org.As(org.Rep).Update(Disqualify(lead, DisqualificationReason.DecisionMakerChanged));

            Assert.Equal(Lead.State.Disqualified, org.StateOf(Lead.EntityName, lead));
            var recycled = org.SingleRecycledLead();
            Assert.Equal(lead, recycled.GetAttributeValue<EntityReference>(RecycledLead.OriginatingLead).Id);
            Assert.False(recycled.Contains(RecycledLead.Opportunity));
            Assert.Equal((int)NurtureStream.NewStakeholder, recycled.GetAttributeValue<OptionSetValue>(RecycledLead.NurtureStream).Value);
            Assert.Equal("New VP of operations.", recycled[RecycledLead.WhoIsInvolved]);
            Assert.Equal("Interested in fleet telematics", recycled[RecycledLead.Topic]);
            Assert.Equal(0, org.Org.Calls.ForLastOperation()["Retrieve"]);
        }

        [Fact]
        public void Should_read_the_checklist_saved_earlier_when_the_lead_is_disqualified_through_set_state()
        {
            var org = new LeadRecycleOrganization();
            var lead = org.OpenLead();
            var checklist = Disqualify(lead, DisqualificationReason.UnableToReach);
            checklist.Attributes.Remove(CommonColumns.StateCode);
            checklist.Attributes.Remove(CommonColumns.StatusCode);
            org.Service.Update(checklist);

            org.Service.Execute(new SetStateRequest
            {
                EntityMoniker = new EntityReference(Lead.EntityName, lead),
                State = new OptionSetValue(Lead.State.Disqualified),
                Status = new OptionSetValue(Lead.Status.CannotContact),
            });

            var recycled = org.SingleRecycledLead();
            Assert.Equal((int)NurtureStream.ReEngagement, recycled.GetAttributeValue<OptionSetValue>(RecycledLead.NurtureStream).Value);
        }

        [Fact]
        public void Should_refuse_a_disqualification_without_a_reason_and_keep_the_lead_open()
        {
            var org = new LeadRecycleOrganization();
            var lead = org.OpenLead();

            var exception = Assert.ThrowsAny<Exception>(() => org.Service.Update(Disqualify(lead, reason: null)));

            Assert.StartsWith("Choose a Return-to-Nurture reason before disqualifying this lead. The reasons are:", exception.Message);
            Assert.Equal(Lead.State.Open, org.StateOf(Lead.EntityName, lead));
            Assert.Empty(org.RecycledLeads());
        }

        [Fact]
        public void Should_refuse_a_set_state_disqualification_without_a_reason()
        {
            var org = new LeadRecycleOrganization();
            var lead = org.OpenLead();

            Assert.ThrowsAny<Exception>(() => org.Service.Execute(new SetStateRequest
            {
                EntityMoniker = new EntityReference(Lead.EntityName, lead),
                State = new OptionSetValue(Lead.State.Disqualified),
                Status = new OptionSetValue(Lead.Status.Lost),
            }));

            Assert.Equal(Lead.State.Open, org.StateOf(Lead.EntityName, lead));
        }

        [Fact]
        public void Should_not_block_qualification_nor_create_anything()
        {
            var org = new LeadRecycleOrganization();
            var lead = org.OpenLead();

            org.Service.Update(new Entity(Lead.EntityName, lead)
            {
                [CommonColumns.StateCode] = new OptionSetValue(Lead.State.Qualified),
                [CommonColumns.StatusCode] = new OptionSetValue(Lead.Status.Qualified),
            });

            Assert.Equal(Lead.State.Qualified, org.StateOf(Lead.EntityName, lead));
            Assert.Empty(org.RecycledLeads());
        }

        [Fact]
        public void Should_stamp_a_leads_last_activity_when_a_task_is_created_regarding_it()
        {
            var org = new LeadRecycleOrganization();
            var lead = org.OpenLead();
            org.Clock.Advance(TimeSpan.FromDays(3));

            org.Service.Create(new Entity(TaskActivity.EntityName)
            {
                [TaskActivity.Subject] = "Call back",
                [TaskActivity.Regarding] = new EntityReference(Lead.EntityName, lead),
            });
            Assert.False(org.Get(Lead.EntityName, lead).Contains(Lead.LastActivityOn));
            org.Org.DrainAsyncQueue();

            Assert.Equal(LeadRecycleOrganization.Start.AddDays(3), org.Get(Lead.EntityName, lead)[Lead.LastActivityOn]);
        }
    }
}
