using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.Services.Recycling;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>
    /// The forms are maker-owned XML, edited as XML; the Return-to-Nurture checklist is declared once in the product
    /// (<see cref="ReturnToNurtureChecklist"/>). Each form that shows the checklist must show every declared field,
    /// under the declared label, so the close form, the lead and the recycled lead cannot drift from the rules.
    /// </summary>
    public sealed class ChecklistFormTests
    {
        private static string Form(string table, string type) =>
            Directory.EnumerateFiles(Path.Combine(BuildLayout.RepositoryRoot, "Solution", "src", "Entities", table, "FormXml", type), "*.xml").Single();

        /// <summary>Each control bound to a column, with the label of its cell.</summary>
        private static ILookup<string, string> LabelledControls(string path) =>
            XDocument.Load(path).Descendants("cell")
                .SelectMany(cell => cell.Elements("control").Select(control => (
                    Column: (string?)control.Attribute("datafieldname"),
                    Label: (string?)cell.Element("labels")?.Elements("label").FirstOrDefault(l => (string?)l.Attribute("languagecode") == "1033")?.Attribute("description"))))
                .Where(c => c.Column != null)
                .ToLookup(c => c.Column!, c => c.Label ?? string.Empty, StringComparer.Ordinal);

        [Theory]
        [InlineData("OpportunityClose", "quickCreate")]
        [InlineData("Lead", "main")]
        public void Should_show_every_checklist_field_under_its_declared_label_when_the_form_closes_a_record(string table, string type)
        {
            var controls = LabelledControls(Form(table, type));

            Assert.All(ReturnToNurtureChecklist.All, item =>
            {
                Assert.True(controls.Contains(item.Column), $"{table} {type} form has no control for {item.Column}.");
                Assert.Equal(item.Label, Assert.Single(controls[item.Column]));
            });
        }

        [Fact]
        public void Should_show_every_checklist_field_the_recycled_lead_copies_when_marketing_opens_it()
        {
            var controls = LabelledControls(Form("lr_recycledlead", "main"));

            Assert.All(ReturnToNurtureChecklist.All, item =>
            {
                Assert.True(controls.Contains(item.RecycledLeadColumn), "The recycled lead form has no control for " + item.RecycledLeadColumn + ".");
                Assert.Contains(Assert.Single(controls[item.RecycledLeadColumn]), new[] { item.Label, item.ShortLabel });
            });
        }

        [Fact]
        public void Should_fail_when_a_form_drops_a_checklist_field()
        {
            var path = Path.Combine(Path.GetTempPath(), "lr-form-" + Guid.NewGuid().ToString("N") + ".xml");
            var form = XDocument.Load(Form("OpportunityClose", "quickCreate"));
            form.Descendants("control").First(c => (string?)c.Attribute("datafieldname") == ReturnToNurtureChecklist.Fields[0].Column).Parent!.Remove();
            form.Save(path);
            try
            {
                Assert.False(LabelledControls(path).Contains(ReturnToNurtureChecklist.Fields[0].Column));
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
