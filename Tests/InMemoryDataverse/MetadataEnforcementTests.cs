using System;
using LeadRecycle.InMemoryDataverse;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.InMemoryDataverse
{
    public class MetadataEnforcementTests
    {
        [Fact]
        public void Should_reject_with_the_platform_message_when_a_column_is_unknown()
        {
            // Arrange
            var organization = TestOrganization.Create();

            // Act
            var fault = Assert.Throws<DataverseFaultException>(() =>
                organization.Service.Create(new Entity("opportunity") { ["name"] = "Deal", ["foo"] = "bar" }));

            // Assert
            Assert.Equal("'opportunity' entity doesn't contain attribute with Name = 'foo' and NameMapping = 'Logical'.", fault.Message);
            Assert.Equal(DataverseErrorCodes.AttributeDoesNotExist, fault.ErrorCode);
            Assert.Equal(0, organization.Count("opportunity"));
        }

        [Fact]
        public void Should_reject_with_the_platform_message_when_a_table_is_unknown()
        {
            // Arrange
            var organization = TestOrganization.Create();

            // Act
            var fault = Assert.Throws<DataverseFaultException>(() => organization.Service.Create(new Entity("lr_nosuchtable")));

            // Assert
            Assert.Equal("The entity with a name = 'lr_nosuchtable' with namemapping = 'Logical' was not found in the MetadataCache.", fault.Message);
        }

        [Fact]
        public void Should_reject_when_a_string_is_written_to_a_money_column()
        {
            // Arrange
            var organization = TestOrganization.Create();

            // Act
            var fault = Assert.Throws<DataverseFaultException>(() =>
                organization.Service.Create(new Entity("opportunity") { ["estimatedvalue"] = "50000" }));

            // Assert
            Assert.Equal(
                "Incorrect type of attribute value System.String for attribute 'estimatedvalue' of entity 'opportunity': a Money column takes Microsoft.Xrm.Sdk.Money.",
                fault.Message);
        }

        [Fact]
        public void Should_reject_when_an_int_is_written_to_a_choice_column()
        {
            // Arrange
            var organization = TestOrganization.Create();

            // Act
            var fault = Assert.Throws<DataverseFaultException>(() =>
                organization.Service.Create(new Entity("opportunity") { ["salesstage"] = 1 }));

            // Assert
            Assert.Contains("a Picklist column takes Microsoft.Xrm.Sdk.OptionSetValue", fault.Message);
        }

        [Fact]
        public void Should_reject_when_a_lookup_points_at_a_table_outside_its_targets()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var lead = organization.Service.Create(new Entity("lead") { ["subject"] = "Lead" });

            // Act
            var fault = Assert.Throws<DataverseFaultException>(() =>
                organization.Service.Create(new Entity("opportunity") { ["customerid"] = new EntityReference("lead", lead) }));

            // Assert
            Assert.Equal("The entity reference to 'lead' is not valid for attribute 'customerid' of entity 'opportunity'; it may point at: account, contact.", fault.Message);
        }

        [Fact]
        public void Should_reject_when_a_lookup_points_at_a_missing_record()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var missing = Guid.NewGuid();

            // Act
            var fault = Assert.Throws<DataverseFaultException>(() =>
                organization.Service.Create(new Entity("opportunity") { ["parentaccountid"] = new EntityReference("account", missing) }));

            // Assert
            Assert.Equal($"account With Id = {missing} Does Not Exist", fault.Message);
        }

        [Fact]
        public void Should_reject_when_an_option_is_not_in_the_choice()
        {
            // Arrange
            var organization = TestOrganization.Create();

            // Act
            var fault = Assert.Throws<DataverseFaultException>(() =>
                organization.Service.Create(new Entity("opportunity") { ["salesstage"] = new OptionSetValue(9) }));

            // Assert
            Assert.Equal(
                "A validation error occurred. The value 9 of 'salesstage' on record of type 'opportunity' is outside the valid range. Accepted Values: 0,1,2,3",
                fault.Message);
            Assert.Equal(DataverseErrorCodes.PicklistValueOutOfRange, fault.ErrorCode);
        }

        [Fact]
        public void Should_reject_when_a_string_is_longer_than_the_column_allows()
        {
            // Arrange
            var organization = TestOrganization.Create();

            // Act
            var fault = Assert.Throws<DataverseFaultException>(() =>
                organization.Service.Create(new Entity("lr_widget") { ["lr_name"] = new string('x', 21) }));

            // Assert
            Assert.Equal(
                "A validation error occurred. The length of the 'lr_name' attribute of the 'lr_widget' entity exceeded the maximum allowed length of '20'.",
                fault.Message);
        }

        [Fact]
        public void Should_reject_when_a_status_does_not_belong_to_the_state()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var id = organization.Service.Create(new Entity("lead") { ["subject"] = "Lead" });

            // Act
            var fault = Assert.Throws<DataverseFaultException>(() => organization.Service.Update(new Entity("lead", id)
            {
                ["statecode"] = new OptionSetValue(0),
                ["statuscode"] = new OptionSetValue(4),
            }));

            // Assert
            Assert.Equal($"4 is not a valid status code for state code leadState.Open on lead with Id {id}.", fault.Message);
        }

        [Fact]
        public void Should_reject_naming_the_key_when_an_alternate_key_is_duplicated_on_create()
        {
            // Arrange
            var organization = TestOrganization.Create();
            organization.Service.Create(new Entity("lr_widget") { ["lr_code"] = "W-1" });

            // Act
            var fault = Assert.Throws<DataverseFaultException>(() => organization.Service.Create(new Entity("lr_widget") { ["lr_code"] = "w-1" }));

            // Assert
            Assert.Equal(
                "A record that has the attribute values w-1 already exists. The entity key lr_widget_code requires that this set of attributes contains unique values. Select unique values and try again.",
                fault.Message);
            Assert.Equal(DataverseErrorCodes.DuplicateRecordEntityKey, fault.ErrorCode);
            Assert.Equal(1, organization.Count("lr_widget"));
        }

        [Fact]
        public void Should_reject_when_an_update_duplicates_an_alternate_key()
        {
            // Arrange
            var organization = TestOrganization.Create();
            organization.Service.Create(new Entity("lr_widget") { ["lr_code"] = "W-1" });
            var second = organization.Service.Create(new Entity("lr_widget") { ["lr_code"] = "W-2" });

            // Act
            var fault = Assert.Throws<DataverseFaultException>(() => organization.Service.Update(new Entity("lr_widget", second) { ["lr_code"] = "W-1" }));

            // Assert
            Assert.Contains("The entity key lr_widget_code", fault.Message);
            Assert.Equal("W-2", organization.Find("lr_widget", second)!.GetAttributeValue<string>("lr_code"));
        }

        [Fact]
        public void Should_update_by_alternate_key_when_the_target_has_key_attributes()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var id = organization.Service.Create(new Entity("lr_widget") { ["lr_code"] = "W-1" });

            // Act
            organization.Service.Update(new Entity("lr_widget", "lr_code", "W-1") { ["lr_count"] = 3 });

            // Assert
            Assert.Equal(3, organization.Find("lr_widget", id)!.GetAttributeValue<int>("lr_count"));
        }
    }
}
