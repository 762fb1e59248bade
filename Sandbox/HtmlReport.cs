using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// The report as one self-contained HTML page: tables and inline SVG charts, no scripts, no downloads. A sales
    /// leader's reading order (issue 13): what LeadRecycle flags, outcomes, waterfall, velocity, money, trend; then the
    /// stage statistics and the imported history; the engineering table (calls per event) in an appendix.
    /// </summary>
    public static class HtmlReport
    {
        /// <summary>Shown for a figure that does not exist yet (a mean of nothing), so it is never read as zero.</summary>
        public const string NotApplicable = "n/a";

        public static string Render(SandboxReport report)
        {
            var html = new StringBuilder();
            html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>LeadRecycle sandbox report</title><style>")
                .Append("body{font-family:Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#1b1b1b;max-width:1150px}")
                .Append("h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:15px}")
                .Append("table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:4px 10px;text-align:right}th{background:#f3f2f1}td:first-child,th:first-child{text-align:left}")
                .Append("table.outcomes td,table.outcomes th,table.waterfall td,table.waterfall th,table.velocity td,table.velocity th{padding:3px 6px;font-size:13px}table.managers td,table.managers th{padding:3px 8px;font-size:13px}td small{white-space:nowrap}tr.total td{font-weight:600;background:#faf9f8}td.rep{padding-left:26px}")
                .Append(".kpis{display:flex;gap:16px;flex-wrap:wrap}.kpi{border:1px solid #ddd;border-radius:6px;padding:10px 16px;min-width:120px;max-width:240px}.kpi b{display:block;font-size:22px}.kpi small{display:block;font-size:12px}")
                .Append(".charts{display:flex;gap:16px 48px;flex-wrap:wrap}figure{margin:8px 0}figcaption{margin-bottom:6px}svg text{font-size:13px}.none{color:#616161;font-style:italic}")
                .Append(".headline{font-size:16px;background:#ebf3fc;border-left:4px solid #0f6cbd;padding:10px 14px;margin:12px 0}")
                .Append("dl.defs{font-size:12px;color:#424242;display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0 0}dl.defs dt{font-weight:600}dl.defs dd{margin:0}ul.why{font-size:13px;color:#616161}")
                .Append("</style></head><body>");
            html.Append("<h1>LeadRecycle sandbox report</h1><p>As of ").Append(Encode(report.AsOf.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))).Append("</p>");
            HtmlLeaderSections.Headline(html, report);

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
            var whyNot = new List<string>();
            if (report.ReturnsToRep.ReturnRate == null)
            {
                whyNot.Add("Return rate n/a: no recycled lead was put in a nurture stream, so there is nothing to divide by.");
            }

            if (report.ReturnsToRep.MeanDaysToReengage == null)
            {
                whyNot.Add("Days to re-engage n/a: no recycled lead has returned to its rep" + (report.RecycledLeads.Total == 0 ? " (nothing was recycled)." : " yet (a return needs the prospect's engagement past the threshold)."));
            }

            if (report.RecycledLeads.Total == 0)
            {
                whyNot.Add(report.Outcomes.WhyEmpty ?? "No recycled lead.");
            }

            foreach (var why in whyNot)
            {
                html.Append("<p class=\"none\">").Append(Encode(why)).Append("</p>");
            }

            HtmlCharts.Definitions(html,
                ("Open, won, lost", "opportunities by state on the report's date."),
                ("Return rate", "recycled leads returned to their rep / recycled leads put in a nurture stream."),
                ("Days to re-engage", "mean days from recycling to the return, over the returned leads (the outcomes table shows the median and 80th percentile)."),
                ("Stalled now", "open deals the nightly scan has flagged stalled (past 3x their stage's mean stay)."));

            HtmlLeaderSections.Outcomes(html, report.Outcomes);
            HtmlLeaderSections.Waterfall(html, report.Waterfall);
            HtmlLeaderSections.Velocity(html, report.Velocity);
            HtmlLeaderSections.Money(html, report.Money);
            HtmlLeaderSections.ServiceLevels(html, report.ServiceLevels);
            HtmlLeaderSections.Trend(html, report.Trend, report.Replay != null && report.CallsPerEvent.Count == 0);

            html.Append("<h2>Stages: history and thresholds</h2><table><tr><th>Stage</th><th>Completed stays</th><th>Mean days</th><th>Std dev</th><th>Warn after</th><th>Stall after</th><th>Trusted</th></tr>");
            foreach (var stage in report.Stages)
            {
                html.Append("<tr><td>").Append(Encode(stage.Stage)).Append("</td><td>").Append(stage.CompletedSamples.ToString(CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(Number(stage.MeanDays)).Append("</td><td>").Append(Number(stage.StandardDeviationDays))
                    .Append("</td><td>").Append(Number(stage.WarnAfterDays)).Append("</td><td>").Append(Number(stage.StallAfterDays))
                    .Append("</td><td>").Append(stage.Trusted ? "yes" : "fallback").Append("</td></tr>");
            }

            html.Append("</table>");
            if (report.Stages.Count == 0)
            {
                html.Append("<p class=\"none\">No stage statistics yet: the nightly scan has folded no completed stay.</p>");
            }

            html.Append("<div class=\"charts\">");
            Bars(html, "Mean days in stage", report.Stages.Select(s => new KeyValuePair<string, double>(s.Stage, s.MeanDays)), "the scan has learned no stage yet");
            // In the order deals move through the stages, as the table above lists them.
            var stageOrder = report.Stages.Select(s => s.Stage).ToList();
            Bars(html, "Stalled deals by stage", report.Aging.ByStage
                .OrderBy(s => stageOrder.IndexOf(s.Name) is var index && index >= 0 ? index : int.MaxValue)
                .Select(s => new KeyValuePair<string, double>(s.Name, s.Stalled)), "no open deal is warned or stalled");
            html.Append("</div>");

            html.Append("<h2>Stalled and warned deals by owner</h2>");
            if (report.Aging.ByOwner.Count == 0)
            {
                html.Append("<p class=\"none\">No open deal is warned or stalled.</p>");
            }
            else
            {
                html.Append("<table><tr><th>Owner (most stalled first)</th><th>Warned</th><th>Stalled</th></tr>");
                foreach (var row in report.Aging.ByOwner.OrderByDescending(r => r.Stalled).ThenByDescending(r => r.Warned).ThenBy(r => r.Name, StringComparer.Ordinal))
                {
                    html.Append("<tr><td>").Append(Encode(row.Name)).Append("</td><td>").Append(row.Warned).Append("</td><td>").Append(row.Stalled).Append("</td></tr>");
                }

                html.Append("</table>");
            }

            html.Append("<h2>Recycled leads</h2><div class=\"charts\">");
            var whyNone = report.Outcomes.WhyEmpty ?? "nothing was recycled";
            Bars(html, "By reason", BySize(report.RecycledLeads.ByReason), whyNone);
            Bars(html, "By nurture stream", BySize(report.RecycledLeads.ByStream), report.RecycledLeads.Total == 0 ? whyNone : "every recycled lead was removed from the waterfall (no stream)");
            Bars(html, "By status", BySize(report.RecycledLeads.ByStatus), whyNone);
            html.Append("</div><p>Active (sales disqualified): ").Append(report.RecycledLeads.Active).Append(". Passive (stalled): ").Append(report.RecycledLeads.Passive).Append(".</p>");

            if (report.Replay != null)
            {
                Replay(html, report.Replay);
            }

            html.Append("<h2 id=\"appendix\">Appendix: organization-service calls made by the plug-ins, per event</h2>");
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

            html.Append("</body></html>");
            return html.ToString();
        }

        /// <summary>Largest first, ties by name: categories are read by size, not alphabetically.</summary>
        private static IEnumerable<KeyValuePair<string, double>> BySize(IReadOnlyDictionary<string, int> counts) =>
            counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => new KeyValuePair<string, double>(p.Key, p.Value));

        private static void Replay(StringBuilder html, SandboxReport.ReplaySection replay)
        {
            html.Append("<h2>The imported history</h2><table><tr><th>Rows read</th><th>Imported</th><th>Not yet created on the as-of date</th><th>Skipped</th><th>Scan calls</th><th>Closed early by LeadRecycle</th></tr><tr><td>")
                .Append(replay.RowsRead).Append("</td><td>").Append(replay.Imported).Append("</td><td>").Append(replay.NotYetCreatedOnAsOf).Append("</td><td>")
                .Append(replay.SkippedRows.Count).Append("</td><td>").Append(replay.ScanCalls).Append("</td><td>").Append(replay.ClosedEarlyByLeadRecycle).Append("</td></tr></table>");
            if (replay.EngagementsRead > 0)
            {
                html.Append("<table><tr><th>Engagements read</th><th>Played on their recycled lead</th><th>Deal not in nurture that day</th><th>Outside the simulated days</th><th>Not scored (email opened, delivered, sent)</th><th>Repeated interactions</th></tr><tr><td>")
                    .Append(replay.EngagementsRead).Append("</td><td>").Append(replay.EngagementsPlayed).Append("</td><td>").Append(replay.EngagementsNotInNurture)
                    .Append("</td><td>").Append(replay.EngagementsOutsidePeriod).Append("</td><td>").Append(replay.EngagementsNotScored)
                    .Append("</td><td>").Append(replay.EngagementsRepeated).Append("</td></tr></table>");
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

        private static void Bars(StringBuilder html, string title, IEnumerable<KeyValuePair<string, double>> values, string whyNone) => HtmlCharts.Bars(html, title, values, whyNone);

        private static string Number(double value) => HtmlCharts.Number(value);

        private static string Encode(string text) => HtmlCharts.Encode(text);
    }
}
