using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using LeadRecycle.Sandbox;
using LeadRecycle.Schema;
using Xunit;

namespace LeadRecycle.Tests.Sandbox
{
    /// <summary>
    /// simulate --engagements reading a Customer Insights – Journeys interaction export in the Common Data Model's shape
    /// (Timestamp, InteractionType, IdempotencyId, CustomerJourneyId), joined to the deal's opportunity_id first.
    /// </summary>
    [Collection(ConsoleCollection.Name)]
    public sealed class JourneyExportTests : SandboxFolder
    {
        /// <summary>A deal lost for "No budget" on 2017-01-10: recycled into the Value and ROI stream (threshold 50).</summary>
        private const string History = "opportunity_id,owner,owner_manager,stage,stage_entered_on,created_on,closed_on,state,loss_reason\n"
            + "D1,Ann,Max,Engaging,2017-01-02,2017-01-02,2017-01-10,lost,No budget\n";

        private const string Header = "Timestamp,ContactId,ProfileType,InteractionType,CustomerJourneyId,JourneyRunId,IdempotencyId,opportunity_id";

        private const string Required = "the required columns are opportunity_id, occurred_on (or Timestamp), type (or InteractionType)";

        private (int Exit, string[] Errors) Simulate(string interactions, params string[] more) => SandboxCommandLine.Run(
            new[] { "simulate", FileWith("history.csv", History), "--from", "2017-01-01", "--to", "2017-03-31", "--out", Output, "--engagements", FileWith("interactions.csv", interactions) }
                .Concat(more).ToArray());

