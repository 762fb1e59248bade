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

    /// <summary>An engagement file read: the rows to play, the bad rows, and the rows left out on purpose (counted).</summary>
    public sealed class EngagementFile
    {
        public List<EngagementRow> Rows { get; } = new List<EngagementRow>();

        public List<HistoryProblem> Problems { get; } = new List<HistoryProblem>();

        /// <summary>Interactions LeadRecycle does not score (email opened, delivered, sent).</summary>
        public int NotScored { get; set; }

        /// <summary>Rows whose IdempotencyId an earlier row already had: the same interaction exported twice.</summary>
        public int Duplicates { get; set; }

        /// <summary>Every data row of the file, whatever became of it.</summary>
        public int RowsRead => Rows.Count + Problems.Count + NotScored + Duplicates;
    }

    /// <summary>
    /// Reads the engagement CSV that simulate takes with --engagements. A header row names opportunity_id, occurred_on
    /// (yyyy-MM-dd), type (an engagement type's name or label: EmailClick / "Email click", FormSubmission,
    /// WebinarAttended, EmailReply, MeetingBooked, WebVisit, LikelihoodAnswer), likelihood (1-4, for a likelihood
    /// answer) and source (optional); unknown columns are ignored.
    /// It also reads a Customer Insights – Journeys interaction export in the Common Data Model's shape
    /// (https://learn.microsoft.com/common-data-model/schema/core/applicationcommon/foundationcommon/crmcommon/solutions/customerinsightsjourneys/emailclicked):
    /// Timestamp (an ISO 8601 date and time; its UTC date) for occurred_on, InteractionType for type, IdempotencyId (a
    /// repeated one is the same interaction and is counted, not played) and CustomerJourneyId as the source; the mapping
    /// is docs/customer-insights-journeys.md §6.5. The export identifies a person, not a deal, so it must carry the
    /// deal's opportunity_id (joined on the contact first). Bad rows are reported with their line numbers; a file that
    /// cannot be such a table throws <see cref="UnreadableFileException"/>.
    /// </summary>
    public static class EngagementHistoryCsv
    {
        /// <summary>The columns an engagement file must name; the header check and its message both read this list.</summary>
        public static readonly string[] RequiredColumns = { "opportunity_id", "occurred_on", "type" };

        /// <summary>The interaction export's name for a required column, accepted in its place.</summary>
        public static readonly IReadOnlyDictionary<string, string> ExportColumns = new Dictionary<string, string>
        {
            ["occurred_on"] = "Timestamp",
            ["type"] = "InteractionType",
        };

        /// <summary>
        /// Interactions and the engagement type each counts as. EmailClicked and EventCheckIn are CDM interaction tables;
        /// the real-time form-submission interaction's name was not found in Microsoft's pages (docs §3.1), so the
        /// names a form submission goes by in exports are all accepted.
        /// </summary>
        public static readonly IReadOnlyDictionary<string, EngagementType> ScoredInteractions = new Dictionary<string, EngagementType>(StringComparer.OrdinalIgnoreCase)
        {
            ["EmailClicked"] = EngagementType.EmailClick,
            ["FormSubmitted"] = EngagementType.FormSubmission,
            ["MarketingFormSubmitted"] = EngagementType.FormSubmission,
            ["Form submitted"] = EngagementType.FormSubmission,
            ["EventCheckIn"] = EngagementType.WebinarAttended,
        };

        /// <summary>Interactions LeadRecycle has no engagement type for: weak signals, left out and counted (docs §6.5).</summary>
        public static readonly IReadOnlyCollection<string> UnscoredInteractions = new[] { "EmailOpened", "EmailDelivered", "EmailSent" };

        /// <summary>The rows and the bad rows (the counts of rows left out on purpose are in <see cref="ReadFile"/>).</summary>
        public static (List<EngagementRow> Rows, List<HistoryProblem> Problems) Read(TextReader reader)
        {
            var file = ReadFile(reader);
            return (file.Rows, file.Problems);
        }

        public static EngagementFile ReadFile(TextReader reader)
        {
            var file = new EngagementFile();
            var idempotencyIds = new HashSet<string>(StringComparer.Ordinal);
            var table = HistoryCsv.OpenTable(reader, RequiredColumns, ExportColumns);
            var hasType = table.Has("type");
            foreach (var (lineNumber, field) in table.Lines())
            {
                var problem = ReadRow(file, idempotencyIds, table, hasType, lineNumber, field);
                if (problem != null)
                {
                    file.Problems.Add(problem);
                }
            }

            return file;
        }

        private static HistoryProblem? ReadRow(EngagementFile file, HashSet<string> idempotencyIds, HistoryCsv.TableReader table, bool hasType, int lineNumber, Func<string, string?> field)
        {
            var rowProblems = new List<string>();
            var id = field("opportunity_id");
            if (id == null)
            {
                rowProblems.Add("opportunity_id is empty");
            }

            var occurredOn = OccurredOn(field, table, rowProblems);

            var typeText = field("type");
            EngagementType? type;
            if (hasType && (typeText != null || !table.Has("interactiontype")))
            {
                type = TypeOf(typeText);
                if (type == null)
                {
                    rowProblems.Add($"type '{typeText}' is not an engagement type; use one of: {string.Join(", ", Enum.GetNames<EngagementType>())}");
                }
            }
            else
            {
                var interaction = field("interactiontype");
                if (interaction != null && UnscoredInteractions.Contains(interaction, StringComparer.OrdinalIgnoreCase))
                {
                    file.NotScored++;
                    return null;
                }

                type = InteractionTypeOf(interaction);
                if (type == null)
                {
                    rowProblems.Add(interaction == null
                        ? "InteractionType is empty"
                        : $"InteractionType '{interaction}' is not an interaction LeadRecycle scores; use one of: {string.Join(", ", ScoredInteractions.Keys.Where(k => !k.Contains(' ', StringComparison.Ordinal)))} or an engagement type ({string.Join(", ", Enum.GetNames<EngagementType>())}); {string.Join(", ", UnscoredInteractions)} are left out");
                }
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

            // The first row with an IdempotencyId is the interaction; a later one with the same id is a repeat of it.
            var idempotencyId = field("idempotencyid");
            if (idempotencyId != null && !idempotencyIds.Add(idempotencyId))
            {
                file.Duplicates++;
                return null;
            }

            var journey = field("customerjourneyid");
            var source = field("source") ?? (journey == null ? null : "CI-J journey " + journey);
            file.Rows.Add(new EngagementRow { Line = lineNumber, OpportunityId = id!, OccurredOn = occurredOn, Type = type!.Value, Answer = answer, Source = source });
            return null;
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

        /// <summary>
        /// An interaction's engagement type: a scored interaction, or an engagement type's own name (what the
        /// "LeadRecycle engagement" custom trigger carries in its type attribute).
        /// </summary>
        public static EngagementType? InteractionTypeOf(string? interaction) =>
            interaction != null && ScoredInteractions.TryGetValue(interaction, out var type) ? type : TypeOf(interaction);

        /// <summary>occurred_on (yyyy-MM-dd), or else an export's Timestamp (ISO 8601), as its UTC date.</summary>
        private static DateTime OccurredOn(Func<string, string?> field, HistoryCsv.TableReader table, List<string> rowProblems)
        {
            var dateText = field("occurred_on");
            if (dateText != null)
            {
                if (!DateTime.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
                {
                    rowProblems.Add($"occurred_on '{dateText}' is not a date (yyyy-MM-dd)");
                }
                else if (!SaneDates.Contains(date))
                {
                    rowProblems.Add($"occurred_on '{dateText}' is outside {SaneDates.Range}");
                }

                return date;
            }

            var timestamp = field("timestamp");
            if (timestamp == null)
            {
                rowProblems.Add(table.Has("occurred_on") ? "occurred_on is empty" : "Timestamp is empty");
                return default;
            }

            // ISO 8601 with a date and a time; a time without an offset is taken as UTC, as CDM exports write them.
            if (!timestamp.Contains('T', StringComparison.Ordinal)
                || !DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
            {
                rowProblems.Add($"Timestamp '{timestamp}' is not a date and time (ISO 8601, such as 2017-02-01T14:30:00Z)");
                return default;
            }

            var day = DateTime.SpecifyKind(moment.UtcDateTime.Date, DateTimeKind.Utc);
            if (!SaneDates.Contains(day))
            {
                rowProblems.Add($"Timestamp '{timestamp}' is outside {SaneDates.Range}");
            }

            return day;
        }
    }
}
