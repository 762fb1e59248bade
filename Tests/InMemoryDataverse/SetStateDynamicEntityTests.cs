using System;
using System.Collections.Generic;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.InMemoryDataverse.Security;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.InMemoryDataverse
{
    /// <summary>SetStateDynamicEntity is routed like SetState: same parameters, core operation and privilege, its own message name.</summary>
    public class SetStateDynamicEntityTests
    {
        private static OrganizationRequest SetStateDynamicEntity(EntityReference record, int state, int status) =>
            new OrganizationRequest("SetStateDynamicEntity")
            {
                ["EntityMoniker"] = record,
                ["State"] = new OptionSetValue(state),
                ["Status"] = new OptionSetValue(status),
            };

        [Fact]
        public void Should_change_the_state_and_run_its_own_steps_when_SetStateDynamicEntity_is_executed()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var lead = organization.Service.Create(new Entity("lead") { ["subject"] = "Fleet telematics", ["lastname"] = "Diaz" });
            var seen = new List<(string Message, int Stage, object Moniker, Guid PrimaryId)>();
            foreach (var stage in new[] { StepStage.PreValidation, StepStage.PreOperation, StepStage.PostOperation })
            {
                organization.Register(TestOrganization.Step("SetStateDynamicEntity", "lead", stage, sp =>
                {
                    var context = sp.Context();
                    seen.Add((context.MessageName, context.Stage, context.InputParameters["EntityMoniker"], context.PrimaryEntityId));
                }));
            }

            var setStateSteps = 0;
            organization.Register(TestOrganization.Step("SetState", "lead", StepStage.PostOperation, sp => setStateSteps++));

            // Act
            var response = organization.Service.Execute(SetStateDynamicEntity(new EntityReference("lead", lead), state: 2, status: 5));

            // Assert
            var row = organization.Find("lead", lead)!;
            Assert.Equal(2, row.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(5, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
            Assert.Equal("SetStateDynamicEntity", response.ResponseName);
            Assert.Equal(new[] { 10, 20, 40 }, seen.ConvertAll(s => s.Stage));
            Assert.All(seen, s =>
            {
                Assert.Equal("SetStateDynamicEntity", s.Message);
                Assert.Equal(lead, Assert.IsType<EntityReference>(s.Moniker).Id);
                Assert.Equal(lead, s.PrimaryId);
            });
            Assert.Equal(0, setStateSteps);
        }

        [Fact]
        public void Should_refuse_a_caller_without_write_when_SetStateDynamicEntity_is_executed()
        {
            // Arrange
            var organization = TestOrganization.Create();
            organization.AddSecurityRole(new SecurityRole("Reader", new[] { new KeyValuePair<string, AccessLevel>("prvReadOpportunity", AccessLevel.Global) }));
            var reader = organization.CreateUser("Nora", roles: new[] { "Reader" });
            var opportunity = organization.Service.CreateOpportunity();

            // Act
            var refusal = Assert.Throws<DataverseFaultException>(() => organization.CreateOrganizationService(reader)
                .Execute(SetStateDynamicEntity(new EntityReference("opportunity", opportunity), state: 0, status: -1)));

            // Assert
            Assert.Equal(DataverseErrorCodes.MissingPrivilege, refusal.ErrorCode);
            Assert.Contains("prvWriteOpportunity", refusal.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_refuse_closing_an_opportunity_as_lost_when_SetStateDynamicEntity_sets_the_lost_state()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var opportunity = organization.Service.CreateOpportunity();

            // Act
            var refusal = Assert.Throws<DataverseFaultException>(() =>
                organization.Service.Execute(SetStateDynamicEntity(new EntityReference("opportunity", opportunity), state: 2, status: 4)));

            // Assert
            Assert.Contains("use the LoseOpportunityRequest message instead", refusal.Message, StringComparison.Ordinal);
            Assert.Equal(0, organization.Find("opportunity", opportunity)!.GetAttributeValue<OptionSetValue>("statecode").Value);
        }
    }
}
