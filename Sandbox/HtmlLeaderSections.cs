using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using static LeadRecycle.Sandbox.HtmlCharts;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// The sections a sales leader reads (issue 13): the headline, outcomes by stream and reason, the waterfall,
    /// velocity, money and the weekly trend. Each figure is defined where it is shown, and each absent figure says why.
    /// </summary>
    internal static class HtmlLeaderSections
    {
        public static void Headline(StringBuilder html, SandboxReport report)
        {
            var h = report.Headline;
            var replay = report.Replay != null;
            html.Append("<div class=\"headline\" id=\"headline\"><b>")
                .Append(replay ? "On " + report.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " LeadRecycle would have" : "Today LeadRecycle has")
                .Append(" flagged ").Append(h.DealsFlagged).Append(" of ").Append(h.OpenDeals).Append(" open deals</b> (")
                .Append(h.Stalled).Append(" stalled, ").Append(h.Warned).Append(" warned), <b>moved ").Append(Amount(h.ValueOutOfForecast))
                .Append(" of ").Append(Amount(h.OpenPipelineValue)).Append(" open pipeline value out of the forecast</b> once the stalled deals' service level lapses, and <b>told ")
                .Append(h.RepsAffected).Append(" of ").Append(h.RepsWithOpenDeals).Append(" reps</b> with open deals.");
            if (h.OpenDeals == 0)
            {
                html.Append(" <span class=\"none\">No deal was open on that date, so there was nothing to flag.</span>");
            }
            else if (h.DealsFlagged == 0)
            {
                html.Append(" <span class=\"none\">No open deal had stayed in its stage past twice the stage's mean (or the fallback threshold), so nothing was flagged.</span>");
            }
            else if (h.Stalled == 0)
            {
                html.Append(" <span class=\"none\">No value leaves the forecast: the flagged deals are only warned, none stalled.</span>");
            }
            else if (h.ValueOutOfForecast == 0)
            {
                html.Append(" <span class=\"none\">No value leaves the forecast: the stalled deals carry no estimated value.</span>");
            }

            html.Append("</div>");
            Definitions(html,
                ("Flagged", "open deals the nightly scan marks: warned past 2x their stage's mean stay, stalled past 3x (with a follow-up task and a service level)."),
                ("Out of the forecast", "the stalled deals' estimated value: if the service level lapses with no stage change, the deal returns to nurture through Lose and leaves the pipeline. Warned deals stay in."),
                ("Reps told", "owners of flagged deals, of all owners of open deals."));
        }

        public static void Outcomes(StringBuilder html, OutcomesSection outcomes)
        {
            html.Append("<h2 id=\"outcomes\">Outcomes by nurture stream and by reason</h2>");
            if (outcomes.WhyEmpty != null)
            {
                html.Append("<p class=\"none\">").Append(Encode(outcomes.WhyEmpty)).Append(" Every figure of this section is n/a for that reason.</p>");
            }
            else
            {
                OutcomeTable(html, "Nurture stream", outcomes.ByStream, outcomes.Total);
                OutcomeTable(html, "Reason", outcomes.ByReason, outcomes.Total);
                html.Append("<div class=\"charts\">");
                Bars(html, "Return rate by nurture stream", outcomes.ByStream.Where(r => r.ReturnRate != null).Select(r => new KeyValuePair<string, double>(r.Name, r.ReturnRate!.Value)),
                    "no stream has a nurtured lead", v => v.ToString("P1", CultureInfo.InvariantCulture));
                Bars(html, "Revenue won after return by reason", outcomes.ByReason.Where(r => r.RevenueWonAfterReturn > 0).OrderByDescending(r => r.RevenueWonAfterReturn)
                    .Select(r => new KeyValuePair<string, double>(r.Name, (double)r.RevenueWonAfterReturn)),
                    outcomes.Total.Returned == 0 ? "no recycled lead has returned to sales" : "no opportunity from a returned lead has been won yet", v => v.ToString("N0", CultureInfo.InvariantCulture));
                html.Append("</div>");
            }

            Definitions(html,
                ("Recycled", "recycled lead records created (a deal lost or a lead disqualified with a Return-to-Nurture reason, or a stalled deal whose service level lapsed)."),
                ("Nurturing / Returned / Removed / Expired / Cancelled", "the record's status now: in a nurture stream; handed back to sales after re-engaging; removed from the waterfall (no nurture); nurtured past the nurture window without re-engaging; cancelled because the rep reopened the deal."),
                ("Return rate", "returned / nurtured (the records given a nurture stream); n/a when nothing was nurtured."),
                ("Days to re-engage, median and p80", "days from recycling to the return to sales, over the returned records: nearest-rank percentiles (the value at rank ceil(P/100 x n), so always a real return; the median of an even count is the lower middle value)."),
                ("Won after return / revenue", "records whose return became a won opportunity (lr_returnoutcome = Won) and the sum of that opportunity's actual revenue (lr_returnrevenue)."));
        }

        private static void OutcomeTable(StringBuilder html, string category, IReadOnlyList<OutcomesSection.OutcomeRow> rows, OutcomesSection.OutcomeRow total)
        {
            html.Append("<table class=\"outcomes\"><tr><th>").Append(category).Append(" (largest first)</th><th>Recycled</th><th>Nurturing</th><th>Returned</th><th>Removed</th><th>Expired</th><th>Cancelled</th>")
                .Append("<th>Return rate</th><th>Median days to re-engage</th><th>p80 days</th><th>Won after return</th><th>Revenue won after return</th></tr>");
            foreach (var row in rows.Append(total))
            {
                html.Append(row == total ? "<tr class=\"total\"><td>" : "<tr><td>").Append(Encode(row.Name)).Append("</td><td>").Append(row.Recycled).Append("</td><td>").Append(row.Nurturing)
                    .Append("</td><td>").Append(row.Returned).Append("</td><td>").Append(row.Removed).Append("</td><td>").Append(row.Expired).Append("</td><td>").Append(row.Cancelled)
                    .Append("</td><td>").Append(Percent(row.ReturnRate)).Append(" <small>(").Append(row.Returned).Append('/').Append(row.Nurtured).Append(")</small></td><td>")
                    .Append(Days(row.MedianDaysToReengage)).Append("</td><td>").Append(Days(row.P80DaysToReengage)).Append("</td><td>").Append(row.WonAfterReturn)
                    .Append("</td><td>").Append(Amount(row.RevenueWonAfterReturn)).Append("</td></tr>");
            }

            html.Append("</table>");
            WhyList(html, rows.Append(total).Select(r => (r.Name, r.Why)));
        }

        public static void Waterfall(StringBuilder html, WaterfallSection waterfall)
        {
            html.Append("<h2 id=\"waterfall\">Waterfall</h2>");
            if (waterfall.WhyEmpty != null)
            {
                html.Append("<p class=\"none\">").Append(Encode(waterfall.WhyEmpty)).Append("</p>");
            }
            else
            {
                html.Append("<p>Stages in pipeline order: ").Append(Encode(string.Join(" → ", waterfall.StageOrder))).Append('.');
                if (waterfall.StageOrderAssumed)
                {
                    html.Append(" <span class=\"none\">A history names its stages but not their order: Prospecting, Qualify, Engaging, Develop, Propose, Close take their usual places, other names follow alphabetically, Unknown last.</span>");
                }

                html.Append("</p><table class=\"waterfall\"><tr><th>Stage</th><th>Entered</th><th>Still open here</th><th>Left</th><th>Advanced</th><th>Won here</th><th>Lost here</th>")
                    .Append("<th>Conversion to next stage</th><th>Exits to nurture: active</th><th>passive</th></tr>");
                foreach (var s in waterfall.Stages)
                {
                    var conversion = s.ConversionToNext != null ? Percent(s.ConversionToNext) + " <small>(" + s.Advanced + "/" + s.Left + ")</small>"
                        : s.WinRateOfLeft != null ? "won " + Percent(s.WinRateOfLeft) + " <small>(" + s.WonHere + "/" + s.Left + ", last stage)</small>"
                        : NotApplicableBecause(s.Left == 0 ? "no deal has left this stage yet" : "last stage");
                    html.Append("<tr><td>").Append(Encode(s.Stage)).Append("</td><td>").Append(s.Entered).Append("</td><td>").Append(s.OpenHere).Append("</td><td>").Append(s.Left)
                        .Append("</td><td>").Append(s.Advanced).Append("</td><td>").Append(s.WonHere).Append("</td><td>").Append(s.LostHere).Append("</td><td>").Append(conversion)
                        .Append("</td><td>").Append(s.ExitsActive).Append("</td><td>").Append(s.ExitsPassive).Append("</td></tr>");
                }

                html.Append("</table>");
            }

            html.Append("<div class=\"charts\">");
            Bars(html, "Exits to nurture by stage (active + passive)", waterfall.ExitsToNurture.Select(e => new KeyValuePair<string, double>(e.Name, e.Total)),
                "no deal or lead has been recycled");
            Bars(html, "Lead-development stage recycled leads re-enter at (lr_targetstage)", waterfall.ReentryStages.Select(e => new KeyValuePair<string, double>(e.Name, e.Count)),
                "no recycled lead");
            html.Append("</div>");
            if (waterfall.ExitsToNurture.Count > 0)
            {
                html.Append("<p>By type: ").Append(Encode(string.Join("; ", waterfall.ExitsToNurture.Select(e => e.Name + " " + e.Active + " active, " + e.Passive + " passive")))).Append(".</p>");
            }

            if (waterfall.ReentryStages.Any(r => r.Name == WaterfallSection.NoTargetStage))
            {
                html.Append("<p class=\"none\">").Append(Encode(WaterfallSection.NoTargetStage)).Append(": the record carries no re-entry stage — a passive recycle (the scan fills no checklist), a reason removed from the waterfall, or a reason whose policy does not ask for it.</p>");
            }

            Definitions(html,
                ("Entered", "deals whose furthest stage is this one or a later one: a deal's furthest stage is the latest of its recorded stays (lr_stageduration) and its stage now; a deal further on is counted as having passed every stage before."),
                ("Left", "entered minus still open here: the deals whose fate in this stage is known."),
                ("Conversion to next stage", "advanced / left: of the deals that left the stage, the share that went on to a later one (the rest were won, lost or recycled in it). The last stage shows its win rate, won here / left."),
                ("Exits to nurture", "recycled leads by the stage of their deal (a disqualified lead counts before any deal): active = a rep lost or disqualified with a Return-to-Nurture reason, passive = the scan returned a stalled deal whose service level lapsed."));
        }

        /// <summary>With stall.segmentColumn set: each stage's segments and the thresholds their deals are judged by.</summary>
        private static void SegmentThresholds(StringBuilder html, VelocitySection velocity)
        {
            if (velocity.SegmentColumn == null)
            {
                return;
            }

            html.Append("<h3>Thresholds per segment (").Append(Encode(velocity.SegmentColumn)).Append(")</h3>");
            var rows = velocity.Stages.Where(st => st.Segments != null).SelectMany(st => st.Segments!.Select(seg => (st.Stage, Segment: seg))).ToList();
            if (rows.Count == 0)
            {
                html.Append("<p class=\"none\">No segment has a completed stay yet: every deal is judged by its stage's threshold.</p>");
                return;
            }

            html.Append("<table class=\"segments\"><tr><th>Stage</th><th>Segment</th><th>Completed stays</th><th>Mean days</th><th>Warn after</th><th>Stall after</th><th>Warned</th><th>Stalled</th></tr>");
            foreach (var (stage, segment) in rows)
            {
                var whose = segment.Trusted ? string.Empty : " <small>(the stage's: too few stays)</small>";
                html.Append("<tr><td>").Append(Encode(stage)).Append("</td><td>").Append(Encode(segment.Segment)).Append("</td><td>").Append(segment.CompletedSamples)
                    .Append("</td><td>").Append(Days(segment.MeanDays)).Append("</td><td>").Append(Days(segment.WarnAfterDays)).Append(whose)
                    .Append("</td><td>").Append(Days(segment.StallAfterDays)).Append(whose).Append("</td><td>").Append(segment.Warned).Append("</td><td>").Append(segment.Stalled).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        public static void Velocity(StringBuilder html, VelocitySection velocity)
        {
            html.Append("<h2 id=\"velocity\">Velocity</h2>");
            if (velocity.WhyEmpty != null)
            {
                html.Append("<p class=\"none\">").Append(Encode(velocity.WhyEmpty)).Append("</p>");
                return;
            }

            StageVelocity(html, velocity.Stages);
            html.Append("<table class=\"velocity\"><tr><th>Stage</th><th>Completed stays</th><th>Median days</th><th>p80 days</th><th>Warn after</th><th>Stall after</th><th>Open deals</th>");
            foreach (var bucket in velocity.AgeBuckets)
            {
                html.Append("<th>").Append(Encode(bucket)).Append("</th>");
            }

            html.Append("</tr>");
            foreach (var s in velocity.Stages)
            {
                html.Append("<tr><td>").Append(Encode(s.Stage)).Append("</td><td>").Append(s.CompletedStays).Append("</td><td>").Append(Days(s.MedianDays)).Append("</td><td>").Append(Days(s.P80Days))
                    .Append("</td><td>").Append(Days(s.WarnAfterDays)).Append(s.ThresholdsTrusted || s.WarnAfterDays == null ? string.Empty : " <small>(fallback)</small>")
                    .Append("</td><td>").Append(Days(s.StallAfterDays)).Append("</td><td>").Append(s.OpenDeals);
                if (s.OpenWithoutStageClock > 0)
                {
                    html.Append(" <small>(").Append(s.OpenWithoutStageClock).Append(" without a stage date)</small>");
                }

                html.Append("</td>");
                var peak = Math.Max(1, s.AgeHistogram.DefaultIfEmpty(0).Max());
                for (var i = 0; i < s.AgeHistogram.Count; i++)
                {
                    // Shade by the stage's own peak, so a stage's pile-up of old deals shows whatever its size.
                    var alpha = s.AgeHistogram[i] == 0 ? 0 : 0.12 + (0.6 * s.AgeHistogram[i] / peak);
                    html.AppendFormat(CultureInfo.InvariantCulture, "<td style=\"background:rgba(15,108,189,{0:0.##})\">{1}</td>", alpha, s.AgeHistogram[i]);
                }

                html.Append("</tr>");
            }

            html.Append("</table>");
            WhyList(html, velocity.Stages.Select(st => (st.Stage, st.Why)));
            SegmentThresholds(html, velocity);

            html.Append("<h3>Stalled share by manager and rep</h3>");
            if (velocity.Managers.Count == 0)
            {
                html.Append("<p class=\"none\">No open deal, so no rep holds one: no stalled share to show.</p>");
            }
            else
            {
                html.Append("<table class=\"managers\"><tr><th>Manager / rep (most stalled first)</th><th>Open deals</th><th>Warned</th><th>Stalled</th><th>Stalled share</th></tr>");
                foreach (var m in velocity.Managers)
                {
                    html.Append("<tr class=\"total\"><td>").Append(Encode(m.Manager)).Append("</td><td>").Append(m.OpenDeals).Append("</td><td>").Append(m.Reps.Sum(r => r.Warned))
                        .Append("</td><td>").Append(m.Stalled).Append("</td><td>").Append(Percent(m.StalledShare)).Append(" <small>(").Append(m.Stalled).Append('/').Append(m.OpenDeals).Append(")</small></td></tr>");
                    foreach (var r in m.Reps)
                    {
                        html.Append("<tr><td class=\"rep\">").Append(Encode(r.Rep)).Append("</td><td>").Append(r.OpenDeals).Append("</td><td>").Append(r.Warned).Append("</td><td>").Append(r.Stalled)
                            .Append("</td><td>").Append(Percent(r.StalledShare)).Append(" <small>(").Append(r.Stalled).Append('/').Append(r.OpenDeals).Append(")</small></td></tr>");
                    }
                }

                html.Append("</table>");
            }

            Definitions(html,
                ("Completed stays", "recorded stays (lr_stageduration, one per deal leaving a stage) from an hour to a century long: the ones the nightly scan learns from."),
                ("Median, p80", "nearest-rank percentiles of the completed stays: the stay at rank ceil(P/100 x n) in ascending order (the median of an even count is the lower middle stay)."),
                ("Warn after, stall after", "LeadRecycle's thresholds: 2x and 3x the stage's mean stay, or the policy's fallback while the stage has too few stays to trust."),
                ("Age columns", "open deals by whole days since they entered their stage (lr_stageenteredon), as of the report's date."),
                ("Stalled share", "stalled / open deals of the rep (or of the manager's reps, by systemuser.parentsystemuserid)."));
        }

        public static void Money(StringBuilder html, MoneySection money)
        {
            html.Append("<h2 id=\"money\">Money</h2><div class=\"kpis\">");
            MoneyKpi(html, money, "openPipelineValue", "Open pipeline value", money.OpenPipelineValue);
            MoneyKpi(html, money, "warnedValue", "Value of warned deals", money.WarnedValue);
            MoneyKpi(html, money, "stalledValue", "Value of stalled deals", money.StalledValue);
            MoneyKpi(html, money, "recycledValue", "Value recycled", money.RecycledValue);
            MoneyKpi(html, money, "returnedValue", "Value returned to sales", money.ReturnedValue);
            MoneyKpi(html, money, "revenueWonAfterReturn", "Revenue won after return", money.RevenueWonAfterReturn);
            html.Append("</div>");
            if (money.OpenDealsWithoutValue > 0)
            {
                html.Append("<p class=\"none\">").Append(money.OpenDealsWithoutValue).Append(" of ").Append(money.OpenDeals).Append(" open deals carry no estimated value and count as nothing in these sums.</p>");
            }

            Definitions(html,
                ("Open pipeline value", "sum of the estimated value of open deals."),
                ("Warned, stalled", "the same sum over the open deals the scan has warned (past 2x the stage's mean) or stalled (past 3x)."),
                ("Value recycled, returned", "sum of the recycled leads' estimated value (the deal's value when it left), over all of them and over those returned to sales."),
                ("Revenue won after return", "sum of lr_returnrevenue over recycled leads whose return became a won opportunity."));
        }

        public static void ServiceLevels(StringBuilder html, ServiceLevelSection levels)
        {
            html.Append("<h2 id=\"service-levels\">Service levels</h2>");
            if (levels.WhyEmpty != null)
            {
                html.Append("<p class=\"none\">").Append(Encode(levels.WhyEmpty)).Append("</p>");
            }

            html.Append("<div class=\"kpis\">");
            foreach (var (label, value) in new[]
            {
                ("Deals flagged stalled", levels.StalledFlags), ("Reminders to owners", levels.RemindersSent), ("Escalations to managers", levels.Escalations),
                ("Snoozes that ended", levels.SnoozesEnded), ("Returned to nurture (service level lapsed)", levels.ReturnedToNurture), ("Nurtures expired", levels.Expired),
                ("Snoozed now", levels.SnoozedNow),
            })
            {
                html.Append("<div class=\"kpi\"><b>").Append(value).Append("</b>").Append(Encode(label)).Append("</div>");
            }

            html.Append("</div>");
            if (levels.EscalationsWithoutRecipient > 0)
            {
                html.Append("<p class=\"none\">").Append(levels.EscalationsWithoutRecipient).Append(" escalations found no manager and no fallback owner (set engagement.fallbackOwner).</p>");
            }

            if (levels.SnoozesApplied != null)
            {
                html.Append("<p>").Append(levels.SnoozesApplied.Value).Append(" snoozes were set by the simulated owners (--snooze-share).</p>");
            }

            if (levels.SnoozeReasons.Count > 0)
            {
                html.Append("<table><tr><th>Why deals are snoozed now</th><th>Deals</th></tr>");
                foreach (var reason in levels.SnoozeReasons)
                {
                    html.Append("<tr><td>").Append(Encode(reason.Name)).Append("</td><td>").Append(reason.Count).Append("</td></tr>");
                }

                html.Append("</table>");
            }

            Definitions(html,
                ("Flagged stalled", "flags by the nightly scans the sandbox ran (each starts a service level of stall.serviceLevelDays, with a task for the owner)."),
                ("Reminders, escalations", "tasks for the owner on the days stall.reminderDaysBeforeDue names, and one for the owner's manager stall.escalateDaysBeforeDue days before the service level ends."),
                ("Snoozes that ended", "stalled deals whose snooze ran out without progress, flagged afresh with a new service level."),
                ("Expired", "recycled leads nurtured engagement.nurtureDays without re-engaging."));
        }

        private static void MoneyKpi(StringBuilder html, MoneySection money, string field, string label, decimal amount)
        {
            html.Append("<div class=\"kpi\"><b>").Append(Amount(amount)).Append("</b>").Append(Encode(label));
            if (money.WhyZero.TryGetValue(field, out var why))
            {
                html.Append("<small class=\"none\">zero: ").Append(Encode(why)).Append("</small>");
            }

            html.Append("</div>");
        }

        public static void Trend(StringBuilder html, TrendSection trend, bool singleScan)
        {
            html.Append("<h2 id=\"trend\">Trend by week</h2>");
            if (singleScan)
            {
                html.Append("<p class=\"none\">A replay imports the history and runs the scan once, on the as-of date: recycling, returns and stall flags happen from then on, so the series holds that one week. `simulate` plays a period day by day.</p>");
            }

            if (trend.WhyEmpty != null)
            {
                html.Append("<p class=\"none\">").Append(Encode(trend.WhyEmpty)).Append("</p>");
            }
            else
            {
                var weeks = trend.Weeks.Select(w => w.WeekStarting).ToList();
                html.Append("<div class=\"charts\">");
                Line(html, "Recycled", weeks, trend.Weeks.Select(w => w.Recycled).ToList());
                Line(html, "Returned to sales", weeks, trend.Weeks.Select(w => w.Returned).ToList());
                Line(html, "Stalled", weeks, trend.Weeks.Select(w => w.Stalled).ToList());
                Line(html, "Won after return", weeks, trend.Weeks.Select(w => w.WonAfterReturn).ToList());
                html.Append("</div>");
                if (trend.EarlierWeeksLeftOut > 0)
                {
                    html.Append("<p class=\"none\">The ").Append(trend.EarlierWeeksLeftOut).Append(" earlier weeks are left out (the last ").Append(TrendSection.MaxWeeks).Append(" are shown; report.json has the same).</p>");
                }

                foreach (var (name, values) in new[] { ("recycled", trend.Weeks.Sum(w => w.Recycled)), ("returned", trend.Weeks.Sum(w => w.Returned)), ("stalled", trend.Weeks.Sum(w => w.Stalled)), ("won after return", trend.Weeks.Sum(w => w.WonAfterReturn)) })
                {
                    if (values == 0)
                    {
                        html.Append("<p class=\"none\">No week has a ").Append(name).Append(" event: ").Append(name switch
                        {
                            "recycled" => "nothing was recycled in the period.",
                            "returned" => "no recycled lead re-engaged past its threshold in the period (it needs the prospect's engagement).",
                            "stalled" => "no standing stall flag is dated in the period.",
                            _ => "no opportunity from a returned lead was won in the period.",
                        }).Append("</p>");
                    }
                }
            }

            Definitions(html,
                ("Week", "Monday to Sunday (UTC), dated by its Monday; from the week of the first event to the report's week."),
                ("Recycled, returned, won after return", "recycled leads by lr_recycledon; returned ones by lr_returnedon; wins after return by lr_returnoutcomeon."),
                ("Stalled", TrendSection.StalledMeasure));
        }

        private static string NotApplicableBecause(string why) => HtmlReport.NotApplicable + " <small>(" + Encode(why) + ")</small>";
    }
}
