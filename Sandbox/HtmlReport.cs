using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace LeadRecycle.Sandbox
{
    /// <summary>The report as one self-contained HTML page: tables and inline SVG bar charts, no scripts, no downloads.</summary>
    public static class HtmlReport
    {
        /// <summary>Shown for a figure that does not exist yet (a mean of nothing), so it is never read as zero.</summary>
        public const string NotApplicable = "n/a";

        public static string Render(SandboxReport report)
        {
            var html = new StringBuilder();
            html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>LeadRecycle sandbox report</title><style>")
                .Append("body{font-family:Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#1b1b1b;max-width:1100px}")
                .Append("h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}")
                .Append("table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:4px 10px;text-align:right}th{background:#f3f2f1}td:first-child,th:first-child{text-align:left}")
                .Append(".kpis{display:flex;gap:16px;flex-wrap:wrap}.kpi{border:1px solid #ddd;border-radius:6px;padding:10px 16px;min-width:120px}.kpi b{display:block;font-size:22px}")
                .Append(".charts{display:flex;gap:16px 48px;flex-wrap:wrap}figure{margin:8px 0}figcaption{margin-bottom:6px}svg text{font-size:13px}.none{color:#616161;font-style:italic}")
                .Append("</style></head><body>");
            html.Append("<h1>LeadRecycle sandbox report</h1><p>As of ").Append(Encode(report.AsOf.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))).Append("</p>");

            html.Append("<div class=\"kpis\">");
            Kpi(html, "Open deals", report.Opportunities["open"]);
            Kpi(html, "Won", report.Opportunities["won"]);
            Kpi(html, "Lost", report.Opportunities["lost"]);
            Kpi(html, "Recycled leads", report.RecycledLeads.Total);
            Kpi(html, "Returned to reps", report.ReturnsToRep.Returned);
            // No nurtured lead, or no return yet: there is no rate or mean to show, not a zero.
            Kpi(html, "Return rate", report.ReturnsToRep.ReturnRate?.ToString("P1", CultureInfo.InvariantCulture) ?? NotApplicable);
            Kpi(html, "Days to re-engage", report.ReturnsToRep.MeanDaysToReengage?.ToString("0.0", CultureInfo.InvariantCulture) ?? NotApplicable);
            Kpi(html, "Stalled now", report.Aging.Stalled);
            html.Append("</div>");

            html.Append("<h2>Stages: history and thresholds</h2><table><tr><th>Stage</th><th>Completed stays</th><th>Mean days</th><th>Std dev</th><th>Warn after</th><th>Stall after</th><th>Trusted</th></tr>");
            foreach (var stage in report.Stages)
            {
                html.Append("<tr><td>").Append(Encode(stage.Stage)).Append("</td><td>").Append(stage.CompletedSamples.ToString(CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(Number(stage.MeanDays)).Append("</td><td>").Append(Number(stage.StandardDeviationDays))
                    .Append("</td><td>").Append(Number(stage.WarnAfterDays)).Append("</td><td>").Append(Number(stage.StallAfterDays))
                    .Append("</td><td>").Append(stage.Trusted ? "yes" : "fallback").Append("</td></tr>");
            }

            html.Append("</table>");
            html.Append("<div class=\"charts\">");
            Bars(html, "Mean days in stage", report.Stages.Select(s => new KeyValuePair<string, double>(s.Stage, s.MeanDays)));
            // In the order deals move through the stages, as the table above lists them.
            var stageOrder = report.Stages.Select(s => s.Stage).ToList();
            Bars(html, "Stalled deals by stage", report.Aging.ByStage
                .OrderBy(s => stageOrder.IndexOf(s.Name) is var index && index >= 0 ? index : int.MaxValue)
                .Select(s => new KeyValuePair<string, double>(s.Name, s.Stalled)));
            html.Append("</div>");

            html.Append("<h2>Stalled and warned deals by owner</h2>");
            if (report.Aging.ByOwner.Count == 0)
            {
                html.Append("<p class=\"none\">No open deal is warned or stalled.</p>");
            }
            else
            {
                html.Append("<table><tr><th>Owner</th><th>Warned</th><th>Stalled</th></tr>");
                foreach (var row in report.Aging.ByOwner)
                {
                    html.Append("<tr><td>").Append(Encode(row.Name)).Append("</td><td>").Append(row.Warned).Append("</td><td>").Append(row.Stalled).Append("</td></tr>");
                }

                html.Append("</table>");
            }

            html.Append("<h2>Recycled leads</h2><div class=\"charts\">");
            Bars(html, "By reason", report.RecycledLeads.ByReason.Select(p => new KeyValuePair<string, double>(p.Key, p.Value)));
            Bars(html, "By nurture stream", report.RecycledLeads.ByStream.Select(p => new KeyValuePair<string, double>(p.Key, p.Value)));
            Bars(html, "By status", report.RecycledLeads.ByStatus.Select(p => new KeyValuePair<string, double>(p.Key, p.Value)));
            html.Append("</div><p>Active (sales disqualified): ").Append(report.RecycledLeads.Active).Append(". Passive (stalled): ").Append(report.RecycledLeads.Passive).Append(".</p>");

            html.Append("<h2>Organization-service calls made by the plug-ins, per event</h2>");
            if (report.CallsPerEvent.Count == 0)
            {
                html.Append("<p class=\"none\">No events were played through the plug-ins (a replay imports the history and runs the scan once).</p>");
            }
            else
            {
                html.Append("<table><tr><th>Event</th><th>Events</th><th>Calls</th><th>Calls per event</th></tr>");
                foreach (var row in report.CallsPerEvent)
                {
                    html.Append("<tr><td>").Append(Encode(row.Event)).Append("</td><td>").Append(row.Events).Append("</td><td>").Append(row.Calls)
                        .Append("</td><td>").Append(Number(row.CallsPerEvent)).Append("</td></tr>");
                }

                html.Append("</table>");
            }

            if (report.Replay != null)
            {
                Replay(html, report.Replay);
            }

            html.Append("</body></html>");
            return html.ToString();
        }

        private static void Replay(StringBuilder html, SandboxReport.ReplaySection replay)
        {
            html.Append("<h2>The imported history</h2><table><tr><th>Rows read</th><th>Imported</th><th>Not yet created on the as-of date</th><th>Skipped</th><th>Scan calls</th><th>Closed early by LeadRecycle</th></tr><tr><td>")
                .Append(replay.RowsRead).Append("</td><td>").Append(replay.Imported).Append("</td><td>").Append(replay.NotYetCreatedOnAsOf).Append("</td><td>")
                .Append(replay.SkippedRows.Count).Append("</td><td>").Append(replay.ScanCalls).Append("</td><td>").Append(replay.ClosedEarlyByLeadRecycle).Append("</td></tr></table>");
            if (replay.EngagementsRead > 0)
            {
                html.Append("<table><tr><th>Engagements read</th><th>Played on their recycled lead</th><th>Deal not in nurture that day</th><th>Outside the simulated days</th></tr><tr><td>")
                    .Append(replay.EngagementsRead).Append("</td><td>").Append(replay.EngagementsPlayed).Append("</td><td>").Append(replay.EngagementsNotInNurture)
                    .Append("</td><td>").Append(replay.EngagementsOutsidePeriod).Append("</td></tr></table>");
            }

            if (replay.Assumptions.Count > 0)
            {
                html.Append("<table><tr><th>Where the data has gaps, the importer assumed</th><th>Rows</th></tr>");
                foreach (var assumption in replay.Assumptions.OrderByDescending(a => a.Value).ThenBy(a => a.Key, StringComparer.Ordinal))
                {
                    html.Append("<tr><td>").Append(Encode(assumption.Key)).Append("</td><td>").Append(assumption.Value).Append("</td></tr>");
                }

                html.Append("</table>");
            }

            if (replay.SkippedRows.Count > 0)
            {
                // A long list of bad rows would bury the report; the JSON keeps every one.
                const int Shown = 20;
                html.Append("<p>Skipped rows:</p><ul>");
                foreach (var row in replay.SkippedRows.Take(Shown))
                {
                    html.Append("<li>").Append(Encode(row)).Append("</li>");
                }

                html.Append("</ul>");
                if (replay.SkippedRows.Count > Shown)
                {
                    html.Append("<p class=\"none\">and ").Append(replay.SkippedRows.Count - Shown).Append(" more in report.json.</p>");
                }
            }
        }

        private static void Kpi(StringBuilder html, string label, object value) =>
            html.Append("<div class=\"kpi\"><b>").Append(Encode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)).Append("</b>").Append(Encode(label)).Append("</div>");

        /// <summary>A horizontal bar chart as inline SVG.</summary>
        private static void Bars(StringBuilder html, string title, IEnumerable<KeyValuePair<string, double>> values)
        {
            var rows = values.ToList();
            html.Append("<figure><figcaption><b>").Append(Encode(title)).Append("</b></figcaption>");
            if (rows.Count == 0)
            {
                html.Append("<p class=\"none\">None yet.</p></figure>");
                return;
            }

            var max = Math.Max(1e-9, rows.Max(r => r.Value));
            const int labelWidth = 190;
            const int barWidth = 250;
            var height = 4 + (rows.Count * 22);
            html.AppendFormat(CultureInfo.InvariantCulture, "<svg width=\"{0}\" height=\"{1}\" role=\"img\" aria-label=\"{2}\">", labelWidth + barWidth + 60, height, Encode(title));
            for (var i = 0; i < rows.Count; i++)
            {
                var y = 2 + (i * 22);
                var width = rows[i].Value / max * barWidth;
                html.AppendFormat(CultureInfo.InvariantCulture, "<text x=\"0\" y=\"{0}\" font-size=\"12\">{1}</text>", y + 13, Encode(rows[i].Key))
                    .AppendFormat(CultureInfo.InvariantCulture, "<rect x=\"{0}\" y=\"{1}\" width=\"{2:0.#}\" height=\"16\" fill=\"#0f6cbd\"></rect>", labelWidth, y, width)
                    .AppendFormat(CultureInfo.InvariantCulture, "<text x=\"{0:0.#}\" y=\"{1}\" font-size=\"12\">{2}</text>", labelWidth + width + 6, y + 13, Number(rows[i].Value));
            }

            html.Append("</svg></figure>");
        }

        private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

        private static string Encode(string text) => WebUtility.HtmlEncode(text);
    }
}
