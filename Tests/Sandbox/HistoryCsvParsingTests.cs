using System;
using System.Globalization;
using System.Linq;
using LeadRecycle.Sandbox;
using Xunit;

namespace LeadRecycle.Tests.Sandbox
{
    /// <summary>
    /// The history reader's fast paths (dates read digit by digit, lines without quotes split plainly) against the general
    /// ones they stand in for: the same answer for every input, valid or not.
    /// </summary>
    public sealed class HistoryCsvParsingTests
    {
        private static readonly string[] Formats = { "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ" };

        [Fact]
        public void Should_read_every_date_as_the_general_parser_does_when_dates_are_random()
        {
            var random = new Random(18);
            const string characters = "0123456789-T:Z x";
            for (var i = 0; i < 200_000; i++)
            {
                string text;
                switch (i % 3)
                {
                    case 0:
                        // Well-formed digits, any values: months 0-13 and days 0-32 find the invalid ones (2023-02-29, 2024-13-01).
                        text = string.Format(CultureInfo.InvariantCulture, "{0:0000}-{1:00}-{2:00}", random.Next(0, 10000), random.Next(0, 14), random.Next(0, 33));
                        break;
                    case 1:
                        // Ten characters from the date's alphabet: misplaced dashes, letters, spaces.
                        text = new string(Enumerable.Range(0, 10).Select(_ => characters[random.Next(characters.Length)]).ToArray());
                        break;
                    default:
                        text = string.Format(CultureInfo.InvariantCulture, "{0:0000}-{1:00}-{2:00}T{3:00}:{4:00}:{5:00}{6}",
                            random.Next(1990, 2100), random.Next(1, 13), random.Next(1, 29), random.Next(0, 25), random.Next(0, 61), random.Next(0, 61), random.Next(2) == 0 ? "Z" : string.Empty);
                        break;
                }

                var expectedRead = DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var expected);
                var actualRead = HistoryCsv.TryParseDate(text, out var actual);
                Assert.True(expectedRead == actualRead, text);
                Assert.Equal(expected, actual);
                Assert.Equal(expected.Kind, actual.Kind);
            }
        }

        [Theory]
        [InlineData("a,b,,c", "a|b||c")]
        [InlineData("", "")]
        [InlineData(",", "|")]
        [InlineData("deal-1,Ann,\"Acme, Inc.\",Proposal", "deal-1|Ann|Acme, Inc.|Proposal")]
        [InlineData("\"say \"\"hi\"\"\",x", "say \"hi\"|x")]
        public void Should_split_a_line_into_its_fields_with_or_without_quotes(string line, string fields) =>
            Assert.Equal(fields.Split('|'), HistoryCsv.Split(line));
    }
}
