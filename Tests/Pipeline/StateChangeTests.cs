using System;
using System.Linq;
using LeadRecycle.Framework;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.Schema;
using LeadRecycle.Solution;
using LeadRecycle.Steps;
using LeadRecycle.Tests.InMemoryDataverse;
using LeadRecycle.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Pipeline
{
    /// <summary>
    /// LeadRecycle's state-change rules under the platform's split of an Update that carries the state plus other
    /// columns (Microsoft Learn, "Behavior of specialized update operations"), whichever pre-image the state pass gets,
    /// and when one state change reaches a rule through more than one registration.
    /// </summary>
    public sealed class StateChangeTests
    {
        private static readonly DateTime T0 = LeadRecycleOrganization.Start;

        private static Entity Checklist(Guid lead, DisqualificationReason reason, string background, string whoIsInvolved) => new Entity(Lead.EntityName, lead)
        {
            [ChecklistColumns.Reason] = new OptionSetValue((int)reason),
            [ChecklistColumns.Background] = background,
            [ChecklistColumns.EffortType] = new OptionSetValue((int)EffortType.MarketingNurture),
            [ChecklistColumns.TargetStage] = new OptionSetValue((int)LeadDevelopmentStage.Inquiry),
            [ChecklistColumns.WhoIsInvolved] = whoIsInvolved,
        };

        /// <summary>What the lead form sends: the state, the reason and the checklist in one Update.</summary>
        private static Entity OneUpdateDisqualification(Guid lead, DisqualificationReason reason, string background, string whoIsInvolved)
        {
            var update = Checklist(lead, reason, background, whoIsInvolved);
            update[CommonColumns.StateCode] = new OptionSetValue(Lead.State.Disqualified);
            update[CommonColumns.StatusCode] = new OptionSetValue(Lead.Status.NoLongerInterested);
            return update;
        }

        private static int ExecutionsOf<TPlugin>(LeadRecycleOrganization org) =>
            org.Org.LastOperation!.Executions.Count(e => e.PluginType == typeof(TPlugin));

        [Theory]
        [InlineData(SpecialUpdatePreImage.AfterFirstPass)]
        [InlineData(SpecialUpdatePreImage.BeforeRequest)]
        public void Should_create_exactly_one_recycled_lead_with_the_whole_checklist_when_a_rep_disqualifies_in_one_update(SpecialUpdatePreImage reading)
        {
            var org = new LeadRecycleOrganization();
            org.Org.SecondPassPreImage = reading;
            var lead = org.OpenLead();

            org.As(org.Rep).Update(OneUpdateDisqualification(lead, DisqualificationReason.DecisionMakerChanged, "Reorganising; revisit after the merger.", "New VP of operations."));

            Assert.Equal(Lead.State.Disqualified, org.StateOf(Lead.EntityName, lead));
            var recycled = org.SingleRecycledLead();
            Assert.Equal((int)DisqualificationReason.DecisionMakerChanged, recycled.GetAttributeValue<OptionSetValue>(RecycledLead.Reason).Value);
            Assert.Equal("Reorganising; revisit after the merger.", recycled[RecycledLead.Background]);
            Assert.Equal("New VP of operations.", recycled[RecycledLead.WhoIsInvolved]);
            Assert.Equal(1, ExecutionsOf<ValidateLeadDisqualification>(org));
            Assert.Equal(1, ExecutionsOf<RecycleDisqualifiedLead>(org));
        }

        [Theory]
        [InlineData(SpecialUpdatePreImage.AfterFirstPass)]
        [InlineData(SpecialUpdatePreImage.BeforeRequest)]
        public void Should_recycle_with_the_new_checklist_when_a_reactivated_lead_is_disqualified_again_in_one_update(SpecialUpdatePreImage reading)
        {
            var org = new LeadRecycleOrganization();
            org.Org.SecondPassPreImage = reading;
            var lead = org.OpenLead();
            org.As(org.Rep).Update(OneUpdateDisqualification(lead, DisqualificationReason.DecisionMakerChanged, "First time: reorganising.", "Old VP."));
            org.Service.Execute(new SetStateRequest
            {
                EntityMoniker = new EntityReference(Lead.EntityName, lead),
                State = new OptionSetValue(Lead.State.Open),
                Status = new OptionSetValue(Lead.Status.New),
            });

            org.As(org.Rep).Update(OneUpdateDisqualification(lead, DisqualificationReason.NoBudget, "Second time: the budget went elsewhere.", "CFO."));

            var second = org.RecycledLeads().Single(r => r.GetAttributeValue<string>(RecycledLead.SourceKey) == $"lead:{lead:N}:2");
            Assert.Equal((int)DisqualificationReason.NoBudget, second.GetAttributeValue<OptionSetValue>(RecycledLead.Reason).Value);
            Assert.Equal("Second time: the budget went elsewhere.", second[RecycledLead.Background]);
            Assert.Equal("CFO.", second[RecycledLead.WhoIsInvolved]);
        }

        [Fact]
        public void Should_recycle_once_when_one_disqualification_reaches_both_the_set_state_and_the_update_registrations()
        {
            // The platform generates an Update inside an Assign, with the Assign's context as ParentContext
            // ("IPluginExecutionContext.ParentContext Property"); a step here does the same for a SetState, so the
            // rule is reached through its Update registration and then its SetState registration, in one operation.
            var org = new LeadRecycleOrganization();
            var lead = org.OpenLead();
            org.Service.Update(Checklist(lead, DisqualificationReason.UnableToReach, "Three calls, no answer.", "Office manager."));
            org.Org.Register(TestOrganization.Step(SdkMessageNames.SetState, Lead.EntityName, StepStage.PreOperation, sp =>
            {
                var factory = (IOrganizationServiceFactory)sp.GetService(typeof(IOrganizationServiceFactory))!;
                factory.CreateOrganizationService(null).Update(new Entity(Lead.EntityName, lead)
                {
                    [CommonColumns.StateCode] = new OptionSetValue(Lead.State.Disqualified),
                    [CommonColumns.StatusCode] = new OptionSetValue(Lead.Status.CannotContact),
                });
            }));

            org.Service.Execute(new SetStateRequest
            {
                EntityMoniker = new EntityReference(Lead.EntityName, lead),
                State = new OptionSetValue(Lead.State.Disqualified),
                Status = new OptionSetValue(Lead.Status.CannotContact),
            });

            Assert.Equal(2, ExecutionsOf<RecycleDisqualifiedLead>(org));
            var recycled = org.SingleRecycledLead();
            Assert.Equal("Three calls, no answer.", recycled[RecycledLead.Background]);
            Assert.Equal(Lead.State.Disqualified, org.StateOf(Lead.EntityName, lead));
        }

        [Fact]
        public void Should_restart_a_reactivated_lead_once_when_one_reactivation_reaches_both_the_set_state_and_the_update_registrations()
        {
            var org = new LeadRecycleOrganization();
            var lead = org.OpenLead();
            org.As(org.Rep).Update(OneUpdateDisqualification(lead, DisqualificationReason.DecisionMakerChanged, "Next fiscal year.", "Procurement."));
            org.Org.Register(TestOrganization.Step(SdkMessageNames.SetState, Lead.EntityName, StepStage.PreOperation, sp =>
            {
                var factory = (IOrganizationServiceFactory)sp.GetService(typeof(IOrganizationServiceFactory))!;
                factory.CreateOrganizationService(null).Update(new Entity(Lead.EntityName, lead)
                {
                    [CommonColumns.StateCode] = new OptionSetValue(Lead.State.Open),
                    [CommonColumns.StatusCode] = new OptionSetValue(Lead.Status.New),
                });
            }));

            var calls = org.Org.Calls.During(() => org.Service.Execute(new SetStateRequest
            {
                EntityMoniker = new EntityReference(Lead.EntityName, lead),
                State = new OptionSetValue(Lead.State.Open),
                Status = new OptionSetValue(Lead.Status.New),
            }));

            Assert.Equal(2, ExecutionsOf<RestartReactivatedLead>(org));
            Assert.Equal(1, calls["RetrieveMultiple"]);
            Assert.Equal(RecycledLead.Status.Cancelled, org.SingleRecycledLead().GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value);
        }

        [Theory]
        [InlineData(SpecialUpdatePreImage.AfterFirstPass)]
        [InlineData(SpecialUpdatePreImage.BeforeRequest)]
        public void Should_disqualify_an_inactive_lead_with_the_system_reason_and_its_background_when_the_scan_returns_it(SpecialUpdatePreImage reading)
        {
            var org = new LeadRecycleOrganization();
            org.Org.SecondPassPreImage = reading;
            org.Clock.Set(T0.AddDays(-40));
            var idle = org.OpenLead(subject: "Idle");
            org.Clock.Set(T0);

            var night = StallScan.ToEnd(org);

            Assert.Equal(1, night.Sum(r => r.LeadsRecycled));
            Assert.Equal(Lead.State.Disqualified, org.StateOf(Lead.EntityName, idle));
            var recycled = org.SingleRecycledLead();
            Assert.Equal((int)DisqualificationReason.StalledInStage, recycled.GetAttributeValue<OptionSetValue>(RecycledLead.Reason).Value);
            Assert.StartsWith("No activity for ", recycled.GetAttributeValue<string>(RecycledLead.Background));
            Assert.Equal((int)DisqualificationReason.StalledInStage, org.Get(Lead.EntityName, idle).GetAttributeValue<OptionSetValue>(ChecklistColumns.Reason).Value);
        }

        [Fact]
        public void Should_register_no_step_on_set_state_dynamic_entity_when_the_solution_is_built()
        {
            // Microsoft Learn, "Event framework": the query for messages that accept plug-in steps excludes
            // SetStateDynamicEntity.
            var steps = LeadRecycleSolution.Model().Steps;

            Assert.DoesNotContain(steps, s => s.MessageName == SdkMessageNames.SetStateDynamicEntity);
            Assert.Contains(steps, s => s.MessageName == SdkMessageNames.SetState);
        }
    }
}
