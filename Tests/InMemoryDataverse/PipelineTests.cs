using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.InMemoryDataverse.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace LeadRecycle.Tests.InMemoryDataverse
{
    public class PipelineTests
    {
        [Fact]
        public void Should_leave_nothing_written_when_a_later_step_throws_after_a_nested_create()
        {
            // Arrange
            var organization = TestOrganization.Create();
            organization.Register(TestOrganization.Step("Create", "opportunity", StepStage.PostOperation, sp =>
                sp.UserService().Create(new Entity("task") { ["subject"] = "Follow up", ["regardingobjectid"] = new EntityReference("opportunity", sp.Context().PrimaryEntityId) }),
                rank: 1));
            organization.Register(TestOrganization.Step("Create", "opportunity", StepStage.PostOperation, sp =>
                throw new InvalidPluginExecutionException("Refused by the second step."), rank: 2));
            organization.Register(TestOrganization.Step("Create", "opportunity", StepStage.PostOperation, sp => { }, StepMode.Asynchronous));

            // Act
            var error = Assert.Throws<InvalidPluginExecutionException>(() => organization.Service.CreateOpportunity());

            // Assert
            Assert.Equal("Refused by the second step.", error.Message);
            Assert.Equal(0, organization.Count("opportunity"));
            Assert.Equal(0, organization.Count("task"));
            Assert.Equal(0, organization.PendingAsyncJobs);
        }

        [Fact]
        public void Should_write_what_a_preoperation_step_puts_in_the_target()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var id = organization.Service.CreateOpportunity();
            organization.Register(TestOrganization.Step("Update", "opportunity", StepStage.PreOperation, sp =>
                ((Entity)sp.Context().InputParameters["Target"])["stepname"] = "stamped by plug-in"));

            // Act
            organization.Service.Update(new Entity("opportunity", id) { ["description"] = "changed" });

            // Assert
            var stored = organization.Find("opportunity", id)!;
            Assert.Equal("stamped by plug-in", stored.GetAttributeValue<string>("stepname"));
            Assert.Equal("changed", stored.GetAttributeValue<string>("description"));
        }

        [Fact]
        public void Should_fire_an_update_step_only_when_one_of_its_filtering_attributes_changes()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var id = organization.Service.CreateOpportunity();
            var fired = 0;
            organization.Register(TestOrganization.Step("Update", "opportunity", StepStage.PostOperation, sp => fired++)
                with { FilteringAttributes = new[] { "estimatedvalue", "salesstage" } });

            // Act
            organization.Service.Update(new Entity("opportunity", id) { ["description"] = "not filtered" });
            var afterUnfiltered = fired;
            organization.Service.Update(new Entity("opportunity", id) { ["salesstage"] = new OptionSetValue(2) });

            // Assert
            Assert.Equal(0, afterUnfiltered);
            Assert.Equal(1, fired);
        }

        [Fact]
        public void Should_hold_exactly_the_declared_columns_when_images_are_registered()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var id = organization.Service.Create(new Entity("opportunity")
            {
                ["name"] = "Deal",
                ["estimatedvalue"] = new Money(100m),
                ["description"] = "not in any image",
            });
            Entity? pre = null;
            Entity? post = null;
            Entity? target = null;
            organization.Register(TestOrganization.Step("Update", "opportunity", StepStage.PostOperation, sp =>
            {
                var context = sp.Context();
                pre = context.PreEntityImages["pre"];
                post = context.PostEntityImages["post"];
                target = (Entity)context.InputParameters["Target"];
            }) with
            {
                Images = new[]
                {
                    new ImageRegistration(StepImageType.PreImage, "pre", "Target", new[] { "name", "estimatedvalue", "salesstage" }),
                    new ImageRegistration(StepImageType.PostImage, "post", "Target", new[] { "estimatedvalue" }),
                },
            });

            // Act
            organization.Service.Update(new Entity("opportunity", id) { ["estimatedvalue"] = new Money(250m) });

            // Assert
            Assert.Equal(new[] { "estimatedvalue", "name" }, pre!.Attributes.Select(a => a.Key).OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(100m, pre.GetAttributeValue<Money>("estimatedvalue").Value);
            Assert.Equal(new[] { "estimatedvalue" }, post!.Attributes.Select(a => a.Key));
            Assert.Equal(250m, post.GetAttributeValue<Money>("estimatedvalue").Value);
            Assert.Equal(new[] { "estimatedvalue" }, target!.Attributes.Select(a => a.Key));
        }

        [Fact]
        public void Should_shape_the_context_like_dataverse_when_create_and_delete_run()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var seen = new List<(string Message, int Stage, bool InTransaction, object Target, Guid PrimaryId, object? OutputId)>();
            foreach (var message in new[] { "Create", "Delete" })
            {
                foreach (var stage in new[] { StepStage.PreValidation, StepStage.PreOperation, StepStage.PostOperation })
                {
                    organization.Register(TestOrganization.Step(message, "account", stage, sp =>
                    {
                        var context = sp.Context();
                        context.OutputParameters.TryGetValue("id", out var outputId);
                        seen.Add((context.MessageName, context.Stage, context.IsInTransaction, context.InputParameters["Target"], context.PrimaryEntityId, outputId));
                    }));
                }
            }

            // Act
            var id = organization.Service.Create(new Entity("account") { ["name"] = "Contoso" });
            organization.Service.Delete("account", id);

            // Assert
            Assert.Equal(new[] { 10, 20, 40, 10, 20, 40 }, seen.Select(s => s.Stage));
            Assert.Equal(new[] { false, true, true, false, true, true }, seen.Select(s => s.InTransaction));
            Assert.Equal(id, seen[2].OutputId);
            Assert.Equal(id, seen[2].PrimaryId);
            Assert.Null(seen[1].OutputId);
            Assert.IsType<Entity>(seen[0].Target);
            Assert.Equal(id, Assert.IsType<EntityReference>(seen[3].Target).Id);
        }

        [Fact]
        public void Should_abort_with_the_loop_error_when_depth_passes_eight()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var id = organization.Service.CreateOpportunity();
            organization.Register(new StepRegistration(typeof(EndlessLoopPlugin), "Update", "opportunity", StepStage.PostOperation));

            // Act
            var fault = Assert.Throws<DataverseFaultException>(() => organization.Service.Update(new Entity("opportunity", id) { ["description"] = "start" }));

            // Assert
            Assert.Equal(DataverseErrorCodes.InfiniteLoopDetected, fault.ErrorCode);
            Assert.StartsWith("This workflow job was canceled because the workflow that started it included an infinite loop.", fault.Message);
            Assert.False(organization.Find("opportunity", id)!.Contains("description"));
            Assert.Equal(8, organization.LastOperation!.Executions.Max(e => e.Depth));
        }

        [Fact]
        public void Should_run_async_steps_after_commit_when_the_queue_is_drained()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var contexts = new List<IPluginExecutionContext>();
            organization.Register(TestOrganization.Step("Create", "opportunity", StepStage.PostOperation, sp =>
            {
                contexts.Add(sp.Context());
                sp.UserService().Create(new Entity("task") { ["subject"] = "Async follow-up" });
            }, StepMode.Asynchronous));

            // Act
            organization.Service.CreateOpportunity();
            var tasksBeforeDrain = organization.Count("task");
            var pendingBeforeDrain = organization.PendingAsyncJobs;
            var results = organization.DrainAsyncQueue();

            // Assert
            Assert.Equal(0, tasksBeforeDrain);
            Assert.Equal(1, pendingBeforeDrain);
            Assert.True(Assert.Single(results).Succeeded);
            Assert.Equal(1, organization.Count("task"));
            var context = Assert.Single(contexts);
            Assert.Equal(1, context.Mode);
            Assert.Equal(40, context.Stage);
            Assert.False(context.IsInTransaction);
            Assert.Equal(0, organization.PendingAsyncJobs);
        }

        [Fact]
        public void Should_roll_back_only_the_job_when_an_async_step_fails()
        {
            // Arrange
            var organization = TestOrganization.Create();
            organization.Register(TestOrganization.Step("Create", "opportunity", StepStage.PostOperation, sp =>
            {
                sp.UserService().Create(new Entity("task") { ["subject"] = "Written, then rolled back" });
                throw new InvalidPluginExecutionException("Async failure");
            }, StepMode.Asynchronous));
            var id = organization.Service.CreateOpportunity();

            // Act
            var result = Assert.Single(organization.DrainAsyncQueue());

            // Assert
            Assert.False(result.Succeeded);
            Assert.Equal("Async failure", result.Error!.Message);
            Assert.Equal(0, organization.Count("task"));
            Assert.NotNull(organization.Find("opportunity", id));
        }

        [Fact]
        public void Should_count_only_plugin_calls_when_accounting_an_operation()
        {
            // Arrange
            var organization = TestOrganization.Create();
            organization.Register(TestOrganization.Step("Create", "opportunity", StepStage.PostOperation, sp =>
            {
                var service = sp.UserService();
                var id = sp.Context().PrimaryEntityId;
                service.Retrieve("opportunity", id, new ColumnSet("name"));
                service.Retrieve("opportunity", id, new ColumnSet("estimatedvalue"));
                service.Create(new Entity("task") { ["subject"] = "Follow up" });
            }));

            // Act
            var id = organization.Service.CreateOpportunity();
            var create = organization.Calls.ForLastOperation();
            organization.Service.Retrieve("opportunity", id, new ColumnSet(true));
            var testRetrieve = organization.Calls.ForLastOperation();

            // Assert
            Assert.Equal(3, create.Total);
            Assert.Equal(2, create["Retrieve"]);
            Assert.Equal(1, create["Create"]);
            Assert.Equal(0, create["Update"]);
            Assert.Equal(0, testRetrieve.Total);
        }

        [Fact]
        public void Should_give_nested_calls_depth_parent_correlation_and_shared_variables()
        {
            // Arrange
            var organization = TestOrganization.Create();
            IPluginExecutionContext? parent = null;
            IPluginExecutionContext? child = null;
            organization.Register(TestOrganization.Step("Create", "opportunity", StepStage.PreOperation, sp =>
                sp.Context().SharedVariables["fromPreOperation"] = "shared"));
            organization.Register(TestOrganization.Step("Create", "opportunity", StepStage.PostOperation, sp =>
            {
                parent = sp.Context();
                Assert.Equal("shared", parent.SharedVariables["fromPreOperation"]);
                sp.UserService().Create(new Entity("task") { ["subject"] = "Nested" });
            }));
            organization.Register(TestOrganization.Step("Create", "task", StepStage.PreOperation, sp => child = sp.Context()));

            // Act
            organization.Service.CreateOpportunity();

            // Assert
            Assert.Equal(1, parent!.Depth);
            Assert.Null(parent.ParentContext);
            Assert.Equal(2, child!.Depth);
            Assert.Same(parent, child.ParentContext);
            Assert.Equal(parent.CorrelationId, child.CorrelationId);
            Assert.Equal("shared", child.ParentContext!.SharedVariables["fromPreOperation"]);
            Assert.False(child.SharedVariables.Contains("fromPreOperation"));
            Assert.Equal(organization.AdminUserId, child.InitiatingUserId);
            Assert.Equal(organization.OrganizationId, child.OrganizationId);
            Assert.Equal(TestOrganization.Start, child.OperationCreatedOn);
        }

        [Fact]
        public void Should_run_as_the_registered_user_when_a_step_has_a_run_as_user()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var serviceAccount = organization.CreateUser("Integration");
            IPluginExecutionContext? context = null;
            organization.Register(TestOrganization.Step("Create", "account", StepStage.PostOperation, sp => context = sp.Context())
                with { RunAsUserId = serviceAccount });

            // Act
            organization.Service.Create(new Entity("account") { ["name"] = "Contoso" });

            // Assert
            Assert.Equal(serviceAccount, context!.UserId);
            Assert.Equal(organization.AdminUserId, context.InitiatingUserId);
        }

        [Fact]
        public void Should_end_the_transaction_when_a_plugin_swallows_a_failed_call()
        {
            // Arrange
            var organization = TestOrganization.Create();
            organization.Register(TestOrganization.Step("Create", "opportunity", StepStage.PostOperation, sp =>
            {
                var service = sp.UserService();
                try
                {
                    service.Retrieve("account", Guid.NewGuid(), new ColumnSet("name"));
                }
                catch (DataverseFaultException)
                {
                    // Swallowed on purpose: Dataverse has already ended the transaction.
                }

                service.Create(new Entity("task") { ["subject"] = "Never written" });
            }));

            // Act
            var fault = Assert.Throws<DataverseFaultException>(() => organization.Service.CreateOpportunity());

            // Assert
            Assert.Equal(DataverseErrorCodes.NoActiveTransaction, fault.ErrorCode);
            Assert.Equal(0, organization.Count("opportunity"));
            Assert.Equal(0, organization.Count("task"));
        }

        [Fact]
        public void Should_run_the_plugin_as_main_operation_when_a_custom_api_is_executed()
        {
            // Arrange
            var organization = TestOrganization.Create();
            organization.RegisterCustomApi("lr_Double", typeof(DoubleCustomApi));

            // Act
            var response = organization.Service.Execute(new OrganizationRequest("lr_Double") { ["Value"] = 21 });

            // Assert
            Assert.Equal(42, response.Results["Doubled"]);
            Assert.Equal(30, response.Results["Stage"]);
            Assert.Equal("lr_Double", response.ResponseName);
        }
    
        [Fact]
        public void Should_count_async_plugin_calls_when_measuring_a_block_that_drains_the_queue()
        {
            // Arrange
            var organization = TestOrganization.Create();
            organization.Register(TestOrganization.Step("Create", "account", StepStage.PostOperation, sp =>
                sp.UserService().Retrieve("account", sp.Context().PrimaryEntityId, new ColumnSet("name")), StepMode.Asynchronous));

            // Act
            var calls = organization.Calls.During(() =>
            {
                organization.Service.Create(new Entity("account") { ["name"] = "Contoso" });
                organization.Service.Create(new Entity("account") { ["name"] = "Fabrikam" });
                organization.DrainAsyncQueue();
            });

            // Assert
            Assert.Equal(2, calls.Total);
            Assert.Equal(2, calls["Retrieve"]);
        }

        [Fact]
        public void Should_undo_a_share_when_the_operation_that_granted_it_rolls_back()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var rep = organization.CreateUser("Rita Rep");
            organization.Register(TestOrganization.Step("Create", "opportunity", StepStage.PostOperation, sp =>
            {
                sp.UserService().Execute(new Microsoft.Crm.Sdk.Messages.GrantAccessRequest
                {
                    Target = new EntityReference("opportunity", sp.Context().PrimaryEntityId),
                    PrincipalAccess = new Microsoft.Crm.Sdk.Messages.PrincipalAccess
                    {
                        Principal = new EntityReference("systemuser", rep),
                        AccessMask = Microsoft.Crm.Sdk.Messages.AccessRights.ReadAccess,
                    },
                });
                throw new InvalidPluginExecutionException("Undo everything.");
            }));

            // Act
            Assert.Throws<InvalidPluginExecutionException>(() => organization.Service.CreateOpportunity());

            // Assert
            var granted = organization.LastOperation!.Executions.Single().PrimaryEntityId;
            Assert.Empty(organization.SharesOf(new EntityReference("opportunity", granted)));
        }
    
        [Fact]
        public void Should_keep_a_prevalidation_write_when_a_later_stage_fails()
        {
            // Arrange: PreValidation of a top-level call runs outside the transaction, so its writes commit on their own
            var organization = TestOrganization.Create();
            organization.Register(TestOrganization.Step("Create", "opportunity", StepStage.PreValidation, sp =>
                sp.UserService().Create(new Entity("task") { ["subject"] = "Audit: create attempted" })));
            organization.Register(TestOrganization.Step("Create", "opportunity", StepStage.PreOperation, sp =>
                throw new InvalidPluginExecutionException("Refused in PreOperation.")));

            // Act
            Assert.Throws<InvalidPluginExecutionException>(() => organization.Service.CreateOpportunity());

            // Assert
            Assert.Equal(0, organization.Count("opportunity"));
            Assert.Equal(new[] { "Audit: create attempted" }, organization.All("task").Names("subject"));
        }
    }
}
