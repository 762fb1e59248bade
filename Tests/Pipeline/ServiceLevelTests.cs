using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Testing;
using LeadRecycle.Tests.Solution;
using LeadRecycle.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Pipeline
{
    /// <summary>
    /// The service level of a stalled deal, night by night through the shipped steps and the scan: reminders to the
    /// owner, an escalation to the owner's manager, a snooze with its reason, and the return to nurture at the end.
    /// </summary>
    public sealed class ServiceLevelTests
    {
        private static readonly DateTime T0 = LeadRecycleOrganization.Start;

        /// <summary>Twelve Develop stays of about five days, so a deal 16 days in Develop is stalled at T0 (3x the mean).</summary>
        private static void BuildDevelopHistory(LeadRecycleOrganization org)
        {
            foreach (var days in new double[] { 4, 6, 5, 7, 3, 5, 6, 4, 5, 6, 4, 5 })
            {
                org.Clock.Set(T0.AddDays(-60));
                var deal = org.OpenOpportunity(salesStage: 1);
                org.Clock.Set(T0.AddDays(-60 + days));
                org.Service.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.SalesStage] = new OptionSetValue(2) });
                org.Service.Execute(new WinOpportunityRequest
                {
                    OpportunityClose = new Entity(OpportunityClose.EntityName) { [OpportunityClose.Opportunity] = new EntityReference(Opportunity.EntityName, deal) },
                    Status = new OptionSetValue(Opportunity.Status.Won),
                });
            }

            org.Clock.Set(T0);
        }

        private static Guid StalledDeal(LeadRecycleOrganization org, Guid owner, string name = "Fleet renewal")
        {
            org.Clock.Set(T0.AddDays(-16));
            var deal = org.Service.Create(new Entity(Opportunity.EntityName)
            {
                [Opportunity.Name] = name,
                [Opportunity.SalesStage] = new OptionSetValue(1),
                [CommonColumns.OwnerId] = new EntityReference(SystemUser.EntityName, owner),
            });
            org.Clock.Set(T0);
            return deal;
        }

        /// <summary>The scan every night from T0 to T0 + <paramref name="days"/>, as the flow runs it; each night's responses.</summary>
        private static List<ScanResponse> Nights(LeadRecycleOrganization org, int days)
        {
            var responses = new List<ScanResponse>();
            for (var day = 0; day <= days; day++)
            {
                org.Clock.Set(T0.AddDays(day).AddHours(23));
                responses.AddRange(StallScan.ToEnd(org));
            }

            return responses;
        }

        private static Entity[] TasksAbout(LeadRecycleOrganization org, Guid deal, string subjectStart) =>
            org.Org.All(TaskActivity.EntityName)
                .Where(t => t.GetAttributeValue<EntityReference>(TaskActivity.Regarding)?.Id == deal && t.GetAttributeValue<string>(TaskActivity.Subject).StartsWith(subjectStart, StringComparison.Ordinal))
                .OrderBy(t => t.GetAttributeValue<DateTime>(CommonColumns.CreatedOn))
                .ToArray();

        [Fact]
        public void Should_remind_the_owner_twice_and_tell_the_manager_once_before_the_deal_returns_to_nurture()
        {
            var org = new LeadRecycleOrganization();
            BuildDevelopHistory(org);
            var manager = org.Org.CreateUser("Morgan Manager", roles: LeadRecycleInstallation.ManagerRoles);
            var rep = org.Org.CreateUser("Riley Reporting", managerId: manager, roles: LeadRecycleInstallation.RepRoles);
            var deal = StalledDeal(org, rep);

            var nights = Nights(org, 14);

            // Stalled on night 0 with a 14-day service level: reminders 7 and 3 days before it is due, the manager 3 days before.
            var reminders = TasksAbout(org, deal, "Reminder: ");
            Assert.Equal(new[] { T0.AddDays(7).AddHours(23), T0.AddDays(11).AddHours(23) }, reminders.Select(t => t.GetAttributeValue<DateTime>(CommonColumns.CreatedOn)));
            Assert.All(reminders, t => Assert.Equal(rep, t.GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id));
            Assert.StartsWith("Reminder: Fleet renewal returns to nurture in 7 days", reminders[0].GetAttributeValue<string>(TaskActivity.Subject), StringComparison.Ordinal);
            Assert.StartsWith("Reminder: Fleet renewal returns to nurture in 3 days", reminders[1].GetAttributeValue<string>(TaskActivity.Subject), StringComparison.Ordinal);
            var escalation = Assert.Single(TasksAbout(org, deal, "Escalation: "));
            Assert.Equal(manager, escalation.GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id);
            Assert.Contains("owned by Riley Reporting", escalation.GetAttributeValue<string>(TaskActivity.Description), StringComparison.Ordinal);
            Assert.Equal(T0.AddDays(14).AddHours(23), escalation.GetAttributeValue<DateTime>(TaskActivity.ScheduledEnd));
            Assert.Equal(2, nights.Sum(n => n.RemindersSent));
            Assert.Equal(1, nights.Sum(n => n.Escalations));
            Assert.Equal(T0.AddDays(11).AddHours(23), org.Get(Opportunity.EntityName, deal).GetAttributeValue<DateTime>(Opportunity.EscalatedOn));

            // The service level ran out on night 14: the deal went back to nurture, and no one was reminded again.
            Assert.Equal(Opportunity.State.Lost, org.StateOf(Opportunity.EntityName, deal));
        }

        [Fact]
        public void Should_remind_no_one_twice_when_the_scan_runs_again_the_same_night()
        {
            var org = new LeadRecycleOrganization();
            BuildDevelopHistory(org);
            var deal = StalledDeal(org, org.Rep);
            Nights(org, 7);

            var again = StallScan.ToEnd(org);

            Assert.Equal(0, again.Sum(n => n.RemindersSent));
            Assert.Single(TasksAbout(org, deal, "Reminder: "));
            Assert.Equal(T0.AddDays(11).AddHours(23), org.Get(Opportunity.EntityName, deal).GetAttributeValue<DateTime>(Opportunity.NextReminderOn));
        }

        [Fact]
        public void Should_escalate_to_the_managers_manager_when_the_manager_has_left()
        {
            var org = new LeadRecycleOrganization();
            BuildDevelopHistory(org);
            var director = org.Org.CreateUser("Dana Director");
            var manager = org.Org.CreateUser("Gone Manager", managerId: director, isDisabled: true);
            var rep = org.Org.CreateUser("Riley Reporting", managerId: manager, roles: LeadRecycleInstallation.RepRoles);
            var deal = StalledDeal(org, rep);

            Nights(org, 12);

            Assert.Equal(director, Assert.Single(TasksAbout(org, deal, "Escalation: ")).GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id);
        }

        [Fact]
        public void Should_escalate_a_deal_whose_rep_has_no_manager_to_the_fallback_owner_or_count_it_without_recipient()
        {
            var team = Guid.NewGuid();
            var withFallback = new LeadRecycleOrganization($"{{ \"engagement\": {{ \"fallbackOwner\": {{ \"team\": \"{team}\" }} }} }}");
            withFallback.Org.Seed(new Entity(Team.EntityName, team) { ["name"] = "Sales operations" });
            BuildDevelopHistory(withFallback);
            var deal = StalledDeal(withFallback, withFallback.Rep);
            Nights(withFallback, 12);
            var escalation = Assert.Single(TasksAbout(withFallback, deal, "Escalation: "));
            Assert.Equal((Team.EntityName, team), (escalation.GetAttributeValue<EntityReference>(CommonColumns.OwnerId).LogicalName, escalation.GetAttributeValue<EntityReference>(CommonColumns.OwnerId).Id));

            var withoutFallback = new LeadRecycleOrganization();
            BuildDevelopHistory(withoutFallback);
            var alone = StalledDeal(withoutFallback, withoutFallback.Rep);
            var nights = Nights(withoutFallback, 12);
            Assert.Empty(TasksAbout(withoutFallback, alone, "Escalation: "));
            Assert.Equal(1, nights.Sum(n => n.EscalationsWithoutRecipient));
            Assert.Equal(0, nights.Sum(n => n.Escalations));
        }

        [Fact]
        public void Should_send_neither_reminders_nor_escalations_when_the_policy_turns_them_off()
        {
            var org = new LeadRecycleOrganization("{ \"stall\": { \"reminderDaysBeforeDue\": [], \"escalateDaysBeforeDue\": 0 } }");
            BuildDevelopHistory(org);
            var manager = org.Org.CreateUser("Morgan Manager");
            var deal = StalledDeal(org, org.Org.CreateUser("Riley Reporting", managerId: manager, roles: LeadRecycleInstallation.RepRoles));

            var nights = Nights(org, 14);

            Assert.Empty(TasksAbout(org, deal, "Reminder: "));
            Assert.Empty(TasksAbout(org, deal, "Escalation: "));
            Assert.Equal(0, nights.Sum(n => n.RemindersSent + n.Escalations));
            Assert.Equal(Opportunity.State.Lost, org.StateOf(Opportunity.EntityName, deal));
        }

        [Fact]
        public void Should_refuse_a_snooze_without_a_reason_and_keep_the_reason_given_with_one()
        {
            var org = new LeadRecycleOrganization();
            var deal = org.OpenOpportunity();
            var rep = org.As(org.Rep);

            var refused = Assert.ThrowsAny<Exception>(() => rep.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.SnoozeUntil] = T0.AddDays(10) }));
            Assert.Equal("Say why you are snoozing this deal: fill in Snooze reason together with Snooze until.", refused.Message);
            Assert.Null(org.Get(Opportunity.EntityName, deal).GetAttributeValue<DateTime?>(Opportunity.SnoozeUntil));

            var blank = Assert.ThrowsAny<Exception>(() => rep.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.SnoozeUntil] = T0.AddDays(10), [Opportunity.SnoozeReason] = "   " }));
            Assert.Equal(refused.Message, blank.Message);

            rep.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.SnoozeUntil] = T0.AddDays(10), [Opportunity.SnoozeReason] = "Budget signed off after the board meeting on the 9th" });
            var snoozed = org.Get(Opportunity.EntityName, deal);
            Assert.Equal(T0.AddDays(10), snoozed.GetAttributeValue<DateTime>(Opportunity.SnoozeUntil));
            Assert.Equal("Budget signed off after the board meeting on the 9th", snoozed.GetAttributeValue<string>(Opportunity.SnoozeReason));

            // Ending a snooze needs no reason.
            rep.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.SnoozeUntil] = null });
            Assert.Null(org.Get(Opportunity.EntityName, deal).GetAttributeValue<DateTime?>(Opportunity.SnoozeUntil));
        }

        [Fact]
        public void Should_hold_reminders_while_a_deal_is_snoozed_and_start_a_fresh_service_level_when_the_snooze_ends()
        {
            var org = new LeadRecycleOrganization();
            BuildDevelopHistory(org);
            var deal = StalledDeal(org, org.Rep);
            Nights(org, 0);
            org.As(org.Rep).Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.SnoozeUntil] = T0.AddDays(20), [Opportunity.SnoozeReason] = "Customer on leave until the 20th" });

            var nights = Nights(org, 19);

            Assert.Empty(TasksAbout(org, deal, "Reminder: "));
            Assert.Equal(0, nights.Sum(n => n.RemindersSent + n.Escalations + n.Recycled));
            Assert.Equal(Opportunity.State.Open, org.StateOf(Opportunity.EntityName, deal));

            // Night 20: the snooze ended without progress; the deal is flagged afresh, due on night 34, reminded on night 27.
            org.Clock.Set(T0.AddDays(20).AddHours(23));
            Assert.Equal(1, StallScan.ToEnd(org).Sum(n => n.SnoozesEnded));
            var flagged = org.Get(Opportunity.EntityName, deal);
            Assert.Equal(T0.AddDays(34).AddHours(23), flagged.GetAttributeValue<DateTime>(Opportunity.ServiceLevelDue));
            Assert.Equal(T0.AddDays(27).AddHours(23), flagged.GetAttributeValue<DateTime>(Opportunity.NextReminderOn));
            Assert.Equal("Customer on leave until the 20th", flagged.GetAttributeValue<string>(Opportunity.SnoozeReason));
        }
        [Fact]
        public void Should_show_the_snooze_and_the_service_level_on_the_opportunity_form_and_in_the_stalled_deals_view()
        {
            var form = Assert.Single(UnpackedSource.Product.Forms, f => string.Equals(f.Table, Opportunity.EntityName, StringComparison.OrdinalIgnoreCase)
                && (string?)f.Element.Descendants("LocalizedName").First().Attribute("description") == "LeadRecycle Opportunity").Element;
            var controls = form.Descendants("control").ToDictionary(c => (string)c.Attribute("datafieldname")!, c => (string)c.Attribute("disabled")!);

            // The rep sets the snooze and its reason; the scan's own columns are shown read-only (the guard refuses them anyway).
            Assert.Equal("false", controls[Opportunity.SnoozeUntil]);
            Assert.Equal("false", controls[Opportunity.SnoozeReason]);
            foreach (var scanOwned in new[] { Opportunity.AgingStatus, Opportunity.StalledOn, Opportunity.ServiceLevelDue, Opportunity.NextReminderOn, Opportunity.EscalatedOn })
            {
                Assert.Equal("true", controls[scanOwned]);
            }

            var view = Assert.Single(UnpackedSource.Product.Views, v => (string?)v.Element.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description") == "Stalled Opportunities by Stage").Element;
            var cells = view.Descendants("cell").Select(c => (string)c.Attribute("name")!).ToArray();
            Assert.Contains(Opportunity.SnoozeUntil, cells);
            Assert.Contains(Opportunity.SnoozeReason, cells);
            Assert.Contains(Opportunity.ServiceLevelDue, cells);
            Assert.Contains(Opportunity.EscalatedOn, cells);
        }
    }
}
