using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using LeadRecycle.Schema;

namespace LeadRecycle.Sandbox
{
    /// <summary>One thing a prospect of an exported history did (a marketing tool's activity export), tied to a deal.</summary>
    public sealed class EngagementRow
    {
        public int Line { get; init; }

        public string OpportunityId { get; init; } = string.Empty;

        public DateTime OccurredOn { get; init; }

        public EngagementType Type { get; init; }

        /// <summary>For a likelihood answer: the prospect's 1-4.</summary>
        public Likelihood? Answer { get; init; }

        public string? Source { get; init; }
    }

    /// <summary>
    /// Reads the engagement CSV that simulate takes with --engagements: a header row naming opportunity_id, occurred_on
    /// (yyyy-MM-dd), type (an engagement type's name or label: EmailClick / "Email click", FormSubmission,
    /// WebinarAttended, EmailReply, MeetingBooked, WebVisit, LikelihoodAnswer), likelihood (1-4, for a likelihood
    /// answer) and source (optional); unknown columns are ignored. Bad rows are reported with their line numbers; a file
    /// that cannot be such a table throws <see cref="UnreadableFileException"/>.
    /// </summary>
    public static class EngagementHistoryCsv
    {
        /// <summary>The columns an engagement file must name; the header check and its message both read this list.</summary>
        public static readonly string[] RequiredColumns = { "opportunity_id", "occurred_on", "type" };

        public static (List<EngagementRow> Rows, List<HistoryProblem> Problems) Read(TextReader reader)
        {
            var rows = new List<EngagementRow>();
            var problems = HistoryCsv.ReadTable(reader, RequiredColumns, (lineNumber, field) =>
            {
                var rowProblems = new List<string>();
                var id = field("opportunity_id");
                if (id == null)
                {
                    rowProblems.Add("opportunity_id is empty");
                }

                var dateText = field("occurred_on");
                DateTime occurredOn = default;
                if (dateText == null)
                {
                    rowProblems.Add("occurred_on is empty");
                }
                else if (!DateTime.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out occurredOn))
                {
                    rowProblems.Add($"occurred_on '{dateText}' is not a date (yyyy-MM-dd)");
                }
                else if (!SaneDates.Contains(occurredOn))
                {
                    rowProblems.Add($"occurred_on '{dateText}' is outside {SaneDates.Range}");
                }

                var typeText = field("type");
                var type = TypeOf(typeText);
                if (type == null)
                {
                    rowProblems.Add($"type '{typeText}' is not an engagement type; use one of: {string.Join(", ", Enum.GetNames<EngagementType>())}");
                }

                Likelihood? answer = null;
                var likelihoodText = field("likelihood");
                if (likelihoodText != null)
                {
                    if (int.TryParse(likelihoodText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= 4)
                    {
                        answer = (Likelihood)((int)Likelihood.One + value - 1);
                    }
                    else
                    {
                        rowProblems.Add($"likelihood '{likelihoodText}' must be 1, 2, 3 or 4");
                    }
                }
                else if (type == EngagementType.LikelihoodAnswer)
                {
                    rowProblems.Add("a LikelihoodAnswer needs likelihood (1-4)");
                }

                if (rowProblems.Count > 0)
                {
                    return new HistoryProblem(lineNumber, string.Join("; ", rowProblems));
                }

                rows.Add(new EngagementRow { Line = lineNumber, OpportunityId = id!, OccurredOn = occurredOn, Type = type!.Value, Answer = answer, Source = field("source") });
                return null;
            });
            return (rows, problems);
        }

        /// <summary>An engagement type by its name (EmailClick) or its label (Email click), any case.</summary>
        public static EngagementType? TypeOf(string? text)
        {
            if (text == null)
            {
                return null;
            }

            foreach (var pair in Labels.EngagementTypes)
            {
                if (string.Equals(pair.Key.ToString(), text, StringComparison.OrdinalIgnoreCase) || string.Equals(pair.Value, text, StringComparison.OrdinalIgnoreCase))
                {
                    return pair.Key;
                }
            }

            return null;
        }
    }
}