        private JsonElement Report() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "report.json"))).RootElement;

        [Fact]
        public void Should_map_each_interaction_to_its_engagement_on_its_utc_date_with_the_journey_as_source_when_an_export_is_read()
        {
            var export = string.Join("\n", Header,
                "2017-02-01T09:15:00Z,c1,Contact,EmailClicked,J1,R1,i-1,D1",
                "2017-02-02T23:30:00-05:00,c1,Contact,EventCheckIn,J1,R1,i-2,D1",   // 04:30 UTC on the 3rd
                "2017-02-04T10:00:00,c1,Contact,FormSubmitted,J2,R2,i-3,D1",         // no offset: taken as UTC
                "2017-02-06T10:00:00Z,c1,Contact,MeetingBooked,,,,D1",               // an engagement type's own name, no journey
                "2017-02-01T09:15:00Z,c1,Contact,EmailClicked,J1,R1,i-1,D1",         // the first row again
                "2017-02-01T09:10:00Z,c1,Contact,EmailOpened,J1,R1,i-5,D1",
                "2017-02-01T09:00:00Z,c1,Contact,EmailDelivered,J1,R1,i-6,D1",
                "2017-02-01T08:59:00Z,c1,Contact,EmailSent,J1,R1,i-7,D1");

            var file = EngagementHistoryCsv.ReadFile(new StringReader(export));

            Assert.Empty(file.Problems);
            Assert.Equal(new[] { EngagementType.EmailClick, EngagementType.WebinarAttended, EngagementType.FormSubmission, EngagementType.MeetingBooked },
                file.Rows.Select(r => r.Type));
            Assert.Equal(new[] { new DateTime(2017, 2, 1), new DateTime(2017, 2, 3), new DateTime(2017, 2, 4), new DateTime(2017, 2, 6) }, file.Rows.Select(r => r.OccurredOn));
            Assert.All(file.Rows, r => Assert.Equal(DateTimeKind.Utc, r.OccurredOn.Kind));
            Assert.Equal(new[] { "CI-J journey J1", "CI-J journey J1", "CI-J journey J2", null }, file.Rows.Select(r => r.Source));
            Assert.All(file.Rows, r => Assert.Equal("D1", r.OpportunityId));
            Assert.Equal(3, file.NotScored);
            Assert.Equal(1, file.Duplicates);
            Assert.Equal(8, file.RowsRead);
        }

        [Fact]
        public void Should_return_the_deal_to_its_rep_and_count_what_it_left_out_when_an_export_is_simulated()
        {
            var export = string.Join("\n", Header,
                "2017-02-01T09:15:00Z,c1,Contact,EmailClicked,J1,R1,i-1,D1",
                "2017-02-01T09:15:00Z,c1,Contact,EmailClicked,J1,R1,i-1,D1",
                "2017-02-01T09:10:00Z,c1,Contact,EmailOpened,J1,R1,i-2,D1",
                "2017-02-02T15:00:00Z,c1,Contact,EventCheckIn,J1,R1,i-3,D1",
                "2017-02-03T15:00:00Z,c1,Contact,FormSubmitted,J1,R1,i-4,D1",
                "2017-02-06T15:00:00Z,c1,Contact,MeetingBooked,J1,R1,i-5,D1");

            var (exit, errors) = Simulate(export);

            Assert.Equal(0, exit);
            Assert.Equal(new[] { "left out engagements: 1 email opened, delivered or sent (not scored), 1 repeated (an IdempotencyId seen before)" }, errors);
            var report = Report();
            var replay = report.GetProperty("replay");
            Assert.Equal(6, replay.GetProperty("engagementsRead").GetInt32());
            Assert.Equal(4, replay.GetProperty("engagementsPlayed").GetInt32());
            Assert.Equal(1, replay.GetProperty("engagementsNotScored").GetInt32());
            Assert.Equal(1, replay.GetProperty("engagementsRepeated").GetInt32());
            Assert.Equal(0, replay.GetProperty("skippedRows").GetArrayLength());
            // 3 + 15 + 10 points stay under the stream's 50; the booked meeting (40) takes the score past it.
            Assert.Equal(1, report.GetProperty("returnsToRep").GetProperty("returned").GetInt32());
        }

        [Fact]
        public void Should_skip_each_bad_interaction_with_a_plain_message_and_refuse_them_under_strict()
        {
            var export = string.Join("\n", Header,
                "2017-02-01,c1,Contact,EmailClicked,J1,R1,i-1,D1",
                "yesterday,c1,Contact,EmailClicked,J1,R1,i-2,D1",
                "1899-12-31T10:00:00Z,c1,Contact,EmailClicked,J1,R1,i-3,D1",
                ",c1,Contact,EmailClicked,J1,R1,i-4,D1",
                "2017-02-01T09:00:00Z,c1,Contact,EventRegistered,J1,R1,i-5,D1",
                "2017-02-01T09:00:00Z,c1,Contact,,J1,R1,i-6,D1",
                "2017-02-01T09:00:00Z,c1,Contact,EmailClicked,J1,R1,i-7,",
                "2017-02-01T09:00:00Z,c1,Contact,EmailClicked,J1,R1,i-8,D1");
            var problems = new[]
            {
                "line 2: Timestamp '2017-02-01' is not a date and time (ISO 8601, such as 2017-02-01T14:30:00Z)",
                "line 3: Timestamp 'yesterday' is not a date and time (ISO 8601, such as 2017-02-01T14:30:00Z)",
                "line 4: Timestamp '1899-12-31T10:00:00Z' is outside 1990-01-01 to 2100-12-31",
                "line 5: Timestamp is empty",
                "line 6: InteractionType 'EventRegistered' is not an interaction LeadRecycle scores; use one of: EmailClicked, FormSubmitted, MarketingFormSubmitted, EventCheckIn "
                    + "or an engagement type (EmailClick, FormSubmission, WebinarAttended, EmailReply, MeetingBooked, WebVisit, LikelihoodAnswer); EmailOpened, EmailDelivered, EmailSent are left out",
                "line 7: InteractionType is empty",
                "line 8: opportunity_id is empty",
            };

            var lenient = Simulate(export);

            Assert.Equal(0, lenient.Exit);
            Assert.Equal(problems.Select(p => "skipped engagements " + p), lenient.Errors);
            var replay = Report().GetProperty("replay");
            Assert.Equal(8, replay.GetProperty("engagementsRead").GetInt32());
            Assert.Equal(1, replay.GetProperty("engagementsPlayed").GetInt32());

            var strict = Simulate(export, "--strict");

            Assert.Equal(1, strict.Exit);
            Assert.Equal(problems.Select(p => "refused engagements " + p).Append("7 bad engagement row(s); nothing was simulated (--strict)."), strict.Errors);
        }

        [Theory]
        [InlineData("opportunity_id,Timestamp\nD1,2017-02-01T09:00:00Z\n", "the header has no type (or InteractionType) column; " + Required)]
        [InlineData("Timestamp,ContactId,InteractionType\n2017-02-01T09:00:00Z,c1,EmailClicked\n", "the header has no opportunity_id column; " + Required)]
        [InlineData("ContactId,CustomerJourneyId\nc1,J1\n", "line 1 is not a header row: it names none of the columns opportunity_id, occurred_on (or Timestamp), type (or InteractionType)")]
        public void Should_refuse_an_export_with_one_message_when_its_header_lacks_a_column(string text, string reason)
        {
            var (exit, errors) = Simulate(text);

            Assert.Equal(1, exit);
            Assert.Equal(new[] { Path.Combine(Folder, "interactions.csv") + " cannot be read as an engagement file: " + reason + "." }, errors);
            Assert.False(File.Exists(Path.Combine(Output, "report.json")));
        }
    }
}
