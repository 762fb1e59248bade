using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace LeadRecycle.Sandbox
{
    /// <summary>The page's building blocks: inline SVG charts (no script, no download), definitions, numbers and encoding.</summary>
    internal static class HtmlCharts
    {
        /// <summary>The bars' fill; scripts/check-png.mjs looks for it in the rendered picture.</summary>
        public const string BarBlue = "#0f6cbd";

        /// <summary>The trend lines' colour; scripts/check-png.mjs looks for it too.</summary>
        public const string LineColour = "#c239b3";

        public const string WarnColour = "#eaa300";

        public const string StallColour = "#d13438";

        public const string P80Colour = "#8cbde9";

        /// <summary>A horizontal bar chart; with no value, the reason there is none (never an empty chart read as zero).</summary>
        public static void Bars(StringBuilder html, string title, IEnumerable<KeyValuePair<string, double>> values, string whyNone, Func<double, string>? format = null)
        {
            var rows = values.ToList();
            format ??= Number;
            html.Append("<figure><figcaption><b>").Append(Encode(title)).Append("</b></figcaption>");
            if (rows.Count == 0)
            {
                html.Append("<p class=\"none\">None yet: ").Append(Encode(whyNone)).Append("</p></figure>");
                return;
            }

            var max = Math.Max(1e-9, rows.Max(r => r.Value));
            const int labelWidth = 190;
            const int barWidth = 250;
            var height = 4 + (rows.Count * 22);
            html.AppendFormat(CultureInfo.InvariantCulture, "<svg width=\"{0}\" height=\"{1}\" role=\"img\" aria-label=\"{2}\">", labelWidth + barWidth + 90, height, Encode(title));
            for (var i = 0; i < rows.Count; i++)
            {
                var y = 2 + (i * 22);
                var width = rows[i].Value / max * barWidth;
                html.AppendFormat(CultureInfo.InvariantCulture, "<text x=\"0\" y=\"{0}\" font-size=\"12\">{1}</text>", y + 13, Encode(Shorten(rows[i].Key, 28)))
                    .AppendFormat(CultureInfo.InvariantCulture, "<rect x=\"{0}\" y=\"{1}\" width=\"{2:0.#}\" height=\"16\" fill=\"{3}\"></rect>", labelWidth, y, width, BarBlue)
                    .AppendFormat(CultureInfo.InvariantCulture, "<text x=\"{0:0.#}\" y=\"{1}\" font-size=\"12\">{2}</text>", labelWidth + width + 6, y + 13, Encode(format(rows[i].Value)));
            }

            html.Append("</svg></figure>");
        }

        /// <summary>A weekly line chart with its scale (0 to the series' top) and its first and last week.</summary>
        public static void Line(StringBuilder html, string title, IReadOnlyList<DateTime> weeks, IReadOnlyList<int> values)
        {
            const int width = 500;
            const int height = 120;
            const int left = 34;
            const int top = 8;
            var max = Math.Max(1, values.Count == 0 ? 1 : values.Max());
            html.Append("<figure><figcaption><b>").Append(Encode(title)).Append("</b> (total ").Append(values.Sum()).Append(")</figcaption>");
            html.AppendFormat(CultureInfo.InvariantCulture, "<svg width=\"{0}\" height=\"{1}\" role=\"img\" aria-label=\"{2}\">", width + left + 10, height + top + 22, Encode(title));
            html.AppendFormat(CultureInfo.InvariantCulture, "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#999\"></line><line x1=\"{0}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\" stroke=\"#999\"></line>", left, top, top + height, left + width)
                .AppendFormat(CultureInfo.InvariantCulture, "<text x=\"0\" y=\"{0}\" font-size=\"11\">{1}</text><text x=\"0\" y=\"{2}\" font-size=\"11\">0</text>", top + 10, max, top + height);
            var step = values.Count > 1 ? (double)width / (values.Count - 1) : 0;
            var points = string.Join(" ", values.Select((v, i) => string.Format(CultureInfo.InvariantCulture, "{0:0.#},{1:0.#}", left + (i * step), top + height - ((double)v / max * height))));
            html.AppendFormat(CultureInfo.InvariantCulture, "<polyline points=\"{0}\" fill=\"none\" stroke=\"{1}\" stroke-width=\"2.5\"></polyline>", points, LineColour);
            if (values.Count == 1)
            {
                html.AppendFormat(CultureInfo.InvariantCulture, "<circle cx=\"{0}\" cy=\"{1:0.#}\" r=\"4\" fill=\"{2}\"></circle>", left, top + height - ((double)values[0] / max * height), LineColour);
            }

            if (weeks.Count > 0)
            {
                html.AppendFormat(CultureInfo.InvariantCulture, "<text x=\"{0}\" y=\"{1}\" font-size=\"11\">{2:yyyy-MM-dd}</text>", left, top + height + 16, weeks[0])
                    .AppendFormat(CultureInfo.InvariantCulture, "<text x=\"{0}\" y=\"{1}\" font-size=\"11\" text-anchor=\"end\">{2:yyyy-MM-dd}</text>", left + width, top + height + 16, weeks[^1]);
            }

            html.Append("</svg></figure>");
        }

        /// <summary>
        /// Per stage, the median stay as a bar and the 80th percentile as a lighter bar behind it, with the warn and
        /// stall thresholds as ticks on the same scale: where a stage's usual stays sit against what LeadRecycle flags.
        /// </summary>
        public static void StageVelocity(StringBuilder html, IReadOnlyList<VelocitySection.StageRow> stages)
        {
            var drawn = stages.Where(s => s.MedianDays != null || s.StallAfterDays != null).ToList();
            html.Append("<figure><figcaption><b>Days in stage: median and 80th percentile of completed stays, with the warn (amber) and stall (red) thresholds</b></figcaption>");
            if (drawn.Count == 0)
            {
                html.Append("<p class=\"none\">None yet: no stage has a completed stay or a threshold.</p></figure>");
                return;
            }

            var max = Math.Max(1e-9, drawn.Max(s => new[] { s.P80Days ?? 0, s.StallAfterDays ?? 0, s.WarnAfterDays ?? 0 }.Max()));
            const int labelWidth = 150;
            const int barWidth = 600;
            var height = 20 + (drawn.Count * 30);
            html.AppendFormat(CultureInfo.InvariantCulture, "<svg width=\"{0}\" height=\"{1}\" role=\"img\" aria-label=\"Days in stage\">", labelWidth + barWidth + 120, height);
            for (var i = 0; i < drawn.Count; i++)
            {
                var s = drawn[i];
                var y = 4 + (i * 30);
                html.AppendFormat(CultureInfo.InvariantCulture, "<text x=\"0\" y=\"{0}\" font-size=\"12\">{1}</text>", y + 15, Encode(Shorten(s.Stage, 22)));
                if (s.P80Days is double p80)
                {
                    html.AppendFormat(CultureInfo.InvariantCulture, "<rect x=\"{0}\" y=\"{1}\" width=\"{2:0.#}\" height=\"20\" fill=\"{3}\"></rect>", labelWidth, y, p80 / max * barWidth, P80Colour);
                }

                if (s.MedianDays is double median)
                {
                    html.AppendFormat(CultureInfo.InvariantCulture, "<rect x=\"{0}\" y=\"{1}\" width=\"{2:0.#}\" height=\"20\" fill=\"{3}\"></rect>", labelWidth, y, median / max * barWidth, BarBlue);
                }

                Tick(html, s.WarnAfterDays, WarnColour, labelWidth, barWidth, max, y);
                Tick(html, s.StallAfterDays, StallColour, labelWidth, barWidth, max, y);
                html.AppendFormat(CultureInfo.InvariantCulture, "<text x=\"{0}\" y=\"{1}\" font-size=\"11\">{2}</text>", labelWidth + barWidth + 8, y + 15,
                    Encode("med " + Days(s.MedianDays) + " · p80 " + Days(s.P80Days)));
            }

            html.Append("</svg></figure>");
        }

        private static void Tick(StringBuilder html, double? days, string colour, int left, int width, double max, int y)
        {
            if (days is double d)
            {
                html.AppendFormat(CultureInfo.InvariantCulture, "<rect x=\"{0:0.#}\" y=\"{1}\" width=\"3\" height=\"26\" fill=\"{2}\"></rect>", left + (d / max * width) - 1.5, y - 3, colour);
            }
        }

        /// <summary>Each KPI's definition on the page, next to the figures it defines.</summary>
        public static void Definitions(StringBuilder html, params (string Term, string Definition)[] terms)
        {
            html.Append("<dl class=\"defs\">");
            foreach (var (term, definition) in terms)
            {
                html.Append("<dt>").Append(Encode(term)).Append("</dt><dd>").Append(Encode(definition)).Append("</dd>");
            }

            html.Append("</dl>");
        }

        /// <summary>
        /// Why the rows' absent figures are absent: one line per reason, naming the rows it applies to (the same sentence
        /// ten times would bury the figures).
        /// </summary>
        public static void WhyList(StringBuilder html, IEnumerable<(string Name, string? Why)> rows)
        {
            var notes = rows.Where(r => r.Why != null).GroupBy(r => r.Why!, StringComparer.Ordinal).ToList();
            if (notes.Count == 0)
            {
                return;
            }

            html.Append("<ul class=\"why\">");
            foreach (var note in notes)
            {
                html.Append("<li><b>").Append(Encode(string.Join(", ", note.Select(r => r.Name)))).Append("</b>: ").Append(Encode(note.Key)).Append("</li>");
            }

            html.Append("</ul>");
        }

        public static string Days(double? days) => days?.ToString("0.#", CultureInfo.InvariantCulture) ?? HtmlReport.NotApplicable;

        public static string Percent(double? share) => share?.ToString("P1", CultureInfo.InvariantCulture) ?? HtmlReport.NotApplicable;

        public static string Amount(decimal amount) => amount.ToString("N0", CultureInfo.InvariantCulture);

        public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

        public static string Encode(string text) => WebUtility.HtmlEncode(text);

        private static string Shorten(string text, int length) => text.Length <= length ? text : text.Substring(0, length - 1) + "…";
    }
}
