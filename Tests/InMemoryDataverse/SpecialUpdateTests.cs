using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.InMemoryDataverse.Pipeline;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.InMemoryDataverse
{
    /// <summary>
    /// Microsoft Learn, "Behavior of specialized update operations": an Update carrying state/status columns plus other
    /// columns runs PreOperation and PostOperation Update steps once for the other columns, then once for the state.
    /// </summary>
    public class SpecialUpdateTests
    {
        private static Guid OpenLead(InMemoryOrganization organization) =>
            organization.Service.Create(new Entity("lead") { ["subject"] = "Fleet telematics", ["lastname"] = "Diaz" });

        private static Entity DisqualifyWithNote(Guid lead) => new Entity("lead", lead)
        {
            ["statecode"] = new OptionSetValue(2),
            ["statuscode"] = new OptionSetValue(4),
            ["description"] = "Budget moved to next year.",
        };

        private static string Columns(IPluginExecutionContext context) =>
            string.Join(",", ((Entity)context.InputParameters["Target"]).Attributes.Keys.OrderBy(k => k, StringComparer.Ordinal));

        /// <summary>Registers a step in every synchronous stage that writes "stage:columns" of its Target.</summary>
        private static List<string> RecordTargets(InMemoryOrganization organization, params string[] filteringAttributes)
        {
            var seen = new List<string>();
            foreach (var stage in new[] { StepStage.PreValidation, StepStage.PreOperation, StepStage.PostOperation })
            {
                organization.Register(TestOrganization.Step("Update", "lead", stage, sp => seen.Add((int)sp.Context().Stage + ":" + Columns(sp.Context())))
                    with { FilteringAttributes = filteringAttributes });
            }

            return seen;
        }

        [Fact]
        public void Should_run_preoperation_and_postoperation_twice_and_prevalidation_once_when_an_update_mixes_state_and_other_columns()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var lead = OpenLead(organization);
            var seen = RecordTargets(organization);

            // Act
            organization.Service.Update(DisqualifyWithNote(lead));

            // Assert
            Assert.Equal(new[]
            {
                "10:description,statecode,statuscode",
                "20:description",
                "40:description",
                "20:statecode,statuscode",
                "40:statecode,statuscode",
            }, seen);
            var stored = organization.Find("lead", lead)!;
            Assert.Equal(2, stored.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal("Budget moved to next year.", stored.GetAttributeValue<string>("description"));
        }

        [Fact]
        public void Should_run_each_stage_once_when_an_update_carries_only_state_columns()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var lead = OpenLead(organization);
            var seen = RecordTargets(organization);

            // Act
            organization.Service.Update(new Entity("lead", lead) { ["statecode"] = new OptionSetValue(2), ["statuscode"] = new OptionSetValue(4) });

            // Assert
            Assert.Equal(new[] { "10:statecode,statuscode", "20:statecode,statuscode", "40:statecode,statuscode" }, seen);
        }

        [Fact]
        public void Should_fire_a_step_filtered_on_statecode_only_in_the_state_pass_when_the_update_is_split()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var lead = OpenLead(organization);
            var seen = RecordTargets(organization, "statecode");

            // Act
            organization.Service.Update(DisqualifyWithNote(lead));

            // Assert
            Assert.Equal(new[] { "10:description,statecode,statuscode", "20:statecode,statuscode", "40:statecode,statuscode" }, seen);
        }

        [Theory]
        [InlineData(SpecialUpdatePreImage.AfterFirstPass, "Budget moved to next year.")]
        [InlineData(SpecialUpdatePreImage.BeforeRequest, null)]
        public void Should_take_the_state_pass_pre_image_where_the_organization_says_when_the_update_is_split(SpecialUpdatePreImage reading, string? expectedDescription)
        {
            // Arrange
            var organization = TestOrganization.Create();
            organization.SecondPassPreImage = reading;
            var lead = OpenLead(organization);
            var images = new List<Entity>();
            organization.Register(TestOrganization.Step("Update", "lead", StepStage.PostOperation, sp => images.Add(sp.Context().PreEntityImages["pre"]))
                with { Images = new[] { new ImageRegistration(StepImageType.PreImage, "pre", "Target", new[] { "statecode", "description" }) } });

            // Act
            organization.Service.Update(DisqualifyWithNote(lead));

            // Assert
            Assert.Equal(2, images.Count);
            Assert.Null(images[0].GetAttributeValue<string>("description"));
            Assert.All(images, image => Assert.Equal(0, image.GetAttributeValue<OptionSetValue>("statecode").Value));
            Assert.Equal(expectedDescription, images[1].GetAttributeValue<string>("description"));
        }

        [Fact]
        public void Should_let_both_passes_read_what_prevalidation_stored_through_the_parent_context_when_the_update_is_split()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var lead = OpenLead(organization);
            var read = new List<object?>();
            var ownBags = new List<ParameterCollection>();
            organization.Register(TestOrganization.Step("Update", "lead", StepStage.PreValidation, sp => sp.Context().SharedVariables["whole"] = Columns(sp.Context())));
            organization.Register(TestOrganization.Step("Update", "lead", StepStage.PostOperation, sp =>
            {
                var context = sp.Context();
                ownBags.Add(context.SharedVariables);
                read.Add(context.ParentContext!.SharedVariables["whole"]);
                Assert.Equal(context.CorrelationId, context.ParentContext.CorrelationId);
                Assert.Equal(context.Depth, context.ParentContext.Depth);
            }));

            // Act
            organization.Service.Update(DisqualifyWithNote(lead));

            // Assert
            Assert.Equal(new object?[] { "description,statecode,statuscode", "description,statecode,statuscode" }, read);
            Assert.NotSame(ownBags[0], ownBags[1]);
            Assert.False(ownBags[1].Contains("whole"));
        }

        [Fact]
        public void Should_roll_back_the_first_pass_when_a_step_refuses_the_state_pass()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var lead = OpenLead(organization);
            organization.Register(TestOrganization.Step("Update", "lead", StepStage.PostOperation, sp => throw new InvalidPluginExecutionException("Not now."))
                with { FilteringAttributes = new[] { "statecode" } });

            // Act
            var error = Assert.Throws<InvalidPluginExecutionException>(() => organization.Service.Update(DisqualifyWithNote(lead)));

            // Assert
            Assert.Equal("Not now.", error.Message);
            var stored = organization.Find("lead", lead)!;
            Assert.Equal(0, stored.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Null(stored.GetAttributeValue<string>("description"));
        }
    }
}
