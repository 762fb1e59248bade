using System;
using System.IO;
using System.Linq;
using LeadRecycle.Sandbox;
using Xunit;

namespace LeadRecycle.Tests.Sandbox
{
    /// <summary>
    /// Tests that swap the process-wide Console.Error to read what the user sees; they must not run beside each other
    /// (or beside a command writing to it), so they share a collection that runs alone.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ConsoleCollection
    {
        public const string Name = "Console";
    }

    [Collection(ConsoleCollection.Name)]
    public sealed class BadInputTests : SandboxFolder
    {
        private const string Good = "opportunity_id,owner,state,created_on\nD1,Ann,open,2017-01-02\n";

        private static (int Exit, string[] Errors) Sandbox(params string[] args) => SandboxCommandLine.Run(args);

        private (int Exit, string[] Errors) History(string command, string history, params string[] more) => command == "replay"
            ? Sandbox(new[] { "replay", history, "--as-of", "2017-06-30", "--out", Output }.Concat(more).ToArray())
            : Sandbox(new[] { "simulate", history, "--from", "2017-01-01", "--to", "2017-01-31", "--out", Output }.Concat(more).ToArray());

        [Theory]
        [InlineData("replay", "", "the file is empty; it needs a header row naming the columns opportunity_id, owner, state")]
        [InlineData("simulate", "", "the file is empty; it needs a header row naming the columns opportunity_id, owner, state")]
        [InlineData("replay", "\n  \n", "the file is empty; it needs a header row naming the columns opportunity_id, owner, state")]
        [InlineData("replay", "D1,Ann,open\nD2,Bo,won\n", "line 1 is not a header row: it names none of the columns opportunity_id, owner, state")]
        [InlineData("simulate", "D1,Ann,open\n", "line 1 is not a header row: it names none of the columns opportunity_id, owner, state")]
        [InlineData("replay", "opportunity_id,owner,stage\nD1,Ann,Qualify\n", "the header has no state column; the required columns are opportunity_id, owner, state")]
        [InlineData("simulate", "opportunity_id,stage\nD1,Qualify\n", "the header has no owner, state columns; the required columns are opportunity_id, owner, state")]
        [InlineData("replay", "opportunity_id;owner;state\nD1;Ann;open\n", "line 1 separates its columns with ';'; the file must be comma-separated")]
        [InlineData("replay", "[{\"id\": 1}]\n", "line 1 is not a header row: it names none of the columns opportunity_id, owner, state")]
        [InlineData("simulate", "PK\u0003\u0004\u0014\0\0\0\b\0opportunity_id,owner,state", "the file is not text (it holds binary data, such as a spreadsheet or an archive); save it as CSV")]
        public void Should_refuse_the_file_with_one_message_when_it_cannot_be_read_as_a_history(string command, string text, string reason)
        {
            var history = FileWith("history.csv", text);

            var (exit, errors) = History(command, history);

            Assert.Equal(1, exit);
            Assert.Equal(new[] { history + " cannot be read as a history: " + reason + "." }, errors);
            Assert.False(Directory.Exists(Output) && Directory.EnumerateFileSystemEntries(Output).Any());
        }

        [Theory]
        [InlineData("", "the file is empty; it needs a header row naming the columns opportunity_id, occurred_on (or Timestamp), type (or InteractionType)")]
        [InlineData("opportunity_id,occurred_on\nD1,2017-01-05\n", "the header has no type (or InteractionType) column; the required columns are opportunity_id, occurred_on (or Timestamp), type (or InteractionType)")]
        [InlineData("D1,2017-01-05,EmailClick\n", "line 1 is not a header row: it names none of the columns opportunity_id, occurred_on (or Timestamp), type (or InteractionType)")]
        public void Should_refuse_the_engagement_file_with_one_message_when_it_cannot_be_read(string text, string reason)
        {
            var history = FileWith("history.csv", Good);
            var engagements = FileWith("engagements.csv", text);

            var (exit, errors) = History("simulate", history, "--engagements", engagements);

            Assert.Equal(1, exit);
            Assert.Equal(new[] { engagements + " cannot be read as an engagement file: " + reason + "." }, errors);
            Assert.False(File.Exists(Path.Combine(Output, "report.json")));
        }

