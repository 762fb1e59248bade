using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using LeadRecycle.Metadata;
using LeadRecycle.Schema;
using LeadRecycle.Testing;
using Xunit;

namespace LeadRecycle.Tests.Metadata
{
    /// <summary>The names the plug-ins use and the schema the solution ships cannot drift apart.</summary>
    public sealed class CatalogConsistencyTests
    {
        private static readonly Assembly PluginAssembly = typeof(ChecklistColumns).Assembly;

        public static IEnumerable<object[]> CustomNames() =>
            PluginAssembly.GetTypes()
                .Where(type => type.Namespace == "LeadRecycle.Schema")
                .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string))
                    .Select(field => new object[] { type.Name + "." + field.Name, (string)field.GetRawConstantValue()! }))
                .Where(pair => ((string)pair[1]).StartsWith("lr_", StringComparison.Ordinal));

        [Theory]
        [MemberData(nameof(CustomNames))]
        public void Should_define_every_lr_name_the_code_uses(string constant, string name)
        {
            var tables = LeadRecycleTables.All;
            var known = tables.Select(t => t.LogicalName)
                .Concat(tables.SelectMany(t => t.Columns.Select(c => c.LogicalName)))
                .Concat(tables.SelectMany(t => t.AlternateKeys.Select(k => k.LogicalName)));

            Assert.True(known.Contains(name, StringComparer.Ordinal) || name == PolicyVariable.SchemaName,
                $"{constant} = '{name}' is used by the plug-ins but not defined in LeadRecycleTables.");
        }

        public static IEnumerable<object[]> ChoiceEnums() => new[]
        {
            new object[] { typeof(DisqualificationReason), LeadRecycleTables.DisqualificationReasons.Name },
            new object[] { typeof(NurtureStream), LeadRecycleTables.NurtureStreams.Name },
            new object[] { typeof(EffortType), LeadRecycleTables.EffortTypes.Name },
            new object[] { typeof(LeadDevelopmentStage), LeadRecycleTables.LeadDevelopmentStages.Name },
            new object[] { typeof(Likelihood), LeadRecycleTables.Likelihoods.Name },
            new object[] { typeof(RecycleType), LeadRecycleTables.RecycleTypes.Name },
            new object[] { typeof(AgingStatus), LeadRecycleTables.AgingStatuses.Name },
            new object[] { typeof(EngagementType), LeadRecycleTables.EngagementTypes.Name },
        };

        [Theory]
        [MemberData(nameof(ChoiceEnums))]
        public void Should_define_every_option_value_the_code_uses(Type choiceEnum, string choiceName)
        {
            var choice = LeadRecycleTables.GlobalChoices.Single(c => c.Name == choiceName);

            foreach (var value in Enum.GetValues(choiceEnum).Cast<object>().Select(Convert.ToInt32))
            {
                Assert.True(choice.HasValue(value), $"{choiceEnum.Name} value {value} is missing from choice {choiceName}.");
            }

            Assert.Equal(Enum.GetValues(choiceEnum).Length, choice.Options.Count);
            Assert.All(choice.Options, option => Assert.InRange(option.Value, 100000000, 100009999));
        }

        [Fact]
        public void Should_carry_the_checklist_on_both_the_close_and_the_lead()
        {
            var checklist = typeof(ChecklistColumns).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();

            foreach (var table in new[] { OpportunityClose.EntityName, Lead.EntityName })
            {
                var extension = LeadRecycleTables.SystemTableExtensions.Single(t => t.LogicalName == table);
                Assert.All(checklist, column => Assert.NotNull(extension.FindColumn(column)));
            }
        }

        [Fact]
        public void Should_key_the_recycled_lead_on_its_source()
        {
            var key = Assert.Single(LeadRecycleTables.RecycledLeadTable.AlternateKeys);

            Assert.Equal(new[] { RecycledLead.SourceKey }, key.Columns);
        }

        [Fact]
        public void Should_name_each_guarded_column_in_the_guards_messages_as_the_form_labels_it()
        {
            // The column guard's refusals quote the labels people see on the forms; the catalog holds those labels.
            var catalog = LeadRecycleInstallation.Catalog;

            foreach (var table in LeadRecycle.Services.Guarding.LeadRecycleColumns.Guarded)
            {
                foreach (var column in table.Value)
                {
                    var metadata = catalog.Get(table.Key).FindColumn(column.Key);
                    Assert.True(metadata != null, $"{table.Key}.{column.Key} is guarded but not in the catalog");
                    Assert.Equal(metadata!.DisplayName, column.Value);
                }
            }
        }
    }
}
