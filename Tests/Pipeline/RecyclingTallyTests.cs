using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.Schema;
using LeadRecycle.Testing;
using LeadRecycle.Tests.Solution;
using LeadRecycle.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace LeadRecycle.Tests.Pipeline
{
    /// <summary>
    /// The Recycling Tallies the stall scan keeps, and the shipped charts that sum them: right past the aggregate limit
    /// where a chart over the records themselves is refused, current after every change, and read-only to people.
    /// </summary>
    public sealed class RecyclingTallyTests
    {
        /// <summary>A limit the tests can pass with a few dozen records (Dataverse's is 50,000).</summary>
        private const int LoweredAggregateLimit = 20;

        private static readonly DisqualificationReason[] Reasons =
        {
            DisqualificationReason.FundingDelayedOrCancelled, DisqualificationReason.TimingExtendedOrUncertain, DisqualificationReason.DecisionMakerChanged,
        };

        /// <summary>Deals lost over three months with three reasons (30 recycled leads), some engaged back to their rep.</summary>
        private static LeadRecycleOrganization OrganizationWithHistory(out List<Guid> recycledLeads)
        {
            var org = new LeadRecycleOrganization(aggregateQueryRecordLimit: LoweredAggregateLimit);
            recycledLeads = new List<Guid>();
            for (var i = 0; i < 30; i++)
            {
                if (i % 10 == 0 && i > 0)
                {
                    org.Clock.Advance(TimeSpan.FromDays(31));
                }

                var deal = org.OpenOpportunity(name: "Deal " + i.ToString(CultureInfo.InvariantCulture), value: 1000m * (i + 1), contact: org.Contact());
                org.Lose(deal, Reasons[i % Reasons.Length]);
                var recycled = org.RecycledLeads().Single(r => r.GetAttributeValue<EntityReference>(RecycledLead.Opportunity)?.Id == deal).Id;
                recycledLeads.Add(recycled);
                if (i % 4 == 0)
                {
                    Engage(org, recycled);
                }
            }

            return org;
        }

        private static void Engage(LeadRecycleOrganization org, Guid recycledLead) =>
            org.Service.Create(new Entity(Engagement.EntityName)
            {
                [Engagement.Name] = "Meeting booked",
                [Engagement.RecycledLead] = new EntityReference(RecycledLead.EntityName, recycledLead),
                [Engagement.Type] = new OptionSetValue((int)EngagementType.MeetingBooked),
                [Engagement.Points] = 100m,
            });

        /// <summary>
        /// The scan to its end without the background jobs it asks for, so the records stay as the tallies counted them
        /// (those jobs recycle lapsed leads, which the next night's tallies count).
        /// </summary>
        private static List<ScanResponse> Scan(LeadRecycleOrganization org)
        {
            var calls = new List<ScanResponse> { StallScan.Call(org) };
            while (!calls[calls.Count - 1].Done)
            {
                calls.Add(StallScan.Call(org, calls[calls.Count - 1].Token));
            }

            return calls;
        }

        private static Entity[] Tallies(LeadRecycleOrganization org, TallySubject subject) =>
            org.Org.All(RecyclingTally.EntityName).Where(t => t.GetAttributeValue<OptionSetValue>(RecyclingTally.Subject).Value == (int)subject).ToArray();

        /// <summary>The FetchXML of a shipped chart, as the app runs it.</summary>
        private static string ChartFetch(string table, string name)
        {
            var chart = UnpackedSource.Product.Charts.Single(c => c.Table == table
                && (string?)c.Element.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description") == name).Element;
            return XElement.Parse((string)chart.Element("datadescription")!).Element("fetchcollection")!.Element("fetch")!.ToString(SaveOptions.DisableFormatting);
        }

        private static int Number(Entity row, string alias) => Convert.ToInt32(((AliasedValue)row[alias]).Value, CultureInfo.InvariantCulture);

        [Fact]
        public void Should_count_every_recycled_lead_by_stream_reason_and_status_when_the_scan_tallies()
        {
            var org = OrganizationWithHistory(out _);

            Scan(org);

            var leads = org.RecycledLeads();
            var tallies = Tallies(org, TallySubject.RecycledLeads);
            Assert.Equal(3, tallies.Select(t => t.GetAttributeValue<DateTime>(RecyclingTally.Month)).Distinct().Count());
            foreach (var group in leads.GroupBy(l => (l.GetAttributeValue<OptionSetValue>(RecycledLead.NurtureStream)?.Value, l.GetAttributeValue<OptionSetValue>(RecycledLead.Reason).Value)))
            {
                var rows = tallies.Where(t => t.GetAttributeValue<OptionSetValue>(RecyclingTally.NurtureStream)?.Value == group.Key.Item1
                    && t.GetAttributeValue<OptionSetValue>(RecyclingTally.Reason).Value == group.Key.Item2).ToArray();
                Assert.Equal(group.Count(), rows.Sum(t => t.GetAttributeValue<int>(RecyclingTally.Recycled)));
                Assert.Equal(group.Count(l => l.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value == RecycledLead.Status.ReturnedToSales), rows.Sum(t => t.GetAttributeValue<int>(RecyclingTally.Returned)));
                Assert.Equal(group.Count(l => l.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value == RecycledLead.Status.Nurturing), rows.Sum(t => t.GetAttributeValue<int>(RecyclingTally.Nurturing)));
                Assert.Equal(group.Sum(l => l.GetAttributeValue<Money>(RecycledLead.EstimatedValue)?.Value ?? 0m), rows.Sum(t => t.GetAttributeValue<Money>(RecyclingTally.RecycledValue).Value));
            }

            Assert.Equal(30, tallies.Sum(t => t.GetAttributeValue<int>(RecyclingTally.Recycled)));
            Assert.True(tallies.Sum(t => t.GetAttributeValue<int>(RecyclingTally.Returned)) > 0, "some leads were engaged back to their rep");
        }

        [Fact]
        public void Should_refuse_the_record_chart_and_answer_the_tally_chart_when_more_rows_than_the_aggregate_limit_are_counted()
        {
            var org = OrganizationWithHistory(out _);
            Scan(org);
            var manager = org.As(org.Org.CreateUser("Morgan Manager", roles: LeadRecycleInstallation.ManagerRoles));

            // The chart over the records reads 30 rows: past the (lowered) limit, Dataverse's fault.
            var refused = Assert.Throws<DataverseFaultException>(() =>
                manager.RetrieveMultiple(new FetchExpression(ChartFetch("lr_recycledlead", "Recycled leads by status"))));
            Assert.Equal(DataverseErrorCodes.AggregateQueryRecordLimit, refused.ErrorCode);
            Assert.Contains("AggregateQueryRecordLimit exceeded", refused.Message, StringComparison.Ordinal);

            // The dashboard's chart sums the tallies (a few rows a month) and gives every recycled lead its place.
            var stand = Assert.Single(manager.RetrieveMultiple(new FetchExpression(ChartFetch("lr_recyclingtally", "Where recycled leads stand"))).Entities);
            var leads = org.RecycledLeads();
            int CountOf(int status) => leads.Count(l => l.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value == status);
            Assert.Equal(CountOf(RecycledLead.Status.Nurturing), Number(stand, RecyclingTally.Nurturing));
            Assert.Equal(CountOf(RecycledLead.Status.ReturnedToSales), Number(stand, RecyclingTally.Returned));
            Assert.Equal(leads.Length, new[] { RecyclingTally.Nurturing, RecyclingTally.Returned, RecyclingTally.Removed, RecyclingTally.Cancelled, RecyclingTally.Expired }.Sum(a => Number(stand, a)));

            var byStream = manager.RetrieveMultiple(new FetchExpression(ChartFetch("lr_recyclingtally", "Recycled, returned and won by stream"))).Entities;
            Assert.Equal(leads.Length, byStream.Sum(r => Number(r, RecyclingTally.Recycled)));
            Assert.Equal(leads.GroupBy(l => l.GetAttributeValue<OptionSetValue>(RecycledLead.NurtureStream)?.Value).Count(), byStream.Count);
        }

        [Fact]
        public void Should_sum_the_stalled_value_by_stage_as_the_deals_hold_it_when_the_scan_has_flagged_them()
        {
            var org = new LeadRecycleOrganization();
            var deals = Enumerable.Range(0, 6).Select(i => org.OpenOpportunity(name: "Open " + i.ToString(CultureInfo.InvariantCulture), salesStage: i % 2, value: 5000m)).ToList();
            org.Clock.Advance(TimeSpan.FromDays(200));

            Scan(org);

            var open = org.Org.All(Opportunity.EntityName).Where(o => o.GetAttributeValue<OptionSetValue>(CommonColumns.StateCode).Value == Opportunity.State.Open).ToArray();
            var stalled = open.Where(o => o.GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus)?.Value == (int)AgingStatus.Stalled).ToArray();
            Assert.NotEmpty(stalled);
            var chart = org.Service.RetrieveMultiple(new FetchExpression(ChartFetch("lr_recyclingtally", "Stalled and warned value by stage"))).Entities;
            foreach (var stage in open.GroupBy(o => o.GetAttributeValue<string>(Opportunity.StageKey)))
            {
                var row = Assert.Single(chart, r => (string)((AliasedValue)r["groupby_column"]).Value == LeadRecycle.Services.Aging.StageKeys.DisplayName(stage.Key));
                var expected = stage.Where(o => o.GetAttributeValue<OptionSetValue>(Opportunity.AgingStatus)?.Value == (int)AgingStatus.Stalled).Sum(o => o.GetAttributeValue<Money>(Opportunity.EstimatedValue).Value);
                Assert.Equal(expected, ((Money)((AliasedValue)row[RecyclingTally.StalledValue]).Value).Value);
            }

            Assert.Equal(open.Length, Tallies(org, TallySubject.OpenDeals).Sum(t => t.GetAttributeValue<int>(RecyclingTally.OpenDeals)));
        }

        [Fact]
        public void Should_write_nothing_when_nothing_changed_and_one_row_when_one_lead_returns()
        {
            var org = OrganizationWithHistory(out var recycledLeads);
            var first = Scan(org).Sum(c => c.TalliesWritten);
            Assert.True(first > 0);

            Assert.Equal(0, Scan(org).Sum(c => c.TalliesWritten));

            var nurturing = recycledLeads.First(id => org.Get(RecycledLead.EntityName, id).GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value == RecycledLead.Status.Nurturing);
            Engage(org, nurturing);
            Assert.Equal(1, Scan(org).Sum(c => c.TalliesWritten));
            Assert.Equal(
                org.RecycledLeads().Count(l => l.GetAttributeValue<OptionSetValue>(CommonColumns.StatusCode).Value == RecycledLead.Status.ReturnedToSales),
                Tallies(org, TallySubject.RecycledLeads).Sum(t => t.GetAttributeValue<int>(RecyclingTally.Returned)));
        }

        [Fact]
        public void Should_delete_a_groups_rows_when_its_records_are_gone_and_the_months_before_the_oldest_record()
        {
            var org = OrganizationWithHistory(out var recycledLeads);
            Scan(org);
            var firstMonth = Tallies(org, TallySubject.RecycledLeads).Min(t => t.GetAttributeValue<DateTime>(RecyclingTally.Month));

            // An administrator deletes the first month's recycled leads (a data clean-up).
            foreach (var id in recycledLeads.Take(10))
            {
                org.Service.Delete(RecycledLead.EntityName, id);
            }

            Scan(org);

            var tallies = Tallies(org, TallySubject.RecycledLeads);
            Assert.DoesNotContain(tallies, t => t.GetAttributeValue<DateTime>(RecyclingTally.Month) == firstMonth);
            Assert.Equal(20, tallies.Sum(t => t.GetAttributeValue<int>(RecyclingTally.Recycled)));
        }

        [Fact]
        public void Should_let_a_rep_read_the_tallies_but_refuse_a_rep_or_the_flow_who_writes_one()
        {
            var org = OrganizationWithHistory(out _);
            Scan(org);
            var rep = org.As(org.Rep);
            var flow = org.As(org.Org.CreateUser("LeadRecycle flow", roles: LeadRecycleInstallation.FlowRoles));

            Assert.NotEmpty(rep.RetrieveMultiple(new QueryExpression(RecyclingTally.EntityName) { ColumnSet = new ColumnSet(RecyclingTally.Recycled) }).Entities);
            var tally = Tallies(org, TallySubject.RecycledLeads).First();
            foreach (var person in new[] { rep, flow })
            {
                Assert.ThrowsAny<Exception>(() => person.Update(new Entity(RecyclingTally.EntityName, tally.Id) { [RecyclingTally.Recycled] = 1000 }));
                Assert.ThrowsAny<Exception>(() => person.Create(new Entity(RecyclingTally.EntityName) { [RecyclingTally.Name] = "Forged", [RecyclingTally.Recycled] = 1000 }));
            }

            Assert.Equal(tally.GetAttributeValue<int>(RecyclingTally.Recycled), org.Get(RecyclingTally.EntityName, tally.Id).GetAttributeValue<int>(RecyclingTally.Recycled));
            Assert.DoesNotContain(org.Org.All(RecyclingTally.EntityName), t => t.GetAttributeValue<string>(RecyclingTally.Name) == "Forged");
        }
    }
}
