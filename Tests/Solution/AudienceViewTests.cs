using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.Schema;
using LeadRecycle.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>
    /// One public view per nurture stream on the recycled lead ("Nurturing – &lt;stream&gt;"): the prospects a stream's
    /// journey or segment is meant to reach. A Dataverse view is not itself a Customer Insights – Journeys audience
    /// (docs/customer-insights-journeys.md §2), so each view is a marketer's worklist and the specification a stream's
    /// segment reproduces: Nurturing only (no returned, removed, cancelled or expired prospect), that stream only.
    /// </summary>
    public sealed class AudienceViewTests
    {
        private static readonly Lazy<XElement[]> RecycledLeadViews = new Lazy<XElement[]>(() =>
            SolutionFixture.PackProduct(managed: true).Xml("customizations.xml").Element("Entities")!.Elements("Entity")
                .Single(e => (string?)e.Element("Name") == RecycledLead.EntityName)
                .Element("SavedQueries")!.Element("savedqueries")!.Elements("savedquery").ToArray());

        private static readonly int[] Statuses =
        {
            RecycledLead.Status.Nurturing, RecycledLead.Status.ReturnedToSales, RecycledLead.Status.RemovedFromWaterfall,
            RecycledLead.Status.Cancelled, RecycledLead.Status.Expired,
        };

        public static IEnumerable<object[]> Streams => Enum.GetValues<NurtureStream>().Select(s => new object[] { s });

        private static string NameOf(XElement view) => (string)view.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description")!;

        private static XElement ViewFor(NurtureStream stream) =>
            Assert.Single(RecycledLeadViews.Value, v => NameOf(v) == "Nurturing – " + Labels.Streams[stream]);

        private static XElement FetchEntity(XElement view) => view.Element("fetchxml")!.Element("fetch")!.Element("entity")!;

        [Fact]
        public void Should_ship_exactly_one_public_view_per_nurture_stream_and_no_other_when_the_product_is_packed()
        {
            var audienceViews = RecycledLeadViews.Value.Where(v => NameOf(v).StartsWith("Nurturing – ", StringComparison.Ordinal)).ToArray();

            Assert.Equal(Labels.Streams.Values.Select(l => "Nurturing – " + l).OrderBy(n => n, StringComparer.Ordinal),
                audienceViews.Select(NameOf).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(audienceViews.Length, audienceViews.Select(v => (string?)v.Element("savedqueryid")).Distinct().Count());
            Assert.All(audienceViews, v =>
            {
                Assert.Equal("0", (string?)v.Element("querytype"));
                Assert.Equal("0", (string?)v.Element("isprivate"));
                Assert.Equal("0", (string?)v.Element("isdefault"));
            });
        }

        [Theory]
        [MemberData(nameof(Streams))]
        public void Should_select_nurturing_in_that_stream_only_when_a_streams_view_filter_is_read(NurtureStream stream)
        {
            var entity = FetchEntity(ViewFor(stream));

            // One and-filter, two conditions, nothing else that could widen or narrow the audience.
            var filter = Assert.Single(entity.Elements("filter"));
            Assert.Equal("and", (string?)filter.Attribute("type"));
            Assert.Empty(filter.Elements("filter"));
            var conditions = filter.Elements("condition")
                .Select(c => ((string?)c.Attribute("attribute"), (string?)c.Attribute("operator"), (string?)c.Attribute("value")))
                .OrderBy(c => c.Item1, StringComparer.Ordinal).ToArray();
            Assert.Equal(new[]
            {
                ((string?)RecycledLead.NurtureStream, (string?)"eq", (string?)((int)stream).ToString(CultureInfo.InvariantCulture)),
                ((string?)CommonColumns.StatusCode, (string?)"eq", (string?)RecycledLead.Status.Nurturing.ToString(CultureInfo.InvariantCulture)),
            }, conditions);
            Assert.Empty(entity.Elements("link-entity"));
        }

        [Theory]
        [MemberData(nameof(Streams))]
        public void Should_show_name_contact_reason_score_and_recycled_on_when_a_streams_view_is_opened(NurtureStream stream)
        {
            var view = ViewFor(stream);

            var cells = view.Element("layoutxml")!.Element("grid")!.Element("row")!.Elements("cell").Select(c => (string)c.Attribute("name")!).ToArray();
            var attributes = FetchEntity(view).Elements("attribute").Select(a => (string)a.Attribute("name")!).ToArray();
            Assert.Equal(new[] { RecycledLead.Topic, RecycledLead.Contact, RecycledLead.Reason, RecycledLead.EngagementScore, RecycledLead.RecycledOn }, cells);
            Assert.Empty(cells.Except(attributes));
            Assert.Contains(RecycledLead.Id, attributes);
        }

        [Fact]
        public void Should_return_only_that_streams_nurturing_leads_when_each_view_runs_against_every_status_and_stream()
        {
            var organization = LeadRecycleInstallation.Create(new ManualClock(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc)), withSteps: false);
            var expected = new Dictionary<NurtureStream, HashSet<Guid>>();
            foreach (var stream in Enum.GetValues<NurtureStream>())
            {
                expected[stream] = new HashSet<Guid>();
                foreach (var status in Statuses)
                {
                    // Two of each, so a view that returned one row per status or per stream would not pass by luck.
                    for (var copy = 0; copy < 2; copy++)
                    {
                        var id = RecycledLeadIn(organization, stream, status, copy);
                        if (status == RecycledLead.Status.Nurturing)
                        {
                            expected[stream].Add(id);
                        }
                    }
                }
            }

            // And one in nurture without a stream: no stream's audience.
            RecycledLeadIn(organization, null, RecycledLead.Status.Nurturing, 0);

            foreach (var stream in Enum.GetValues<NurtureStream>())
            {
                var fetchXml = ViewFor(stream).Element("fetchxml")!.Element("fetch")!.ToString(SaveOptions.DisableFormatting);

                var rows = organization.Service.RetrieveMultiple(new FetchExpression(fetchXml)).Entities;

                Assert.True(expected[stream].SetEquals(rows.Select(r => r.Id)), $"{stream}: the view returned {rows.Count} rows, expected the {expected[stream].Count} nurturing ones of the stream");
                Assert.All(rows, r => Assert.True(r.Contains(RecycledLead.Topic) && r.Contains(RecycledLead.Contact), "the view's columns came back"));
            }
        }

        private static Guid RecycledLeadIn(InMemoryOrganization organization, NurtureStream? stream, int status, int copy)
        {
            var contact = organization.Service.Create(new Entity("contact") { ["lastname"] = $"{stream} {status} {copy}" });
            var id = organization.Service.Create(new Entity(RecycledLead.EntityName)
            {
                [RecycledLead.Topic] = $"{stream} / {status} / {copy}",
                [RecycledLead.Contact] = new EntityReference("contact", contact),
                [RecycledLead.NurtureStream] = stream == null ? null : new OptionSetValue((int)stream),
            });
            if (status != RecycledLead.Status.Nurturing)
            {
                organization.Service.Update(new Entity(RecycledLead.EntityName, id)
                {
                    [CommonColumns.StateCode] = new OptionSetValue(RecycledLead.State.Inactive),
                    [CommonColumns.StatusCode] = new OptionSetValue(status),
                });
            }

            return id;
        }
    }
}