        [Fact]
        public void Should_refuse_the_engagement_file_with_one_message_when_it_is_an_image()
        {
            var history = FileWith("history.csv", Good);
            var engagements = Path.Combine(Folder, "engagements.csv");
            // A PNG's first bytes: its first "line" holds no control character, only bytes that are not UTF-8.
            File.WriteAllBytes(engagements, new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R' });

            var (exit, errors) = History("simulate", history, "--engagements", engagements);

            Assert.Equal(1, exit);
            Assert.Equal(new[] { engagements + " cannot be read as an engagement file: the file is not text (it holds binary data, such as a spreadsheet or an archive); save it as CSV." }, errors);
        }

        [Fact]
        public void Should_report_each_bad_row_by_its_line_and_refuse_them_under_strict_when_dates_values_or_ids_are_impossible()
        {
            var history = FileWith("history.csv", string.Join("\n",
                "opportunity_id,owner,state,stage_entered_on,created_on,closed_on,value",
                "D1,Ann,won,2017-01-05,2017-01-01,2017-01-03,5",
                "D2,Ann,lost,,2017-01-10,2017-01-04,",
                "D3,Ann,open,2017-13-01,,,",
                "D4,Ann,open,2017-02-29,,,",
                "D5,Ann,open,,,,-250",
                "D6,Ann,open,0001-01-01,,,",
                "D7,Ann,won,2017-01-01,2017-01-01,9999-12-31,",
                "D8,Ann,open,2017-01-01,2017-01-01,,10",
                "D8,Bo,open,2017-01-02,2017-01-02,,",
                ""));
            string[] rows =
            {
                "line 2: closed_on 2017-01-03 is before stage_entered_on 2017-01-05",
                "line 3: closed_on 2017-01-04 is before created_on 2017-01-10",
                "line 4: stage_entered_on '2017-13-01' is not a date (yyyy-MM-dd)",
                "line 5: stage_entered_on '2017-02-29' is not a date (yyyy-MM-dd)",
                "line 6: value '-250' is negative",
                "line 7: stage_entered_on '0001-01-01' is outside 1990-01-01 to 2100-12-31",
                "line 8: closed_on '9999-12-31' is outside 1990-01-01 to 2100-12-31",
                "line 10: opportunity_id 'D8' appears more than once",
            };

            var strict = History("replay", history, "--strict");

            Assert.Equal(1, strict.Exit);
            Assert.Equal(rows.Select(r => "refused " + r).Append("8 bad row(s); nothing was imported (--strict)."), strict.Errors);
            Assert.False(File.Exists(Path.Combine(Output, "report.json")));

            var lenient = History("replay", history);

            Assert.Equal(0, lenient.Exit);
            Assert.Equal(rows.Select(r => "skipped " + r), lenient.Errors);
            var report = File.ReadAllText(Path.Combine(Output, "report.json"));
            Assert.Contains("\"imported\": 1,", report, StringComparison.Ordinal);
            Assert.Contains("line 3: closed_on 2017-01-04 is before created_on 2017-01-10", report, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_refuse_an_engagement_under_strict_when_its_date_is_outside_the_sane_range()
        {
            var history = FileWith("history.csv", Good);
            var engagements = FileWith("engagements.csv", "opportunity_id,occurred_on,type\nD1,2017-01-05,EmailClick\nD1,1899-12-31,EmailClick\n");

            var (exit, errors) = History("simulate", history, "--engagements", engagements, "--strict");

            Assert.Equal(1, exit);
            Assert.Equal(new[]
            {
                "refused engagements line 3: occurred_on '1899-12-31' is outside 1990-01-01 to 2100-12-31",
                "1 bad engagement row(s); nothing was simulated (--strict).",
            }, errors);
        }

        [Theory]
        [InlineData("replay", "--as-of", "0001-01-01", "--as-of '0001-01-01' is outside 1990-01-01 to 2100-12-31.")]
        [InlineData("replay", "--as-of", "9999-12-31", "--as-of '9999-12-31' is outside 1990-01-01 to 2100-12-31.")]
        [InlineData("replay", "--as-of", "2017-02-30", "--as-of '2017-02-30' is not a date (yyyy-MM-dd).")]
        [InlineData("simulate", "--to", "9999-12-31", "--to '9999-12-31' is outside 1990-01-01 to 2100-12-31.")]
        [InlineData("simulate", "--from", "1989-12-31", "--from '1989-12-31' is outside 1990-01-01 to 2100-12-31.")]
        public void Should_exit_with_a_usage_error_when_a_date_argument_is_outside_the_sane_range(string command, string option, string value, string message)
        {
            var history = FileWith("history.csv", Good);
            var args = command == "replay"
                ? new[] { "replay", history, "--as-of", "2017-06-30", "--out", Output }
                : new[] { "simulate", history, "--from", "2017-01-01", "--to", "2017-01-31", "--out", Output };
            args[Array.IndexOf(args, option) + 1] = value;

            var (exit, errors) = Sandbox(args);

            Assert.Equal(2, exit);
            Assert.Equal(new[] { message }, errors);
        }

        [Theory]
        [InlineData("replay")]
        [InlineData("simulate")]
        public void Should_exit_with_a_usage_error_and_write_nothing_when_the_outputFolder_cannot_be_written(string command)
        {
            var history = FileWith("history.csv", Good);
            // A folder inside a file cannot be created, whoever runs the test (root ignores permissions).
            var blocker = FileWith("blocker", "not a folder");
            var output = Path.Combine(blocker, "out");
            var args = command == "replay"
                ? new[] { "replay", history, "--as-of", "2017-06-30", "--out", output }
                : new[] { "simulate", history, "--from", "2017-01-01", "--to", "2017-01-31", "--out", output };

            var (exit, errors) = Sandbox(args);

            Assert.Equal(2, exit);
            Assert.Equal(new[] { "Cannot write " + Path.Combine(output, "report.json") + ": its folder cannot be created or written to." }, errors);
            Assert.Equal("not a folder", File.ReadAllText(blocker));
        }

        [Theory]
        [InlineData("replay", "")]
        [InlineData("simulate", "--strict")]
        public void Should_exit_with_a_usage_error_when_the_history_file_is_missing(string command, string strict)
        {
            var missing = Path.Combine(Folder, "none.csv");

            var (exit, errors) = History(command, missing, strict.Length == 0 ? Array.Empty<string>() : new[] { strict });

            Assert.Equal(2, exit);
            Assert.Equal(new[] { "No history file at " + missing + "." }, errors);
        }

        [Fact]
        public void Should_exit_with_a_usage_error_when_a_required_option_is_missing()
        {
            var (exit, errors) = Sandbox("replay", FileWith("history.csv", Good));

            Assert.Equal(2, exit);
            Assert.Equal(new[] { "Option '--as-of' is required.", "Run with --help to see the commands and their options." }, errors);
        }

        [Fact]
        public void Should_exit_with_a_usage_error_when_the_mavenFolder_is_missing()
        {
            var missing = Path.Combine(Folder, "maven");
            var output = Path.Combine(Folder, "history.csv");

            var (exit, errors) = Sandbox("convert-maven", missing, "--out", output);

            Assert.Equal(2, exit);
            Assert.Equal(new[] { "No folder at " + missing + "." }, errors);
            Assert.False(File.Exists(output));
        }

        [Fact]
        public void Should_exit_with_a_usage_error_when_the_mavenFolder_lacks_one_of_its_files()
        {
            var maven = Directory.CreateDirectory(Path.Combine(Folder, "maven")).FullName;
            File.WriteAllText(Path.Combine(maven, "sales_teams.csv"), "sales_agent,manager,regional_office\nAnn,Max,West\n");
            var output = Path.Combine(Folder, "history.csv");

            var (exit, errors) = Sandbox("convert-maven", maven, "--out", output);

            Assert.Equal(2, exit);
            Assert.Equal(new[] { "No sales_pipeline.csv in " + maven + "; the maven-crm sample has sales_teams.csv and sales_pipeline.csv." }, errors);
            Assert.False(File.Exists(output));
        }

        [Fact]
        public void Should_refuse_and_keep_the_previous_output_when_a_maven_file_lacks_a_column()
        {
            var maven = Directory.CreateDirectory(Path.Combine(Folder, "maven")).FullName;
            File.WriteAllText(Path.Combine(maven, "sales_teams.csv"), "sales_agent,manager,regional_office\nAnn,Max,West\n");
            File.WriteAllText(Path.Combine(maven, "sales_pipeline.csv"), "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date\nX1,Ann,GTX,Acme,Won,2017-01-02,2017-01-09\n");
            var output = FileWith("history.csv", "the previous conversion");

            var (exit, errors) = Sandbox("convert-maven", maven, "--out", output);

            Assert.Equal(1, exit);
            Assert.Equal(new[]
            {
                maven + " cannot be read as the maven-crm sample: sales_pipeline.csv: the header has no close_value column; the required columns are opportunity_id, sales_agent, account, deal_stage, engage_date, close_date, close_value.",
            }, errors);
            Assert.Equal("the previous conversion", File.ReadAllText(output));
            Assert.Equal(new[] { "history.csv", "maven" }, Directory.EnumerateFileSystemEntries(Folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void Should_exit_with_a_usage_error_and_leave_no_file_when_the_converted_history_cannot_be_written()
        {
            var maven = Directory.CreateDirectory(Path.Combine(Folder, "maven")).FullName;
            File.WriteAllText(Path.Combine(maven, "sales_teams.csv"), "sales_agent,manager,regional_office\nAnn,Max,West\n");
            File.WriteAllText(Path.Combine(maven, "sales_pipeline.csv"), "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\nX1,Ann,GTX,Acme,Won,2017-01-02,2017-01-09,100\n");
            var output = Path.Combine(FileWith("blocker", "not a folder"), "history.csv");

            var (exit, errors) = Sandbox("convert-maven", maven, "--out", output);

            Assert.Equal(2, exit);
            Assert.Equal(new[] { "Cannot write " + output + ": its folder cannot be created or written to." }, errors);

            var written = Path.Combine(Folder, "history.csv");
            Assert.Equal(0, Sandbox("convert-maven", maven, "--out", written).Exit);
            Assert.Equal("X1,Ann,Max,Acme,Engaging,2017-01-02,2017-01-02,2017-01-09,won,,100", File.ReadAllLines(written)[1]);
        }
    }
}
