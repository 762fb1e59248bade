using System;
using LeadRecycle.Framework;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.InMemoryDataverse.Pipeline;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.InMemoryDataverse
{
    public class OpportunityMessageTests
    {
        [Fact]
        public void Should_create_a_completed_close_and_set_lost_when_an_opportunity_is_lost()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var id = organization.Service.CreateOpportunity();
            IPluginExecutionContext? seen = null;
            organization.Register(TestOrganization.Step(SdkMessageNames.Lose, "opportunity", StepStage.PreValidation, sp => seen = sp.Context()));

            // Act
            organization.Service.Execute(new LoseOpportunityRequest
            {
                OpportunityClose = new Entity("opportunityclose")
                {
                    ["opportunityid"] = new EntityReference("opportunity", id),
                    ["subject"] = "Lost to competitor",
                    ["description"] = "Went with Fabrikam",
                },
                Status = new OptionSetValue(5),
            });

            // Assert
            var opportunity = organization.Find("opportunity", id)!;
            Assert.Equal(2, opportunity.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(5, opportunity.GetAttributeValue<OptionSetValue>("statuscode").Value);
            Assert.Equal(TestOrganization.Start.Date, opportunity.GetAttributeValue<DateTime>("actualclosedate"));
            var close = Assert.Single(organization.All("opportunityclose"));
            Assert.Equal(id, close.GetAttributeValue<EntityReference>("opportunityid").Id);
            Assert.Equal("Went with Fabrikam", close.GetAttributeValue<string>("description"));
            Assert.Equal(1, close.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(2, close.GetAttributeValue<OptionSetValue>("statuscode").Value);
            Assert.Equal(5, close.GetAttributeValue<OptionSetValue>("opportunitystatuscode").Value);
            Assert.Equal("Lose", seen!.MessageName);
            Assert.Equal("opportunity", seen.PrimaryEntityName);
            Assert.Equal(id, seen.PrimaryEntityId);
            Assert.IsType<Entity>(seen.InputParameters["OpportunityClose"]);
            Assert.Equal(5, ((OptionSetValue)seen.InputParameters["Status"]).Value);
            Assert.False(seen.InputParameters.Contains("Target"));
        }

        [Fact]
        public void Should_set_won_and_actual_value_when_an_opportunity_is_won()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var id = organization.Service.CreateOpportunity(estimate: 75000m);

            // Act
            organization.Service.Execute(new WinOpportunityRequest
            {
                OpportunityClose = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference("opportunity", id) },
                Status = new OptionSetValue(3),
            });

            // Assert
            var opportunity = organization.Find("opportunity", id)!;
            Assert.Equal(1, opportunity.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(3, opportunity.GetAttributeValue<OptionSetValue>("statuscode").Value);
            Assert.Equal(75000m, opportunity.GetAttributeValue<Money>("actualvalue").Value);
        }

        [Fact]
        public void Should_refuse_when_setstate_sets_an_opportunity_to_lost()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var id = organization.Service.CreateOpportunity();

            // Act
            var fault = Assert.Throws<DataverseFaultException>(() => organization.Service.Execute(new SetStateRequest
            {
                EntityMoniker = new EntityReference("opportunity", id),
                State = new OptionSetValue(2),
                Status = new OptionSetValue(4),
            }));

            // Assert
            Assert.Equal(
                "This message can not be used to set the state of opportunity to Lost. In order to set the state of opportunity to Lost, use the LoseOpportunityRequest message instead.",
                fault.Message);
            Assert.Equal(0, organization.Find("opportunity", id)!.GetAttributeValue<OptionSetValue>("statecode").Value);
        }

        [Fact]
        public void Should_refuse_when_an_update_sets_an_opportunity_to_won()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var id = organization.Service.CreateOpportunity();

            // Act
            var fault = Assert.Throws<DataverseFaultException>(() =>
                organization.Service.Update(new Entity("opportunity", id) { ["statecode"] = new OptionSetValue(1) }));

            // Assert
            Assert.Equal(
                "This message can not be used to set the state of opportunity to Won. In order to set the state of opportunity to Won, use the WinOpportunityRequest message instead.",
                fault.Message);
        }

        [Fact]
        public void Should_refuse_when_an_opportunity_that_is_not_open_is_lost_again()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var id = organization.Service.CreateOpportunity();
            Lose(organization, id);

            // Act
            var fault = Assert.Throws<DataverseFaultException>(() => Lose(organization, id));

            // Assert
            Assert.Equal("The opportunity cannot be closed because it is not open: it is Lost.", fault.Message);
            Assert.Single(organization.All("opportunityclose"));
        }

        [Fact]
        public void Should_cancel_the_close_when_a_lost_opportunity_is_reopened()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var id = organization.Service.CreateOpportunity();
            Lose(organization, id);

            // Act
            organization.Service.Execute(new SetStateRequest
            {
                EntityMoniker = new EntityReference("opportunity", id),
                State = new OptionSetValue(0),
                Status = new OptionSetValue(2),
            });

            // Assert
            var opportunity = organization.Find("opportunity", id)!;
            Assert.Equal(0, opportunity.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(2, opportunity.GetAttributeValue<OptionSetValue>("statuscode").Value);
            var close = Assert.Single(organization.All("opportunityclose"));
            Assert.Equal(2, close.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(3, close.GetAttributeValue<OptionSetValue>("statuscode").Value);
        }

        [Fact]
        public void Should_disqualify_a_lead_with_the_default_status_when_setstate_gives_minus_one()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var id = organization.Service.Create(new Entity("lead") { ["firstname"] = "Ada", ["lastname"] = "Lovelace" });

            // Act
            organization.Service.Execute(new SetStateRequest
            {
                EntityMoniker = new EntityReference("lead", id),
                State = new OptionSetValue(2),
                Status = new OptionSetValue(-1),
            });

            // Assert
            var lead = organization.Find("lead", id)!;
            Assert.Equal(2, lead.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(4, lead.GetAttributeValue<OptionSetValue>("statuscode").Value);
            Assert.Equal("Ada Lovelace", lead.GetAttributeValue<string>("fullname"));
        }

        private static void Lose(InMemoryOrganization organization, Guid id) =>
            organization.Service.Execute(new LoseOpportunityRequest
            {
                OpportunityClose = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference("opportunity", id) },
                Status = new OptionSetValue(4),
            });
    }
}
