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
            var problems = new List<HistoryProblem>();
            var header = reader.ReadLine();
            if (header == null)
            {
                problems.Add(new HistoryProblem(1, "the file is empty; a header row is required"));
                return (rows, problems);
            }

            var columns = Split(header).Select(c => c.Trim().ToLowerInvariant()).ToList();
            foreach (var required in RequiredColumns.Where(r => !columns.Contains(r)))
            {
                problems.Add(new HistoryProblem(1, $"the header has no '{required}' column"));
            }

            if (problems.Count > 0)
            {
                return (rows, problems);
            }

            var lineNumber = 1;
            var seen = new HashSet<string>(StringComparer.Ordinal);
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

                var rowProblems = new List<string>();
                DateTime? Date(string name)
                {
                    var text = Field(name);
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

                var id = Field("opportunity_id");
                var owner = Field("owner");
                var state = (Field("state") ?? string.Empty).ToLowerInvariant();
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
                    rowProblems.Add($"state '{Field("state")}' must be open, won or lost");
                }

                decimal? value = null;
                var valueText = Field("value");
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
                    OwnerManager = Field("owner_manager"),
                    Account = Field("account"),
                    Stage = Field("stage"),
                    StageEnteredOn = Date("stage_entered_on"),
                    CreatedOn = Date("created_on"),
                    ClosedOn = Date("closed_on"),
                    State = state,
                    LossReason = Field("loss_reason"),
                    Value = value,
                };
                if (row.State != "open" && row.ClosedOn == null && rowProblems.Count == 0)
                {
                    rowProblems.Add($"a {row.State} deal needs closed_on");
                }

                if (rowProblems.Count > 0)
                {
                    problems.Add(new HistoryProblem(lineNumber, string.Join("; ", rowProblems)));
                }
                else
                {
                    rows.Add(row);
                }
            }

            return (rows, problems);
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
