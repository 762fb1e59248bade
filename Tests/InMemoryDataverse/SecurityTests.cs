using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.InMemoryDataverse.Security;
using LeadRecycle.Metadata;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace LeadRecycle.Tests.InMemoryDataverse
{
    /// <summary>
    /// Security as Dataverse enforces it (Microsoft Learn, "How access to a record is determined"): a privilege check,
    /// then an access check by ownership, level, and shares. Each test gives its users small roles of its own so that
    /// what it proves does not rest on the platform role models.
    /// </summary>
    public sealed class SecurityTests
    {
        private const string Widget = "lr_widget";

        private static SecurityRole Role(string name, params (string Privilege, AccessLevel Level)[] privileges) =>
            new SecurityRole(name, privileges.Select(p => new KeyValuePair<string, AccessLevel>(p.Privilege, p.Level)));

        private static InMemoryOrganization Organization(params SecurityRole[] roles)
        {
            var organization = TestOrganization.Create();
            organization.AddSecurityRoles(roles);
            return organization;
        }

        private static Guid WidgetOwnedBy(InMemoryOrganization organization, EntityReference owner, string name = "w") =>
            organization.Service.Create(new Entity(Widget) { ["lr_name"] = name, ["ownerid"] = owner });

        private static EntityReference UserRef(Guid id) => new EntityReference("systemuser", id);

        private static Entity ReadWidget(InMemoryOrganization organization, Guid user, Guid widget) =>
            organization.CreateOrganizationService(user).Retrieve(Widget, widget, new ColumnSet("lr_name"));

        [Fact]
        public void Should_let_a_basic_reader_read_his_own_rows_and_refuse_a_colleagues()
        {
            // Arrange
            var organization = Organization(Role("Reader", ("prvReadlr_widget", AccessLevel.Basic)));
            var reader = organization.CreateUser("Rita", roles: new[] { "Reader" });
            var colleague = organization.CreateUser("Carl", roles: new[] { "Reader" });
            var own = WidgetOwnedBy(organization, UserRef(reader));
            var theirs = WidgetOwnedBy(organization, UserRef(colleague));

            // Act
            var read = ReadWidget(organization, reader, own);
            var refusal = Assert.Throws<DataverseFaultException>(() => ReadWidget(organization, reader, theirs));

            // Assert
            Assert.Equal(own, read.Id);
            Assert.Equal(DataverseErrorCodes.AccessDenied, refusal.ErrorCode);
        }

        [Fact]
        public void Should_let_a_business_unit_reader_read_his_units_rows_but_not_a_child_units()
        {
            // Arrange
            var organization = Organization(Role("Unit reader", ("prvReadlr_widget", AccessLevel.Local)));
            var child = organization.CreateBusinessUnit("Field sales");
            var reader = organization.CreateUser("Rita", roles: new[] { "Unit reader" });
            var sameUnit = organization.CreateUser("Sam");
            var childUnit = organization.CreateUser("Cody", businessUnitId: child);
            var inUnit = WidgetOwnedBy(organization, UserRef(sameUnit));
            var inChild = WidgetOwnedBy(organization, UserRef(childUnit));

            // Act
            var read = ReadWidget(organization, reader, inUnit);
            var refusal = Assert.Throws<DataverseFaultException>(() => ReadWidget(organization, reader, inChild));

            // Assert
            Assert.Equal(inUnit, read.Id);
            Assert.Equal(DataverseErrorCodes.AccessDenied, refusal.ErrorCode);
        }

        [Fact]
        public void Should_let_a_deep_reader_read_rows_of_units_below_his_but_not_above()
        {
            // Arrange
            var organization = Organization(Role("Deep reader", ("prvReadlr_widget", AccessLevel.Deep)));
            var region = organization.CreateBusinessUnit("Region");
            var branch = organization.CreateBusinessUnit("Branch", region);
            var reader = organization.CreateUser("Rita", businessUnitId: region, roles: new[] { "Deep reader" });
            var below = WidgetOwnedBy(organization, UserRef(organization.CreateUser("Bea", businessUnitId: branch)));
            var above = WidgetOwnedBy(organization, UserRef(organization.CreateUser("Hal")));

            // Act
            var read = ReadWidget(organization, reader, below);
            var refusal = Assert.Throws<DataverseFaultException>(() => ReadWidget(organization, reader, above));

            // Assert
            Assert.Equal(below, read.Id);
            Assert.Equal(DataverseErrorCodes.AccessDenied, refusal.ErrorCode);
        }

        [Fact]
        public void Should_let_an_organization_reader_read_rows_of_every_unit()
        {
            // Arrange
            var organization = Organization(Role("Global reader", ("prvReadlr_widget", AccessLevel.Global)));
            var branch = organization.CreateBusinessUnit("Branch", organization.CreateBusinessUnit("Region"));
            var reader = organization.CreateUser("Rita", businessUnitId: branch, roles: new[] { "Global reader" });
            var elsewhere = WidgetOwnedBy(organization, UserRef(organization.CreateUser("Hal")));

            // Act
            var read = ReadWidget(organization, reader, elsewhere);

            // Assert
            Assert.Equal(elsewhere, read.Id);
        }

        [Fact]
        public void Should_refuse_with_the_platforms_missing_privilege_fault_when_no_role_holds_the_privilege()
        {
            // Arrange
            var organization = Organization(Role("Writer only", ("prvWritelr_widget", AccessLevel.Global)));
            var user = organization.CreateUser("Nora", roles: new[] { "Writer only" });
            var widget = WidgetOwnedBy(organization, UserRef(user));

            // Act
            var refusal = Assert.Throws<DataverseFaultException>(() => ReadWidget(organization, user, widget));

            // Assert: Microsoft Learn, "Troubleshoot Dataverse client errors": -2147220960, "Principal user is missing privilege on OTC for entity".
            Assert.Equal(unchecked((int)0x80040220), refusal.ErrorCode);
            Assert.Equal(-2147220960, refusal.ErrorCode);
            Assert.StartsWith($"Principal user (Id={user}, type=8, roleCount=1, accessMode=0), is missing prvReadlr_widget privilege (Id=", refusal.Message, StringComparison.Ordinal);
            Assert.Contains("on OTC=", refusal.Message, StringComparison.Ordinal);
            Assert.Contains("for entity 'lr_widget'", refusal.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_refuse_with_the_platforms_access_fault_when_the_level_does_not_reach_the_record()
        {
            // Arrange
            var organization = Organization(Role("Basic writer", ("prvWritelr_widget", AccessLevel.Basic)));
            var user = organization.CreateUser("Nora", roles: new[] { "Basic writer" });
            var widget = WidgetOwnedBy(organization, UserRef(organization.AdminUserId));

            // Act
            var refusal = Assert.Throws<DataverseFaultException>(() =>
                organization.CreateOrganizationService(user).Update(new Entity(Widget, widget) { ["lr_count"] = 2 }));

            // Assert: "Troubleshoot Dataverse client errors": -2147187962, "Principal with ID <guid> does not have ... right(s) for record with ID <guid> of entity".
            Assert.Equal(-2147187962, refusal.ErrorCode);
            Assert.Equal($"Principal with ID {user} does not have WriteAccess right(s) for record with ID {widget} of entity lr_widget.", refusal.Message);
            Assert.Equal(0, organization.Find(Widget, widget)!.GetAttributeValue<int?>("lr_count") ?? 0);
        }

        [Fact]
        public void Should_grant_exactly_the_shared_rights_when_a_record_is_shared()
        {
            // Arrange
            var organization = Organization(Role("Basic", ("prvReadlr_widget", AccessLevel.Basic), ("prvWritelr_widget", AccessLevel.Basic),
                ("prvAppendTolr_widget", AccessLevel.Basic)));
            var user = organization.CreateUser("Nora", roles: new[] { "Basic" });
            var widget = WidgetOwnedBy(organization, UserRef(organization.AdminUserId));
            organization.Service.Execute(new GrantAccessRequest
            {
                Target = new EntityReference(Widget, widget),
                PrincipalAccess = new PrincipalAccess { Principal = UserRef(user), AccessMask = AccessRights.ReadAccess },
            });
            var service = organization.CreateOrganizationService(user);

            // Act
            var read = service.Retrieve(Widget, widget, new ColumnSet("lr_name"));
            var write = Assert.Throws<DataverseFaultException>(() => service.Update(new Entity(Widget, widget) { ["lr_count"] = 1 }));

            // Assert
            Assert.Equal(widget, read.Id);
            Assert.Equal(DataverseErrorCodes.AccessDenied, write.ErrorCode);
            Assert.Contains("WriteAccess", write.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_let_team_members_use_rights_shared_with_the_team()
        {
            // Arrange
            var organization = Organization(Role("Basic reader", ("prvReadlr_widget", AccessLevel.Basic)));
            var member = organization.CreateUser("Mia", roles: new[] { "Basic reader" });
            var outsider = organization.CreateUser("Otto", roles: new[] { "Basic reader" });
            var team = organization.CreateTeam("Reviewers", members: new[] { member });
            var widget = WidgetOwnedBy(organization, UserRef(organization.AdminUserId));
            organization.Service.Execute(new GrantAccessRequest
            {
                Target = new EntityReference(Widget, widget),
                PrincipalAccess = new PrincipalAccess { Principal = new EntityReference("team", team), AccessMask = AccessRights.ReadAccess },
            });

            // Act
            var read = ReadWidget(organization, member, widget);

            // Assert
            Assert.Equal(widget, read.Id);
            Assert.Throws<DataverseFaultException>(() => ReadWidget(organization, outsider, widget));
        }

        [Fact]
        public void Should_not_let_a_share_stand_in_for_a_missing_privilege()
        {
            // Arrange: the privilege check comes first ("How access to a record is determined").
            var organization = Organization();
            var user = organization.CreateUser("Nora");
            var widget = WidgetOwnedBy(organization, UserRef(organization.AdminUserId));
            organization.Service.Execute(new GrantAccessRequest
            {
                Target = new EntityReference(Widget, widget),
                PrincipalAccess = new PrincipalAccess { Principal = UserRef(user), AccessMask = AccessRights.ReadAccess },
            });

            // Act
            var refusal = Assert.Throws<DataverseFaultException>(() => ReadWidget(organization, user, widget));

            // Assert
            Assert.Equal(DataverseErrorCodes.MissingPrivilege, refusal.ErrorCode);
        }

        [Fact]
        public void Should_refuse_setting_a_lookup_when_the_user_lacks_append_to_on_the_target()
        {
            // Arrange
            var organization = Organization(Role("Widget maker", ("prvCreatelr_widget", AccessLevel.Global), ("prvAppendlr_widget", AccessLevel.Global),
                ("prvReadOpportunity", AccessLevel.Global)));
            var user = organization.CreateUser("Nora", roles: new[] { "Widget maker" });
            var opportunity = organization.Service.CreateOpportunity();

            // Act
            var refusal = Assert.Throws<DataverseFaultException>(() => organization.CreateOrganizationService(user)
                .Create(new Entity(Widget) { ["lr_name"] = "w", ["lr_opportunityid"] = new EntityReference("opportunity", opportunity) }));

            // Assert
            Assert.Equal(DataverseErrorCodes.MissingPrivilege, refusal.ErrorCode);
            Assert.Contains("prvAppendToOpportunity", refusal.Message, StringComparison.Ordinal);
            Assert.Equal(0, organization.Count(Widget));
        }

        [Fact]
        public void Should_refuse_setting_a_lookup_when_the_user_lacks_append_on_the_record()
        {
            // Arrange
            var organization = Organization(Role("Widget maker", ("prvCreatelr_widget", AccessLevel.Global), ("prvAppendToOpportunity", AccessLevel.Global)));
            var user = organization.CreateUser("Nora", roles: new[] { "Widget maker" });
            var opportunity = organization.Service.CreateOpportunity();
            var service = organization.CreateOrganizationService(user);

            // Act
            var refusal = Assert.Throws<DataverseFaultException>(() =>
                service.Create(new Entity(Widget) { ["lr_name"] = "w", ["lr_opportunityid"] = new EntityReference("opportunity", opportunity) }));
            var withoutLookup = service.Create(new Entity(Widget) { ["lr_name"] = "plain" });

            // Assert
            Assert.Contains("prvAppendlr_widget", refusal.Message, StringComparison.Ordinal);
            Assert.NotEqual(Guid.Empty, withoutLookup);
        }

        [Fact]
        public void Should_check_append_to_at_the_level_that_reaches_the_target_record()
        {
            // Arrange
            var organization = Organization(Role("Own deals", ("prvCreatelr_widget", AccessLevel.Basic), ("prvAppendlr_widget", AccessLevel.Basic),
                ("prvAppendToOpportunity", AccessLevel.Basic)));
            var user = organization.CreateUser("Nora", roles: new[] { "Own deals" });
            var own = organization.Service.Create(new Entity("opportunity") { ["name"] = "Mine", ["ownerid"] = UserRef(user) });
            var other = organization.Service.CreateOpportunity("Not mine");
            var service = organization.CreateOrganizationService(user);

            // Act
            var linked = service.Create(new Entity(Widget) { ["lr_name"] = "w", ["lr_opportunityid"] = new EntityReference("opportunity", own) });
            var refusal = Assert.Throws<DataverseFaultException>(() =>
                service.Create(new Entity(Widget) { ["lr_name"] = "w", ["lr_opportunityid"] = new EntityReference("opportunity", other) }));

            // Assert
            Assert.NotEqual(Guid.Empty, linked);
            Assert.Equal(DataverseErrorCodes.AccessDenied, refusal.ErrorCode);
            Assert.Contains("AppendToAccess", refusal.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_require_assign_to_give_a_record_to_someone_else()
        {
            // Arrange
            var editor = Role("Editor", ("prvReadlr_widget", AccessLevel.Basic), ("prvWritelr_widget", AccessLevel.Basic));
            var assigner = Role("Assigner", ("prvAssignlr_widget", AccessLevel.Basic));
            var organization = Organization(editor, assigner);
            var without = organization.CreateUser("Nora", roles: new[] { "Editor" });
            var with = organization.CreateUser("Ada", roles: new[] { "Editor", "Assigner" });
            var colleague = organization.CreateUser("Cole");
            var first = WidgetOwnedBy(organization, UserRef(without));
            var second = WidgetOwnedBy(organization, UserRef(with));

            // Act
            var refusal = Assert.Throws<DataverseFaultException>(() => organization.CreateOrganizationService(without)
                .Execute(new AssignRequest { Target = new EntityReference(Widget, first), Assignee = UserRef(colleague) }));
            organization.CreateOrganizationService(with).Execute(new AssignRequest { Target = new EntityReference(Widget, second), Assignee = UserRef(colleague) });

            // Assert
            Assert.Contains("prvAssignlr_widget", refusal.Message, StringComparison.Ordinal);
            Assert.Equal(without, organization.Find(Widget, first)!.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.Equal(colleague, organization.Find(Widget, second)!.GetAttributeValue<EntityReference>("ownerid").Id);
        }

        [Fact]
        public void Should_require_assign_when_an_update_changes_the_owner()
        {
            // Arrange
            var organization = Organization(Role("Editor", ("prvReadlr_widget", AccessLevel.Basic), ("prvWritelr_widget", AccessLevel.Basic)));
            var editor = organization.CreateUser("Nora", roles: new[] { "Editor" });
            var colleague = organization.CreateUser("Cole");
            var widget = WidgetOwnedBy(organization, UserRef(editor));
            var service = organization.CreateOrganizationService(editor);

            // Act
            service.Update(new Entity(Widget, widget) { ["lr_count"] = 1, ["ownerid"] = UserRef(editor) });
            var refusal = Assert.Throws<DataverseFaultException>(() => service.Update(new Entity(Widget, widget) { ["ownerid"] = UserRef(colleague) }));

            // Assert
            Assert.Contains("prvAssignlr_widget", refusal.Message, StringComparison.Ordinal);
            Assert.Equal(editor, organization.Find(Widget, widget)!.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.Equal(1, organization.Find(Widget, widget)!["lr_count"]);
        }

        [Fact]
        public void Should_let_a_user_level_role_reach_records_a_team_of_the_user_owns()
        {
            // Arrange: "How access to a record is determined", ownership: a record owned by a team the user belongs to.
            var organization = Organization(Role("Basic reader", ("prvReadlr_widget", AccessLevel.Basic)));
            var member = organization.CreateUser("Mia", roles: new[] { "Basic reader" });
            var team = organization.CreateTeam("Field team", members: new[] { member });
            var widget = WidgetOwnedBy(organization, new EntityReference("team", team));

            // Act
            var read = ReadWidget(organization, member, widget);

            // Assert
            Assert.Equal(widget, read.Id);
        }

        [Fact]
        public void Should_require_assign_to_create_a_record_owned_by_someone_else()
        {
            // Arrange
            var organization = Organization(Role("Maker", ("prvCreatelr_widget", AccessLevel.Basic)), Role("Assigner", ("prvAssignlr_widget", AccessLevel.Basic)));
            var maker = organization.CreateUser("Nora", roles: new[] { "Maker" });
            var assigner = organization.CreateUser("Ada", roles: new[] { "Maker", "Assigner" });
            var colleague = organization.CreateUser("Cole");

            // Act
            var own = organization.CreateOrganizationService(maker).Create(new Entity(Widget) { ["lr_name"] = "mine" });
            var refusal = Assert.Throws<DataverseFaultException>(() => organization.CreateOrganizationService(maker)
                .Create(new Entity(Widget) { ["lr_name"] = "yours", ["ownerid"] = UserRef(colleague) }));
            var given = organization.CreateOrganizationService(assigner).Create(new Entity(Widget) { ["lr_name"] = "yours", ["ownerid"] = UserRef(colleague) });

            // Assert
            Assert.Equal(maker, organization.Find(Widget, own)!.GetAttributeValue<EntityReference>("ownerid").Id);
            Assert.Contains("prvAssignlr_widget", refusal.Message, StringComparison.Ordinal);
            Assert.Equal(colleague, organization.Find(Widget, given)!.GetAttributeValue<EntityReference>("ownerid").Id);
        }

        [Fact]
        public void Should_refuse_a_custom_api_to_a_caller_without_its_execute_privilege()
        {
            // Arrange
            var organization = Organization(Role("Doubler", ("prvReadlr_widget", AccessLevel.Global)));
            organization.RegisterCustomApi("lr_Double", typeof(DoubleCustomApi), executePrivilegeName: "prvReadlr_widget");
            var allowed = organization.CreateUser("Ada", roles: new[] { "Doubler" });
            var refused = organization.CreateUser("Nora");

            // Act
            var response = organization.CreateOrganizationService(allowed).Execute(new OrganizationRequest("lr_Double") { ["Value"] = 21 });
            var refusal = Assert.Throws<DataverseFaultException>(() =>
                organization.CreateOrganizationService(refused).Execute(new OrganizationRequest("lr_Double") { ["Value"] = 21 }));

            // Assert
            Assert.Equal(42, response.Results["Doubled"]);
            Assert.Equal(DataverseErrorCodes.MissingPrivilege, refusal.ErrorCode);
            Assert.Contains("is missing prvReadlr_widget privilege", refusal.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_let_anyone_run_a_custom_api_registered_without_an_execute_privilege()
        {
            // Arrange
            var organization = Organization();
            organization.RegisterCustomApi("lr_Double", typeof(DoubleCustomApi));
            var user = organization.CreateUser("Nora");

            // Act
            var response = organization.CreateOrganizationService(user).Execute(new OrganizationRequest("lr_Double") { ["Value"] = 4 });

            // Assert
            Assert.Equal(8, response.Results["Doubled"]);
        }

        [Fact]
        public void Should_skip_every_check_for_calls_as_system()
        {
            // Arrange
            var organization = Organization();
            var system = organization.CreateOrganizationService(null);

            // Act
            var widget = system.Create(new Entity(Widget) { ["lr_name"] = "by system" });
            var read = system.Retrieve(Widget, widget, new ColumnSet("lr_name"));

            // Assert
            Assert.Equal("by system", read["lr_name"]);
        }

        [Fact]
        public void Should_check_a_plugins_user_service_calls_as_the_calling_user_and_skip_its_system_service_calls()
        {
            // Arrange: a step on widget Create creates a task, once through the user's service and once as SYSTEM.
            var organization = Organization(Role("Widget maker", ("prvCreatelr_widget", AccessLevel.Basic)));
            var user = organization.CreateUser("Nora", roles: new[] { "Widget maker" });
            var throughUser = true;
            organization.Register(TestOrganization.Step("Create", Widget, StepStage.PostOperation, provider =>
            {
                var factory = (IOrganizationServiceFactory)provider.GetService(typeof(IOrganizationServiceFactory))!;
                var service = factory.CreateOrganizationService(throughUser ? provider.Context().UserId : (Guid?)null);
                service.Create(new Entity("task") { ["subject"] = "Follow up" });
            }));
            var caller = organization.CreateOrganizationService(user);

            // Act
            var refusal = Assert.Throws<DataverseFaultException>(() => caller.Create(new Entity(Widget) { ["lr_name"] = "a" }));
            throughUser = false;
            caller.Create(new Entity(Widget) { ["lr_name"] = "b" });

            // Assert
            Assert.Contains("prvCreateActivity", refusal.Message, StringComparison.Ordinal);
            Assert.Equal(1, organization.Count(Widget));
            Assert.Equal(1, organization.Count("task"));
        }

        [Fact]
        public void Should_run_prevalidation_steps_before_the_security_check()
        {
            // Arrange: PreValidation runs "before Dataverse even checks whether the calling user has permission"
            // (Microsoft Learn, "Demonstrate the use of the different event execution pipeline stages").
            var organization = Organization();
            var user = organization.CreateUser("Nora");
            organization.Register(TestOrganization.Step("Create", Widget, StepStage.PreValidation,
                _ => throw new InvalidPluginExecutionException("Pick a reason.")));

            // Act
            var refusal = Assert.Throws<InvalidPluginExecutionException>(() =>
                organization.CreateOrganizationService(user).Create(new Entity(Widget) { ["lr_name"] = "w" }));

            // Assert
            Assert.Equal("Pick a reason.", refusal.Message);
        }

        [Fact]
        public void Should_leave_out_the_rows_the_user_cannot_read_when_querying()
        {
            // Arrange
            var organization = Organization(Role("Basic reader", ("prvReadlr_widget", AccessLevel.Basic)));
            var reader = organization.CreateUser("Rita", roles: new[] { "Basic reader" });
            var colleague = organization.CreateUser("Carl");
            WidgetOwnedBy(organization, UserRef(reader), "mine");
            WidgetOwnedBy(organization, UserRef(colleague), "theirs");
            var shared = WidgetOwnedBy(organization, UserRef(colleague), "shared");
            organization.Service.Execute(new GrantAccessRequest
            {
                Target = new EntityReference(Widget, shared),
                PrincipalAccess = new PrincipalAccess { Principal = UserRef(reader), AccessMask = AccessRights.ReadAccess },
            });

            // Act
            var rows = organization.CreateOrganizationService(reader).RetrieveMultiple(new QueryExpression(Widget) { ColumnSet = new ColumnSet("lr_name") });

            // Assert
            Assert.Equal(new[] { "mine", "shared" }, rows.Entities.Names("lr_name").OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(3, organization.Count(Widget));
        }

        [Fact]
        public void Should_refuse_a_query_on_a_table_the_user_holds_no_read_privilege_for()
        {
            // Arrange
            var organization = Organization();
            var user = organization.CreateUser("Nora");

            // Act
            var refusal = Assert.Throws<DataverseFaultException>(() =>
                organization.CreateOrganizationService(user).RetrieveMultiple(new QueryExpression(Widget) { ColumnSet = new ColumnSet(true) }));

            // Assert
            Assert.Equal(DataverseErrorCodes.MissingPrivilege, refusal.ErrorCode);
            Assert.Contains("prvReadlr_widget", refusal.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_leave_out_linked_rows_the_user_cannot_read()
        {
            // Arrange: an inner join to an opportunity the user cannot read drops the widget too.
            var organization = Organization(Role("Reader", ("prvReadlr_widget", AccessLevel.Global), ("prvReadOpportunity", AccessLevel.Basic)));
            var reader = organization.CreateUser("Rita", roles: new[] { "Reader" });
            var own = organization.Service.Create(new Entity("opportunity") { ["name"] = "Mine", ["ownerid"] = UserRef(reader) });
            var other = organization.Service.CreateOpportunity("Not mine");
            organization.Service.Create(new Entity(Widget) { ["lr_name"] = "on mine", ["lr_opportunityid"] = new EntityReference("opportunity", own) });
            organization.Service.Create(new Entity(Widget) { ["lr_name"] = "on other", ["lr_opportunityid"] = new EntityReference("opportunity", other) });
            var query = new QueryExpression(Widget) { ColumnSet = new ColumnSet("lr_name") };
            query.LinkEntities.Add(new LinkEntity(Widget, "opportunity", "lr_opportunityid", "opportunityid", JoinOperator.Inner));

            // Act
            var rows = organization.CreateOrganizationService(reader).RetrieveMultiple(query);

            // Assert
            Assert.Equal(new[] { "on mine" }, rows.Entities.Names("lr_name"));
        }

        [Fact]
        public void Should_let_everyone_do_everything_when_security_is_switched_off()
        {
            // Arrange
            var organization = new InMemoryOrganization(new MetadataCatalog(SystemTables.All.Concat(new[] { TestOrganization.Widget })),
                new ManualClock(TestOrganization.Start), new InMemoryOrganizationOptions { EnforceSecurity = false });
            var user = organization.CreateUser("Nora");
            var widget = WidgetOwnedBy(organization, UserRef(organization.AdminUserId));

            // Act
            organization.CreateOrganizationService(user).Update(new Entity(Widget, widget) { ["lr_count"] = 3 });

            // Assert
            Assert.Equal(3, organization.Find(Widget, widget)!["lr_count"]);
        }

        [Fact]
        public void Should_let_team_members_work_on_team_owned_records_through_the_teams_role()
        {
            // Arrange: the members hold no role of their own; the owner team holds a user-level role.
            var organization = Organization(Role("Team editor", ("prvReadlr_widget", AccessLevel.Basic), ("prvWritelr_widget", AccessLevel.Basic)));
            var member = organization.CreateUser("Mia");
            var outsider = organization.CreateUser("Otto");
            var team = organization.CreateTeam("Marketing", members: new[] { member }, roles: new[] { "Team editor" });
            var teamOwned = WidgetOwnedBy(organization, new EntityReference("team", team));
            var adminOwned = WidgetOwnedBy(organization, UserRef(organization.AdminUserId));

            // Act
            organization.CreateOrganizationService(member).Update(new Entity(Widget, teamOwned) { ["lr_count"] = 5 });
            var notTeams = Assert.Throws<DataverseFaultException>(() => ReadWidget(organization, member, adminOwned));
            var notMember = Assert.Throws<DataverseFaultException>(() => ReadWidget(organization, outsider, teamOwned));

            // Assert
            Assert.Equal(5, organization.Find(Widget, teamOwned)!["lr_count"]);
            Assert.Equal(DataverseErrorCodes.AccessDenied, notTeams.ErrorCode);
            Assert.Equal(DataverseErrorCodes.MissingPrivilege, notMember.ErrorCode);
        }

        [Fact]
        public void Should_measure_a_team_roles_business_unit_level_from_the_teams_unit()
        {
            // Arrange: a member in the root unit, the team in "Marketing"; the team's Local read reaches Marketing's rows.
            var organization = Organization(Role("Unit reader", ("prvReadlr_widget", AccessLevel.Local)));
            var marketing = organization.CreateBusinessUnit("Marketing");
            var member = organization.CreateUser("Mia");
            organization.CreateTeam("Marketing team", marketing, new[] { member }, new[] { "Unit reader" });
            var inMarketing = WidgetOwnedBy(organization, UserRef(organization.CreateUser("Mo", businessUnitId: marketing)));
            var inRoot = WidgetOwnedBy(organization, UserRef(organization.CreateUser("Rae")));

            // Act
            var read = ReadWidget(organization, member, inMarketing);
            var refusal = Assert.Throws<DataverseFaultException>(() => ReadWidget(organization, member, inRoot));

            // Assert
            Assert.Equal(inMarketing, read.Id);
            Assert.Equal(DataverseErrorCodes.AccessDenied, refusal.ErrorCode);
        }

        [Fact]
        public void Should_require_write_on_the_opportunity_to_lose_it()
        {
            // Arrange: "LoseOpportunity message privileges": prvWriteOpportunity among others.
            var organization = Organization(Role("Reader", ("prvReadOpportunity", AccessLevel.Global), ("prvCreateActivity", AccessLevel.Global),
                ("prvAppendActivity", AccessLevel.Global), ("prvAppendToOpportunity", AccessLevel.Global)));
            var user = organization.CreateUser("Nora", roles: new[] { "Reader" });
            var opportunity = organization.Service.CreateOpportunity();

            // Act
            var refusal = Assert.Throws<DataverseFaultException>(() => organization.CreateOrganizationService(user).Execute(new LoseOpportunityRequest
            {
                OpportunityClose = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference("opportunity", opportunity), ["subject"] = "Lost" },
                Status = new OptionSetValue(4),
            }));

            // Assert
            Assert.Contains("prvWriteOpportunity", refusal.Message, StringComparison.Ordinal);
            Assert.Equal(0, organization.Find("opportunity", opportunity)!.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(0, organization.Count("opportunityclose"));
        }

        [Fact]
        public void Should_require_write_to_change_a_records_state_and_delete_to_delete_it()
        {
            // Arrange
            var organization = Organization(Role("Reader", ("prvReadOpportunity", AccessLevel.Global)));
            var user = organization.CreateUser("Nora", roles: new[] { "Reader" });
            var opportunity = organization.Service.CreateOpportunity();
            var service = organization.CreateOrganizationService(user);

            // Act
            var setState = Assert.Throws<DataverseFaultException>(() => service.Execute(new SetStateRequest
            {
                EntityMoniker = new EntityReference("opportunity", opportunity), State = new OptionSetValue(0), Status = new OptionSetValue(-1),
            }));
            var delete = Assert.Throws<DataverseFaultException>(() => service.Delete("opportunity", opportunity));

            // Assert
            Assert.Contains("prvWriteOpportunity", setState.Message, StringComparison.Ordinal);
            Assert.Contains("prvDeleteOpportunity", delete.Message, StringComparison.Ordinal);
            Assert.Equal(1, organization.Count("opportunity"));
        }

        [Fact]
        public void Should_require_share_to_grant_access()
        {
            // Arrange
            var organization = Organization(Role("Reader", ("prvReadlr_widget", AccessLevel.Global)));
            var user = organization.CreateUser("Nora", roles: new[] { "Reader" });
            var colleague = organization.CreateUser("Cole");
            var widget = WidgetOwnedBy(organization, UserRef(user));

            // Act
            var refusal = Assert.Throws<DataverseFaultException>(() => organization.CreateOrganizationService(user).Execute(new GrantAccessRequest
            {
                Target = new EntityReference(Widget, widget),
                PrincipalAccess = new PrincipalAccess { Principal = UserRef(colleague), AccessMask = AccessRights.ReadAccess },
            }));

            // Assert
            Assert.Contains("prvSharelr_widget", refusal.Message, StringComparison.Ordinal);
            Assert.Empty(organization.SharesOf(new EntityReference(Widget, widget)));
        }

        [Fact]
        public void Should_stamp_the_owners_business_unit_as_the_owning_business_unit_on_create_and_assign()
        {
            // Arrange
            var organization = Organization();
            var east = organization.CreateBusinessUnit("East");
            var west = organization.CreateBusinessUnit("West");
            var eastRep = organization.CreateUser("Eve", businessUnitId: east);
            var westRep = organization.CreateUser("Wes", businessUnitId: west);

            // Act
            var opportunity = organization.Service.Create(new Entity("opportunity") { ["name"] = "Deal", ["ownerid"] = UserRef(eastRep) });
            var created = organization.Find("opportunity", opportunity)!.GetAttributeValue<EntityReference>("owningbusinessunit").Id;
            organization.Service.Execute(new AssignRequest { Target = new EntityReference("opportunity", opportunity), Assignee = UserRef(westRep) });

            // Assert
            Assert.Equal(east, created);
            Assert.Equal(west, organization.Find("opportunity", opportunity)!.GetAttributeValue<EntityReference>("owningbusinessunit").Id);
        }

        [Fact]
        public void Should_give_the_admin_user_system_administrator_so_it_passes_every_check()
        {
            // Arrange
            var organization = Organization();

            // Act
            var widget = organization.Service.Create(new Entity(Widget) { ["lr_name"] = "admin" });

            // Assert
            Assert.Contains(organization.RolesOf(organization.AdminUserId), r => r.Name == PlatformRoles.SystemAdministratorName && r.BypassesChecks);
            Assert.Equal("admin", organization.Service.Retrieve(Widget, widget, new ColumnSet("lr_name"))["lr_name"]);
        }

        [Fact]
        public void Should_read_a_role_and_its_levels_from_solution_role_xml()
        {
            // Arrange
            var xml = XDocument.Parse(
                "<Role id=\"{ead4e436-23bc-50c1-b1bd-9cfa78fadf72}\" name=\"LeadRecycle Sales\"><RolePrivileges>" +
                "<RolePrivilege name=\"prvReadlr_recycledlead\" level=\"Basic\" />" +
                "<RolePrivilege name=\"prvReadlr_stagestatistic\" level=\"Global\" /></RolePrivileges></Role>");

            // Act
            var role = SecurityRole.FromXml(xml);

            // Assert
            Assert.Equal("LeadRecycle Sales", role.Name);
            Assert.Equal(new Guid("ead4e436-23bc-50c1-b1bd-9cfa78fadf72"), role.Id);
            Assert.Equal(AccessLevel.Basic, role.LevelOf("prvReadlr_recycledlead"));
            Assert.Equal(AccessLevel.Global, role.LevelOf("prvReadlr_stagestatistic"));
            Assert.Null(role.LevelOf("prvWritelr_recycledlead"));
        }

        [Fact]
        public void Should_refuse_a_role_file_with_an_unknown_level()
        {
            // Arrange
            var xml = XDocument.Parse("<Role name=\"Broken\"><RolePrivileges><RolePrivilege name=\"prvReadlr_x\" level=\"Team\" /></RolePrivileges></Role>");

            // Act
            var refusal = Assert.Throws<FormatException>(() => SecurityRole.FromXml(xml));

            // Assert
            Assert.Contains("'Team'", refusal.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_use_the_activity_privileges_for_every_activity_table()
        {
            // Arrange: "OpportunityClose entity privileges": it "uses the privileges for the ActivityPointer entity".
            var catalog = new MetadataCatalog(SystemTables.All);

            // Act
            var names = new[] { "task", "opportunityclose", "email" }.Select(t => PrivilegeNames.For(catalog.Get(t), AccessRights.CreateAccess)).Distinct().ToArray();

            // Assert
            Assert.Equal(new[] { "prvCreateActivity" }, names);
            Assert.Equal("prvReadUser", PrivilegeNames.For(catalog.Get("systemuser"), AccessRights.ReadAccess));
        }
    }
}
