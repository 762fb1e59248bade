using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace LeadRecycle.Sandbox
{
    /// <summary>One opportunity of an exported CRM history, in LeadRecycle's generic CSV format.</summary>
    public sealed class HistoryRow
    {
        public int Line { get; init; }

        public string OpportunityId { get; init; } = string.Empty;

        public string Owner { get; init; } = string.Empty;

        public string? OwnerManager { get; init; }

        public string? Account { get; init; }

        public string? Stage { get; init; }

        public DateTime? StageEnteredOn { get; init; }

        public DateTime? CreatedOn { get; init; }

        public DateTime? ClosedOn { get; init; }

        /// <summary>open, won or lost.</summary>
        public string State { get; init; } = "open";

        public string? LossReason { get; init; }

        public decimal? Value { get; init; }
    }

    public sealed class HistoryProblem
    {
        public HistoryProblem(int line, string problem)
        {
            Line = line;
            Problem = problem;
        }

        public int Line { get; }

        public string Problem { get; }

        public override string ToString() => "line " + Line.ToString(CultureInfo.InvariantCulture) + ": " + Problem;
    }

    /// <summary>
    /// A file that cannot be read as the table it should be (empty, not text, no header row, a required column
    /// missing): one error for the whole file rather than a report of bad rows, because no row of it can be trusted.
    /// The message is plain words for the person who exported the file.
    /// </summary>
    public sealed class UnreadableFileException : Exception
    {
        public UnreadableFileException(string message)
            : base(message)
        {
        }

        public UnreadableFileException()
        {
        }

        public UnreadableFileException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }

    /// <summary>
    /// The dates the sandbox accepts, in a history row and on the command line. A CRM history does not predate 1990,
    /// and 2100 is far enough ahead for any plan while catching the placeholders exports use for "no date"
    /// (0001-01-01, 9999-12-31); it also keeps the day-by-day play and the scan's date arithmetic clear of
    /// DateTime's limits.
    /// </summary>
    public static class SaneDates
    {
        public static readonly DateTime Earliest = new DateTime(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public static readonly DateTime Latest = new DateTime(2100, 12, 31, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>"1990-01-01 to 2100-12-31", for messages.</summary>
        public static string Range => string.Format(CultureInfo.InvariantCulture, "{0:yyyy-MM-dd} to {1:yyyy-MM-dd}", Earliest, Latest);

        /// <summary>Whether the date (any time of day) falls from <see cref="Earliest"/> through the whole of <see cref="Latest"/>.</summary>
        public static bool Contains(DateTime date) => date >= Earliest && date < Latest.AddDays(1);
    }

    /// <summary>
    /// Reads the generic history CSV: a header row naming the columns opportunity_id, owner, owner_manager, account,
    /// stage, stage_entered_on, created_on, closed_on, state (open/won/lost), loss_reason, value (dates yyyy-MM-dd;
    /// unknown columns ignored; quoted fields with "" escapes allowed). Bad rows are reported with their line numbers; a
    /// file that cannot be a history at all throws <see cref="UnreadableFileException"/>.
    /// </summary>
    public static class HistoryCsv
    {
        /// <summary>The columns a history must name; the header check and its message both read this list.</summary>
        public static readonly string[] RequiredColumns = { "opportunity_id", "owner", "state" };

        /// <summary>The whole file at once: its good rows and its bad ones (the simulation plays rows out of order, so it keeps them).</summary>
        public static (List<HistoryRow> Rows, List<HistoryProblem> Problems) Read(TextReader reader)
        {
            var problems = new List<HistoryProblem>();
            var rows = ReadRows(reader, problems).ToList();
            return (rows, problems);
        }

        /// <summary>
        /// The good rows one at a time, as they are read (a replay imports a million-row file without holding it); each
        /// bad row is added to <paramref name="problems"/> as it is met. The header is checked now, so a file that cannot
        /// be a history throws <see cref="UnreadableFileException"/> before any row is asked for; a binary line further
        /// down throws it while the rows are read.
        /// </summary>
        public static IEnumerable<HistoryRow> ReadRows(TextReader reader, ICollection<HistoryProblem> problems)
        {
            ArgumentNullException.ThrowIfNull(problems);
            var table = OpenTable(reader, RequiredColumns);
            return Rows(table, problems);
        }

        private static IEnumerable<HistoryRow> Rows(TableReader table, ICollection<HistoryProblem> problems)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (lineNumber, field) in table.Lines())
            {
                var row = ParseRow(lineNumber, field, seen, problems);
                if (row != null)
                {
                    yield return row;
                }
            }
        }

        private static readonly string[] DateFormats = { "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ" };

        /// <summary>
        /// A date in one of <see cref="DateFormats"/>, as UTC. The plain yyyy-MM-dd of nearly every row is read digit by
        /// digit (the general parser costs microseconds, three dates a row, a million rows); anything else goes to it.
        /// </summary>
        public static bool TryParseDate(string text, out DateTime date)
        {
            if (text.Length == 10 && text[4] == '-' && text[7] == '-'
                && TryDigits(text, 0, 4, out var year) && TryDigits(text, 5, 2, out var month) && TryDigits(text, 8, 2, out var day)
                && year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            {
                date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
                return true;
            }

            return DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date);
        }

        private static bool TryDigits(string text, int start, int length, out int value)
        {
            value = 0;
            for (var i = start; i < start + length; i++)
            {
                var digit = text[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    return false;
                }

                value = (value * 10) + digit;
            }

            return true;
        }

        private static HistoryRow? ParseRow(int lineNumber, Func<string, string?> field, HashSet<string> seen, ICollection<HistoryProblem> problems)
        {
            var rowProblems = new List<string>();
            DateTime? Date(string name)
            {
                var text = field(name);
                if (text == null)
                {
                    return null;
                }

                if (!TryParseDate(text, out var date))
                {
                    rowProblems.Add($"{name} '{text}' is not a date (yyyy-MM-dd)");
                    return null;
                }

                if (!SaneDates.Contains(date))
                {
                    rowProblems.Add($"{name} '{text}' is outside {SaneDates.Range}");
                    return null;
                }

                return date;
            }

            var id = field("opportunity_id");
            var owner = field("owner");
            var state = (field("state") ?? string.Empty).ToLowerInvariant();
            if (id == null)
            {
                rowProblems.Add("opportunity_id is empty");
            }
            else if (!seen.Add(id))
            {
                rowProblems.Add($"opportunity_id '{id}' appears more than once");
            }

            if (owner == null)
            {
                rowProblems.Add("owner is empty");
            }

            if (state != "open" && state != "won" && state != "lost")
            {
                rowProblems.Add($"state '{field("state")}' must be open, won or lost");
            }

            decimal? value = null;
            var valueText = field("value");
            if (valueText != null)
            {
                if (!decimal.TryParse(valueText, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
                {
                    rowProblems.Add($"value '{valueText}' is not a number");
                }
                else if (parsed < 0)
                {
                    // An estimated value below zero is an export error, and it would turn the report's sums upside down.
                    rowProblems.Add($"value '{valueText}' is negative");
                }
                else
                {
                    value = parsed;
                }
            }

            var row = new HistoryRow
            {
                Line = lineNumber,
                OpportunityId = id ?? string.Empty,
                Owner = owner ?? string.Empty,
                OwnerManager = field("owner_manager"),
                Account = field("account"),
                Stage = field("stage"),
                StageEnteredOn = Date("stage_entered_on"),
                CreatedOn = Date("created_on"),
                ClosedOn = Date("closed_on"),
                State = state,
                LossReason = field("loss_reason"),
                Value = value,
            };
            if (row.State != "open" && row.ClosedOn == null && rowProblems.Count == 0)
            {
                rowProblems.Add($"a {row.State} deal needs closed_on");
            }

            // A stay that ends before it starts would enter the stage statistics as a negative (or clamped zero) duration.
            foreach (var (name, start) in new[] { ("stage_entered_on", row.StageEnteredOn), ("created_on", row.CreatedOn) })
            {
                if (row.ClosedOn != null && start != null && row.ClosedOn < start)
                {
                    rowProblems.Add($"closed_on {row.ClosedOn:yyyy-MM-dd} is before {name} {start:yyyy-MM-dd}");
                }
            }

            if (rowProblems.Count > 0)
            {
                problems.Add(new HistoryProblem(lineNumber, string.Join("; ", rowProblems)));
                return null;
            }

            return row;
        }

        /// <summary>
        /// Reads a CSV with a header row (column names in any case and order; unknown ones ignored): calls
        /// <paramref name="readRow"/> for every non-blank line with its line number and a field accessor by column name
        /// (trimmed; null when empty or missing), collecting the problem it returns. A file that cannot be such a table
        /// (empty, binary, not comma-separated, no header row, a required column missing) throws
        /// <see cref="UnreadableFileException"/> before any row is read.
        /// </summary>
        public static List<HistoryProblem> ReadTable(TextReader reader, IReadOnlyCollection<string> requiredColumns, Func<int, Func<string, string?>, HistoryProblem?> readRow)
        {
            ArgumentNullException.ThrowIfNull(readRow);
            var problems = new List<HistoryProblem>();
            foreach (var (lineNumber, field) in OpenTable(reader, requiredColumns).Lines())
            {
                var problem = readRow(lineNumber, field);
                if (problem != null)
                {
                    problems.Add(problem);
                }
            }

            return problems;
        }

        /// <summary>Reads and checks the header row now; the lines after it are read when <see cref="TableReader.Lines"/> is enumerated.</summary>
        /// <param name="alternatives">For a required column, another file format's name for it, accepted in its place
        /// (engagement files: a Customer Insights – Journeys export's Timestamp for occurred_on).</param>
        public static TableReader OpenTable(TextReader reader, IReadOnlyCollection<string> requiredColumns, IReadOnlyDictionary<string, string>? alternatives = null)
        {
            ArgumentNullException.ThrowIfNull(reader);
            ArgumentNullException.ThrowIfNull(requiredColumns);
            string Named(string column) => alternatives != null && alternatives.TryGetValue(column, out var other) ? column + " (or " + other + ")" : column;
            var required = string.Join(", ", requiredColumns.Select(Named));
            var lineNumber = 0;
            string? header;
            do
            {
                header = reader.ReadLine();
                lineNumber++;
            }
            while (header != null && header.Trim().Length == 0);

            if (header == null)
            {
                throw new UnreadableFileException($"the file is empty; it needs a header row naming the columns {required}");
            }

            ThrowIfBinary(header);
            var columns = Split(header).Select(c => c.Trim().ToLowerInvariant()).ToList();
            var missing = requiredColumns.Where(r => !columns.Contains(r)
                && !(alternatives != null && alternatives.TryGetValue(r, out var other) && columns.Contains(other.ToLowerInvariant()))).ToList();
            if (missing.Count == requiredColumns.Count)
            {
                // Bytes that are not text decode to U+FFFD: with no known column either, this is an image or an
                // archive whose first "line" happened to hold no control character.
                if (header.Contains('\uFFFD', StringComparison.Ordinal))
                {
                    throw NotText();
                }

                // Spreadsheets in many locales save "CSV" with semicolons or tabs: name the cause rather than the symptom.
                var separator = new[] { ';', '\t', '|' }.FirstOrDefault(c => header.Contains(c, StringComparison.Ordinal));
                throw new UnreadableFileException(separator != default
                    ? $"line {lineNumber} separates its columns with {(separator == '\t' ? "tabs" : "'" + separator + "'")}; the file must be comma-separated"
                    : $"line {lineNumber} is not a header row: it names none of the columns {required}");
            }

            if (missing.Count > 0)
            {
                throw new UnreadableFileException($"the header has no {string.Join(", ", missing.Select(Named))} column{(missing.Count == 1 ? string.Empty : "s")}; the required columns are {required}");
            }

            return new TableReader(reader, columns, lineNumber);
        }

        /// <summary>A CSV whose header has been read: its lines, each with its number and a field accessor by column name.</summary>
        public sealed class TableReader
        {
            private readonly TextReader _reader;
            private readonly List<string> _columns;
            private readonly int _headerLine;

            internal TableReader(TextReader reader, List<string> columns, int headerLine)
            {
                _reader = reader;
                _columns = columns;
                _headerLine = headerLine;
            }

            /// <summary>Whether the header names this column (lower case).</summary>
            public bool Has(string column) => _columns.Contains(column);

            public IEnumerable<(int Line, Func<string, string?> Field)> Lines()
            {
                var lineNumber = _headerLine;
                string? line;
                while ((line = _reader.ReadLine()) != null)
                {
                    lineNumber++;
                    if (line.Trim().Length == 0)
                    {
                        continue;
                    }

                    ThrowIfBinary(line);
                    var fields = Split(line);
                    yield return (lineNumber, name =>
                    {
                        var index = _columns.IndexOf(name);
                        var value = index >= 0 && index < fields.Count ? fields[index].Trim() : null;
                        return string.IsNullOrEmpty(value) ? null : value;
                    });
                }
            }
        }

        /// <summary>
        /// Control characters other than tab never occur in a text export; they mean a spreadsheet, an archive or an
        /// image was given where a CSV belongs, and every "row" of it would be noise.
        /// </summary>
        private static void ThrowIfBinary(string line)
        {
            foreach (var c in line)
            {
                if (char.IsControl(c) && c != '\t')
                {
                    throw NotText();
                }
            }
        }

        private static UnreadableFileException NotText() =>
            new UnreadableFileException("the file is not text (it holds binary data, such as a spreadsheet or an archive); save it as CSV");

        /// <summary>Splits one CSV line, honouring double quotes.</summary>
        public static List<string> Split(string line)
        {
            if (!line.Contains('"', StringComparison.Ordinal))
            {
                // Most lines quote nothing: a plain split is the same fields.
                return new List<string>(line.Split(','));
            }

            var fields = new List<string>();
            var current = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        current.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        current.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(current.ToString());
                    current.Clear();
                }
                else
                {
                    current.Append(c);
                }
            }

            fields.Add(current.ToString());
            return fields;
        }
    }
}
