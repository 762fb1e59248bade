using System;
using System.Linq;
using LeadRecycle.Metadata;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>
    /// Customer Insights – Journeys real-time segments can use a related table's attributes only when that table has
    /// Track changes on (https://learn.microsoft.com/dynamics365/customer-insights/journeys/real-time-marketing-build-segments),
    /// so the recycled lead and its engagements ship with it on; the other tables keep it off.
    /// </summary>
    public sealed class ChangeTrackingTests
    {
        private static readonly string[] Tracked = { "lr_recycledlead", "lr_engagement" };

        [Fact]
        public void Should_turn_change_tracking_on_for_recycled_lead_and_engagement_only_when_the_product_is_packed()
        {
            var zip = SolutionFixture.PackProduct(managed: true);

            var entities = zip.Xml("customizations.xml").Element("Entities")!.Elements("Entity")
                .Select(e => (Name: (string)e.Element("Name")!, Settings: e.Element("EntityInfo")!.Element("entity")!))
                .ToArray();

            var custom = entities.Where(e => e.Name.StartsWith("lr_", StringComparison.Ordinal)).ToArray();
            Assert.Equal(LeadRecycleTables.All.Where(t => t.IsCustom).Select(t => t.LogicalName).OrderBy(n => n, StringComparer.Ordinal),
                custom.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal));
            foreach (var (name, settings) in custom)
            {
                var expected = Tracked.Contains(name) ? "1" : "0";
                Assert.True(expected == (string?)settings.Element("ChangeTrackingEnabled"), $"{name}: ChangeTrackingEnabled should be {expected}");
                Assert.Equal("1", (string?)settings.Element("CanChangeTrackingBeEnabled"));
            }

            // The system tables LeadRecycle extends are shells: their settings are the platform's, never LeadRecycle's.
            Assert.All(entities.Where(e => !e.Name.StartsWith("lr_", StringComparison.Ordinal)),
                e => Assert.Null(e.Settings.Element("ChangeTrackingEnabled")));
        }

        [Fact]
        public void Should_declare_change_tracking_on_the_two_tables_journeys_segment_over_when_the_metadata_is_read()
        {
            Assert.Equal(Tracked.OrderBy(n => n, StringComparer.Ordinal),
                LeadRecycleTables.All.Where(t => t.IsChangeTrackingEnabled).Select(t => t.LogicalName).OrderBy(n => n, StringComparer.Ordinal));
        }
    }
}
