using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using LeadRecycle.CustomApis;
using LeadRecycle.Framework;
using LeadRecycle.Metadata;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using LeadRecycle.Services.Recycling;
using LeadRecycle.Steps;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Recycling
{
    /// <summary>
    /// The Return-to-Nurture checklist is declared once (ReturnToNurtureChecklist); every place that spells it out in
    /// another shape is compared with that declaration here, so that the two cannot disagree.
    /// </summary>
    public sealed class ChecklistDeclarationTests
    {
        [Fact]
        public void Should_declare_each_field_a_policy_can_require_exactly_once()
        {
            Assert.Equal(
                Enum.GetValues(typeof(ChecklistField)).Cast<ChecklistField>().OrderBy(f => f),
                ReturnToNurtureChecklist.Fields.Select(item => item.Field!.Value).OrderBy(f => f));
            Assert.Equal(ReturnToNurtureChecklist.All.Count(), ReturnToNurtureChecklist.Columns.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(ReturnToNurtureChecklist.All.Count(), ReturnToNurtureChecklist.All.Select(item => item.ParameterName).Distinct(StringComparer.Ordinal).Count());
        }

        [Fact]
        public void Should_name_each_field_in_the_policy_as_the_policy_reader_accepts_it()
        {
            foreach (var item in ReturnToNurtureChecklist.Fields)
            {
                var policy = RecyclePolicyReader.Read("{\"reasons\":{\"NoBudget\":{\"stream\":\"BudgetCycle\",\"requires\":[\"" + item.RequirementName + "\"]}}}");

                Assert.Equal(new[] { item.Field!.Value }, policy.For(DisqualificationReason.NoBudget).RequiredFields);
            }
        }

        [Theory]
        [InlineData(OpportunityClose.EntityName)]
        [InlineData(Lead.EntityName)]
        public void Should_carry_the_checklist_columns_with_their_labels_on_the_close_and_the_lead(string table)
        {
            var columns = LeadRecycleTables.SystemTableExtensions.Single(t => t.LogicalName == table).Columns;

            foreach (var item in ReturnToNurtureChecklist.All)
            {
                var column = Assert.Single(columns, c => c.LogicalName == item.Column);
                Assert.Equal(item.Label, column.DisplayName);
                Assert.Equal(item.IsChoice ? ColumnType.Picklist : ColumnType.Memo, column.Type);
                if (item.IsChoice)
                {
                    Assert.Equal(item.ChoiceLabels.Values, column.Choice!.Options.Select(o => o.Label));
                }
            }
        }

        [Fact]
        public void Should_carry_every_field_on_the_recycled_lead_with_its_label()
        {
            var columns = LeadRecycleTables.RecycledLeadTable.Columns;

            foreach (var item in ReturnToNurtureChecklist.Fields)
            {
                Assert.Equal(item.Label, Assert.Single(columns, c => c.LogicalName == item.RecycledLeadColumn).DisplayName);
            }
        }

        [Fact]
        public void Should_take_the_reason_and_every_field_as_a_parameter_of_the_return_to_nurture_api()
        {
            var parameters = new ReturnToNurtureApi().CustomApi.RequestParameters;

            foreach (var item in ReturnToNurtureChecklist.All)
            {
                var parameter = Assert.Single(parameters, p => p.UniqueName == item.ParameterName);
                Assert.Equal(item.IsChoice ? CustomApiParameterType.Picklist : CustomApiParameterType.String, parameter.Type);
                Assert.Equal(item.Field != null, parameter.IsOptional);
            }
        }

        [Fact]
        public void Should_read_the_whole_checklist_in_the_disqualification_steps_images()
        {
            var images = new PluginBase[] { new ValidateLeadDisqualification(), new RecycleDisqualifiedLead() }.SelectMany(plugin => plugin.Steps).SelectMany(step => step.Images).ToList();

            Assert.NotEmpty(images);
            Assert.All(images, image => Assert.All(ReturnToNurtureChecklist.Columns, column => Assert.Contains(column, image.Attributes)));
        }

        [Fact]
        public void Should_copy_every_field_to_the_recycled_lead()
        {
            var close = ChecklistValidatorTests.Complete(DisqualificationReason.FundingDelayedOrCancelled);
            var recycledLead = new Entity(RecycledLead.EntityName);

            Checklist.From(close).CopyTo(recycledLead);

            Assert.Equal(ReturnToNurtureChecklist.Fields.Select(item => item.RecycledLeadColumn).OrderBy(c => c, StringComparer.Ordinal),
                recycledLead.Attributes.Keys.OrderBy(c => c, StringComparer.Ordinal));
        }

        [Fact]
        public void Should_list_the_checklist_in_the_readme_as_the_declaration_spells_it()
        {
            var readme = Regex.Replace(File.ReadAllText(Path.Combine(BuildLayout.RepositoryRoot, "README.md")), @"\s+", " ");

            Assert.Contains(string.Join(", ", ReturnToNurtureChecklist.Fields.Select(item => "*" + item.Label + "*")), readme, StringComparison.Ordinal);
            Assert.Contains("a checklist field, one of: " + string.Join(", ", ReturnToNurtureChecklist.Fields.Select(item => item.RequirementName)) + " |", readme, StringComparison.Ordinal);
        }
    }
}
