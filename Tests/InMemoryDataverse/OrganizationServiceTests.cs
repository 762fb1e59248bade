using System;
using LeadRecycle.InMemoryDataverse;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace LeadRecycle.Tests.InMemoryDataverse
{
    public class OrganizationServiceTests
    {
        [Fact]
        public void Should_stamp_audit_owner_and_default_state_when_a_record_is_created()
        {
            // Arrange
            var organization = TestOrganization.Create();

            // Act
            var id = organization.Service.CreateOpportunity();

            // Assert
            var stored = organization.Service.Retrieve("opportunity", id, new ColumnSet(true));
            Assert.Equal(id, stored.Id);
            Assert.Equal(id, stored.GetAttributeValue<Guid>("opportunityid"));
            Assert.Equal(TestOrganization.Start, stored.GetAttributeValue<DateTime>("createdon"));
            Assert.Equal(TestOrganization.Start, stored.GetAttributeValue<DateTime>("modifiedon"));
            Assert.Equal(organization.AdminUserId, stored.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.Equal(organization.AdminUserId, stored.GetAttributeValue<EntityReference>("createdby").Id);
            Assert.Equal(0, stored.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(1, stored.GetAttributeValue<OptionSetValue>("statuscode").Value);
        }

        [Fact]
        public void Should_return_a_copy_when_a_retrieved_record_is_changed_by_the_caller()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var id = organization.Service.CreateOpportunity(estimate: 10m);
            var first = organization.Service.Retrieve("opportunity", id, new ColumnSet("estimatedvalue", "name"));

            // Act
            first.GetAttributeValue<Money>("estimatedvalue").Value = 99m;
            first["name"] = "changed";

            // Assert
            var second = organization.Service.Retrieve("opportunity", id, new ColumnSet("estimatedvalue", "name"));
            Assert.Equal(10m, second.GetAttributeValue<Money>("estimatedvalue").Value);
            Assert.Equal("Big deal", second.GetAttributeValue<string>("name"));
            Assert.False(second.Contains("description"));
        }

        [Fact]
        public void Should_throw_dataverse_fault_when_the_record_does_not_exist()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var id = Guid.NewGuid();

            // Act
            var fault = Assert.Throws<DataverseFaultException>(() => organization.Service.Retrieve("opportunity", id, new ColumnSet(true)));

            // Assert
            Assert.Equal($"opportunity With Id = {id} Does Not Exist", fault.Message);
            Assert.Equal(DataverseErrorCodes.ObjectDoesNotExist, fault.ErrorCode);
        }

        [Fact]
        public void Should_merge_columns_and_move_modifiedon_when_a_record_is_updated()
        {
            // Arrange
            var clock = new ManualClock(TestOrganization.Start);
            var organization = TestOrganization.Create(clock);
            var id = organization.Service.CreateOpportunity();
            clock.Advance(TimeSpan.FromDays(3));

            // Act
            organization.Service.Update(new Entity("opportunity", id) { ["description"] = "notes", ["estimatedvalue"] = null });

            // Assert
            var stored = organization.Find("opportunity", id)!;
            Assert.Equal("Big deal", stored.GetAttributeValue<string>("name"));
            Assert.Equal("notes", stored.GetAttributeValue<string>("description"));
            Assert.False(stored.Contains("estimatedvalue"));
            Assert.Equal(TestOrganization.Start, stored.GetAttributeValue<DateTime>("createdon"));
            Assert.Equal(TestOrganization.Start.AddDays(3), stored.GetAttributeValue<DateTime>("modifiedon"));
        }

        [Fact]
        public void Should_remove_the_record_when_it_is_deleted()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var id = organization.Service.CreateOpportunity();

            // Act
            organization.Service.Delete("opportunity", id);

            // Assert
            Assert.Null(organization.Find("opportunity", id));
        }

        [Fact]
        public void Should_run_typed_and_named_requests_alike_when_executed()
        {
            // Arrange
            var organization = TestOrganization.Create();

            // Act
            var created = (CreateResponse)organization.Service.Execute(new CreateRequest { Target = new Entity("account") { ["name"] = "Contoso" } });
            var named = new OrganizationRequest("Retrieve") { ["Target"] = new EntityReference("account", created.id), ["ColumnSet"] = new ColumnSet("name") };
            var retrieved = (RetrieveResponse)organization.Service.Execute(named);
            var whoAmI = (WhoAmIResponse)organization.Service.Execute(new WhoAmIRequest());

            // Assert
            Assert.Equal("Contoso", retrieved.Entity.GetAttributeValue<string>("name"));
            Assert.Equal(organization.AdminUserId, whoAmI.UserId);
            Assert.Equal(organization.RootBusinessUnitId, whoAmI.BusinessUnitId);
            Assert.Equal(organization.OrganizationId, whoAmI.OrganizationId);
        }

        [Fact]
        public void Should_change_the_owner_when_a_record_is_assigned()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var rep = organization.CreateUser("Rita Rep");
            var id = organization.Service.CreateOpportunity();

            // Act
            organization.Service.Execute(new AssignRequest { Target = new EntityReference("opportunity", id), Assignee = new EntityReference("systemuser", rep) });

            // Assert
            Assert.Equal(rep, organization.Find("opportunity", id)!.GetAttributeValue<EntityReference>("ownerid").Id);
        }

        [Fact]
        public void Should_record_the_share_when_access_is_granted()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var rep = organization.CreateUser("Rita Rep");
            var id = organization.Service.CreateOpportunity();
            var record = new EntityReference("opportunity", id);

            // Act
            organization.Service.Execute(new GrantAccessRequest
            {
                Target = record,
                PrincipalAccess = new PrincipalAccess { Principal = new EntityReference("systemuser", rep), AccessMask = AccessRights.ReadAccess },
            });
            organization.Service.Execute(new GrantAccessRequest
            {
                Target = record,
                PrincipalAccess = new PrincipalAccess { Principal = new EntityReference("systemuser", rep), AccessMask = AccessRights.WriteAccess },
            });

            // Assert
            var share = Assert.Single(organization.SharesOf(record));
            Assert.Equal(rep, share.Principal.Id);
            Assert.Equal(AccessRights.ReadAccess | AccessRights.WriteAccess, share.AccessMask);
        }

        [Fact]
        public void Should_use_the_injected_clock_when_time_moves_forward()
        {
            // Arrange
            var now = new DateTime(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc);
            var organization = TestOrganization.Create();
            organization.Clock = new DelegateClock(() => now);

            // Act
            var id = organization.Service.CreateOpportunity();

            // Assert
            Assert.Equal(now, organization.Find("opportunity", id)!.GetAttributeValue<DateTime>("createdon"));
        }
    
        [Fact]
        public void Should_name_the_lookup_target_when_a_record_is_read()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var rep = organization.CreateUser("Rita Rep");
            var id = organization.Service.Create(new Entity("opportunity") { ["name"] = "Deal", ["ownerid"] = new EntityReference("systemuser", rep) { Name = "stale" } });

            // Act
            var owner = organization.Service.Retrieve("opportunity", id, new ColumnSet("ownerid")).GetAttributeValue<EntityReference>("ownerid");

            // Assert
            Assert.Equal(rep, owner.Id);
            Assert.Equal("Rita Rep", owner.Name);
        }

        [Fact]
        public void Should_assign_the_same_ids_when_two_organizations_share_a_seed()
        {
            // Arrange
            var options = new InMemoryOrganizationOptions { IdSeed = 7 };
            var first = new InMemoryOrganization(new LeadRecycle.Metadata.MetadataCatalog(LeadRecycle.Metadata.SystemTables.All), new ManualClock(TestOrganization.Start), options);
            var second = new InMemoryOrganization(new LeadRecycle.Metadata.MetadataCatalog(LeadRecycle.Metadata.SystemTables.All), new ManualClock(TestOrganization.Start), options);

            // Act
            var firstIds = new[] { first.Service.CreateOpportunity(), first.Service.CreateOpportunity() };
            var secondIds = new[] { second.Service.CreateOpportunity(), second.Service.CreateOpportunity() };

            // Assert
            Assert.Equal(firstIds, secondIds);
            Assert.NotEqual(firstIds[0], firstIds[1]);
        }
    }
}
