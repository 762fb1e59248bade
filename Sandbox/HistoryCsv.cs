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
    /// Reads the generic history CSV: a header row naming the columns opportunity_id, owner, owner_manager, account,
    /// stage, stage_entered_on, created_on, closed_on, state (open/won/lost), loss_reason, value (dates yyyy-MM-dd;
    /// unknown columns ignored; quoted fields with "" escapes allowed). Bad rows are reported with their line numbers.
    /// </summary>
    public static class HistoryCsv
    {
        public static readonly string[] RequiredColumns = { "opportunity_id", "owner", "state" };

        public static (List<HistoryRow> Rows, List<HistoryProblem> Problems) Read(TextReader reader)
        {
            var rows = new List<HistoryRow>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var problems = ReadTable(reader, RequiredColumns, (lineNumber, field) =>
            {
                var rowProblems = new List<string>();
                DateTime? Date(string name)
                {
                    var text = field(name);
                    if (text == null)
                    {
                        return null;
                    }

                    if (DateTime.TryParseExact(text, new[] { "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ" }, CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
                    {
                        return date;
                    }

                    rowProblems.Add($"{name} '{text}' is not a date (yyyy-MM-dd)");
                    return null;
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
                    if (decimal.TryParse(valueText, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
                    {
                        value = parsed;
                    }
                    else
                    {
                        rowProblems.Add($"value '{valueText}' is not a number");
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

                if (rowProblems.Count > 0)
                {
                    return new HistoryProblem(lineNumber, string.Join("; ", rowProblems));
                }

                rows.Add(row);
                return null;
            });
            return (rows, problems);
        }

        /// <summary>
        /// Reads a CSV with a header row (column names in any case and order; unknown ones ignored): calls
        /// <paramref name="readRow"/> for every non-blank line with its line number and a field accessor by column name
        /// (trimmed; null when empty or missing), collecting the problem it returns. A missing file header or required
        /// column is a problem on line 1, and then no row is read.
        /// </summary>
        public static List<HistoryProblem> ReadTable(TextReader reader, IReadOnlyCollection<string> requiredColumns, Func<int, Func<string, string?>, HistoryProblem?> readRow)
        {
            ArgumentNullException.ThrowIfNull(reader);
            ArgumentNullException.ThrowIfNull(readRow);
            var problems = new List<HistoryProblem>();
            var header = reader.ReadLine();
            if (header == null)
            {
                problems.Add(new HistoryProblem(1, "the file is empty; a header row is required"));
                return problems;
            }

            var columns = Split(header).Select(c => c.Trim().ToLowerInvariant()).ToList();
            problems.AddRange(requiredColumns.Where(r => !columns.Contains(r)).Select(r => new HistoryProblem(1, $"the header has no '{r}' column")));
            if (problems.Count > 0)
            {
                return problems;
            }

            var lineNumber = 1;
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                lineNumber++;
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                var fields = Split(line);
                string? Field(string name)
                {
                    var index = columns.IndexOf(name);
                    var value = index >= 0 && index < fields.Count ? fields[index].Trim() : null;
                    return string.IsNullOrEmpty(value) ? null : value;
                }

                var problem = readRow(lineNumber, Field);
                if (problem != null)
                {
                    problems.Add(problem);
                }
            }

            return problems;
        }

        /// <summary>Splits one CSV line, honouring double quotes.</summary>
        public static List<string> Split(string line)
        {
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
