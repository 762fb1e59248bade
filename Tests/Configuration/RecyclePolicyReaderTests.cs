using System;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using Xunit;

namespace LeadRecycle.Tests.Configuration
{
    public sealed class RecyclePolicyReaderTests
    {
        private const string Prefix = "LeadRecycle's configuration (environment variable lr_RecyclePolicy) is invalid: ";
        private const string Suffix = " An administrator must correct it.";

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        public void Should_use_the_compiled_defaults_when_the_variable_is_empty(string? json)
        {
            var policy = RecyclePolicyReader.Read(json);

            Assert.Same(RecyclePolicy.Default, policy);
            Assert.Null(policy.MarketingOwner);
            Assert.Equal(NurtureStream.NewStakeholder, policy.For(DisqualificationReason.DecisionMakerChanged).Stream);
            Assert.True(policy.For(DisqualificationReason.NotAPotentialBuyer).RemovesFromWaterfall);
            Assert.True(policy.For(DisqualificationReason.DuplicateOrBadData).RemovesFromWaterfall);
        }

        [Fact]
        public void Should_cover_every_reason_in_the_defaults()
        {
            foreach (DisqualificationReason reason in Enum.GetValues(typeof(DisqualificationReason)))
            {
                Assert.Equal(reason, RecyclePolicy.Default.For(reason).Reason);
            }
        }

        [Fact]
        public void Should_override_only_what_the_admin_names_when_the_json_is_valid()
        {
            var policy = RecyclePolicyReader.Read(@"{
                ""marketingOwner"": { ""team"": ""6f0e2f5a-8d3c-4a51-9a3e-1c2b3d4e5f60"" },
                ""reasons"": {
                    ""NoBudget"": { ""stream"": ""BudgetCycle"", ""requires"": [""background""] },
                    ""UnableToReach"": { ""removeFromWaterfall"": true }
                }
            }");

            Assert.Equal("team", policy.MarketingOwner!.LogicalName);
            Assert.Equal(new Guid("6f0e2f5a-8d3c-4a51-9a3e-1c2b3d4e5f60"), policy.MarketingOwner.Id);
            Assert.Equal(NurtureStream.BudgetCycle, policy.For(DisqualificationReason.NoBudget).Stream);
            Assert.Equal(new[] { ChecklistField.Background }, policy.For(DisqualificationReason.NoBudget).RequiredFields);
            Assert.True(policy.For(DisqualificationReason.UnableToReach).RemovesFromWaterfall);
            Assert.Equal(RecyclePolicy.Default.For(DisqualificationReason.DecisionMakerChanged).RequiredFields,
                policy.For(DisqualificationReason.DecisionMakerChanged).RequiredFields);
        }

        [Fact]
        public void Should_read_the_stall_section_over_its_defaults()
        {
            var policy = RecyclePolicyReader.Read("{ \"stall\": { \"multiplier\": 4, \"serviceLevelDays\": 7, \"stageSource\": \"BusinessProcessFlow\" } }");

            Assert.Equal(4, policy.Stall.Multiplier);
            Assert.Equal(2, policy.Stall.WarningMultiplier);
            Assert.Equal(7, policy.Stall.ServiceLevelDays);
            Assert.Equal(LeadRecycle.Services.Aging.StageSource.BusinessProcessFlow, policy.Stall.StageSource);

            // The default reminders (7 and 3 days before due) and escalation (3) within a 7-day service level: the
            // 7-day reminder would come the moment the deal stalls, so it is skipped, not refused.
            var due = new System.DateTime(2026, 6, 15, 0, 0, 0, System.DateTimeKind.Utc);
            Assert.Equal(due.AddDays(-3), policy.Stall.NextReminder(due, due.AddDays(-7)));
            Assert.Null(policy.Stall.NextReminder(due, due.AddDays(-3)));
            Assert.Equal(due.AddDays(-3), policy.Stall.Escalation(due));
        }

        [Fact]
        public void Should_read_the_engagement_section_over_its_defaults()
        {
            var policy = RecyclePolicyReader.Read(@"{ ""engagement"": { ""points"": { ""EmailReply"": 25 }, ""threshold"": 40, ""thresholds"": { ""BudgetCycle"": 70 },
                ""routeOnLikelihood"": [4], ""fallbackOwner"": { ""team"": ""6f0e2f5a-8d3c-4a51-9a3e-1c2b3d4e5f60"" }, ""returnAction"": ""ReopenOpportunity"", ""maxRecycles"": 2 } }");

            var engagement = policy.Engagement;
            Assert.Equal(25m, engagement.PointsFor(EngagementType.EmailReply));
            Assert.Equal(10m, engagement.PointsFor(EngagementType.FormSubmission));
            Assert.Equal(70m, engagement.ThresholdFor(NurtureStream.BudgetCycle));
            Assert.Equal(40m, engagement.ThresholdFor(NurtureStream.NewStakeholder));
            Assert.False(engagement.RoutesAtOnce(Likelihood.Three));
            Assert.True(engagement.RoutesAtOnce(Likelihood.Four));
            Assert.Equal("team", engagement.FallbackOwner!.LogicalName);
            Assert.Equal(ReturnAction.ReopenOpportunity, engagement.ReturnAction);
            Assert.Equal(2, engagement.MaxRecycles);
        }

        [Fact]
        public void Should_accept_a_policy_that_removes_every_rep_reason_when_the_scan_keeps_nurturing_stalled_deals()
        {
            var reasons = Enum.GetNames(typeof(DisqualificationReason)).Where(name => name != nameof(DisqualificationReason.StalledInStage))
                .Select(name => "\"" + name + "\": { \"removeFromWaterfall\": true }");

            var policy = RecyclePolicyReader.Read("{ \"reasons\": { " + string.Join(", ", reasons) + " }, \"stall\": { \"multiplier\": 2, \"warningMultiplier\": 2 } }");

            Assert.True(policy.For(DisqualificationReason.NoBudget).RemovesFromWaterfall);
            Assert.Equal(NurtureStream.StalledDealRequalification, policy.For(DisqualificationReason.StalledInStage).Stream);
            Assert.Equal(2, policy.Stall.WarningMultiplier);
        }

        [Theory]
        [InlineData("{ \"reasons\": ", "it is not valid JSON: the JSON ends where a value was expected at character 14.")]
        [InlineData("[1]", "The policy must be an object; got an array.")]
        [InlineData("{ \"reasonz\": {} }", "'reasonz' is not a setting LeadRecycle knows. Expected 'marketingOwner', 'reasons', 'stall', 'engagement'. Did you mean 'reasons'?")]
        [InlineData("{ \"engagement\": { \"points\": { \"Click\": 3 } } }", "'engagement.points.Click' must be an engagement type, one of: EmailClick, FormSubmission, WebinarAttended, EmailReply, MeetingBooked, WebVisit, LikelihoodAnswer; got \"Click\".")]
        [InlineData("{ \"engagement\": { \"thresholds\": { \"Budget\": 3 } } }", "'engagement.thresholds.Budget' must be a nurture stream, one of: NewStakeholder, BudgetCycle, BusinessPriorities, LongTermTiming, ReEngagement, CompetitiveDisplacement, ValueAndRoi, StalledDealRequalification; got \"Budget\".")]
        [InlineData("{ \"engagement\": { \"routeOnLikelihood\": [5] } }", "'engagement.routeOnLikelihood[0]' must be a whole number from 1 to 4; got 5.")]
        [InlineData("{ \"engagement\": { \"returnAction\": \"Reopen\" } }", "'engagement.returnAction' must be a return action, one of: NewLead, ReopenOpportunity; got \"Reopen\".")]
        [InlineData("{ \"engagement\": { \"halfLifeDays\": 0 } }", "'engagement.halfLifeDays' must be a number from 1 to 3650; got 0.")]
        [InlineData("{ \"engagement\": { \"fallbackOwner\": { \"team\": \"\" } } }", "'engagement.fallbackOwner.team' must be a record id (GUID); got \"\".")]
        [InlineData("{ \"engagement\": { \"fallbackOwner\": { \"group\": \"6f0e2f5a-8d3c-4a51-9a3e-1c2b3d4e5f60\" } } }", "'engagement.fallbackOwner.group' is not a setting LeadRecycle knows. Expected 'team', 'user', 'queue'.")]
        [InlineData("{ \"stall\": { \"multiplier\": 0.5 } }", "'stall.multiplier' must be a number above 1 and at most 20; got 0.5.")]
        [InlineData("{ \"stall\": { \"multiplier\": 1 } }", "'stall.multiplier' must be a number above 1 and at most 20; got 1.")]
        [InlineData("{ \"stall\": { \"multiplier\": 500 } }", "'stall.multiplier' must be a number above 1 and at most 20; got 500.")]
        [InlineData("{ \"stall\": { \"warningMultiplier\": -2 } }", "'stall.warningMultiplier' must be a number above 1 and at most 20; got -2.")]
        [InlineData("{ \"stall\": { \"multiplier\": 1e400 } }", "'stall.multiplier' must be a number above 1 and at most 20; got 1e400.")]
        [InlineData("{ \"stall\": { \"fallbackDays\": -1 } }", "'stall.fallbackDays' must be a number from 1 to 3650; got -1.")]
        [InlineData("{ \"stall\": { \"serviceLevelDays\": 0 } }", "'stall.serviceLevelDays' must be a whole number from 1 to 365; got 0.")]
        [InlineData("{ \"stall\": { \"minimumSamples\": 99999999999999999999 } }", "'stall.minimumSamples' must be a whole number from 1 to 100000; got 99999999999999999999.")]
        [InlineData("{ \"stall\": { \"leadServiceLevelDays\": \"7\" } }", "'stall.leadServiceLevelDays' must be a whole number from 1 to 365; got \"7\".")]
        [InlineData("{ \"stall\": { \"salesAcceptedLeadStatuses\": [] } }", "'stall.salesAcceptedLeadStatuses' must name at least one of the open lead status reasons (1 New, 2 Contacted, or a custom open status): an empty list would never recycle an idle lead.")]
        [InlineData("{ \"stall\": { \"salesAcceptedLeadStatuses\": [1, 3] } }", "'stall.salesAcceptedLeadStatuses[1]' is 3, a closed lead status (3 Qualified, 4 to 7 Disqualified); name open lead status reasons (1 New, 2 Contacted, or a custom open status).")]
        [InlineData("{ \"stall\": { \"Multiplier\": 4 } }", "'stall.Multiplier' is not a setting LeadRecycle knows. Expected 'multiplier', 'warningMultiplier', 'minimumSamples', 'fallbackDays', 'serviceLevelDays', 'stageSource', 'leadServiceLevelDays', 'salesAcceptedLeadStatuses', 'maxSnoozeDays', 'reminderDaysBeforeDue', 'escalateDaysBeforeDue', 'segmentColumn', 'segmentBands'. Did you mean 'multiplier'?")]
        [InlineData("{ \"stall\": { \"multiplier\": 4, \"multiplier\": 5 } }", "it is not valid JSON: the property 'stall.multiplier' appears twice at character 43.")]
        [InlineData("{ \"engagement\": { \"maxRecycles\": 0 } }", "'engagement.maxRecycles' must be a whole number from 1 to 100; got 0.")]
        [InlineData("{ \"engagement\": { \"threshold\": -5 } }", "'engagement.threshold' must be a number from 1 to 1000000; got -5.")]
        [InlineData("{ \"engagement\": { \"points\": { \"emailReply\": 3 } } }", "'engagement.points.emailReply' must be an engagement type, one of: EmailClick, FormSubmission, WebinarAttended, EmailReply, MeetingBooked, WebVisit, LikelihoodAnswer; got \"emailReply\".")]
        [InlineData("{ \"engagement\": { \"points\": { \"3\": 3 } } }", "'engagement.points.3' must be an engagement type, one of: EmailClick, FormSubmission, WebinarAttended, EmailReply, MeetingBooked, WebVisit, LikelihoodAnswer; got \"3\".")]
        [InlineData("{ \"engagement\": { \"points\": { \"\": 3 } } }", "'engagement.points.' must be an engagement type, one of: EmailClick, FormSubmission, WebinarAttended, EmailReply, MeetingBooked, WebVisit, LikelihoodAnswer; got \"\".")]
        [InlineData("{ \"engagement\": { \"returnAction\": {} } }", "'engagement.returnAction' must be a return action, one of: NewLead, ReopenOpportunity; got an object.")]
        [InlineData("{ \"reasons\": { \"noBudget\": {} } }", "'reasons.noBudget' must be a reason, one of: DecisionMakerChanged, FundingDelayedOrCancelled, PrioritiesChanged, TimingExtendedOrUncertain, UnableToReach, LostToCompetitor, NoBudget, StalledInStage, NotAPotentialBuyer, DuplicateOrBadData; got \"noBudget\".")]
        [InlineData("{ \"reasons\": { \"NoBudget, UnableToReach\": {} } }", "'reasons.NoBudget, UnableToReach' must be a reason, one of: DecisionMakerChanged, FundingDelayedOrCancelled, PrioritiesChanged, TimingExtendedOrUncertain, UnableToReach, LostToCompetitor, NoBudget, StalledInStage, NotAPotentialBuyer, DuplicateOrBadData; got \"NoBudget, UnableToReach\".")]
        [InlineData("{ \"reasons\": { \"StalledInStage\": { \"requires\": [\"effortType\"] } } }", "'reasons.StalledInStage.requires' cannot be set: only LeadRecycle's stall scan closes with StalledInStage, and nobody fills in a checklist for it. Remove 'reasons.StalledInStage.requires'.")]
        [InlineData("{ \"reasons\": { \"StalledInStage\": { \"requires\": [] } } }", "'reasons.StalledInStage.requires' cannot be set: only LeadRecycle's stall scan closes with StalledInStage, and nobody fills in a checklist for it. Remove 'reasons.StalledInStage.requires'.")]
        [InlineData("{ \"stall\": { \"multiplier\": NaN } }", "it is not valid JSON: unexpected character 'N' at character 28.")]
        [InlineData("{ \"stall\": { \"multiplier\": +3 } }", "it is not valid JSON: unexpected character '+' at character 28.")]
        [InlineData("{ \"stall\": { \"multiplier\": -Infinity } }", "it is not valid JSON: a number needs a digit here at character 29.")]
        [InlineData("{ \"stall\": { \"minimumSamples\": 2.5 } }", "'stall.minimumSamples' must be a whole number from 1 to 100000; got 2.5.")]
        [InlineData("{ \"stall\": { \"warningMultiplier\": 4 } }", "'stall.warningMultiplier' (4) must not be above 'stall.multiplier' (3).")]
        [InlineData("{ \"stall\": { \"stageSource\": \"Bpf\" } }", "'stall.stageSource' must be a stage source, one of: SalesStage, BusinessProcessFlow; got \"Bpf\".")]
        [InlineData("{ \"stall\": { \"slaDays\": 3 } }", "'stall.slaDays' is not a setting LeadRecycle knows. Expected 'multiplier', 'warningMultiplier', 'minimumSamples', 'fallbackDays', 'serviceLevelDays', 'stageSource', 'leadServiceLevelDays', 'salesAcceptedLeadStatuses', 'maxSnoozeDays', 'reminderDaysBeforeDue', 'escalateDaysBeforeDue', 'segmentColumn', 'segmentBands'.")]
        [InlineData("{ \"stall\": { \"serviceLevelDays\": 10, \"reminderDaysBeforeDue\": [12, 3] } }", "'stall.reminderDaysBeforeDue' has 12, which is not below 'stall.serviceLevelDays' (10): that reminder would come before the deal stalls.")]
        [InlineData("{ \"stall\": { \"escalateDaysBeforeDue\": 14 } }", "'stall.escalateDaysBeforeDue' (14) is not below 'stall.serviceLevelDays' (14): the manager would hear of the deal before it stalls.")]
        [InlineData("{ \"stall\": { \"reminderDaysBeforeDue\": [0] } }", "'stall.reminderDaysBeforeDue[0]' must be a whole number from 1 to 364; got 0.")]
        [InlineData("{ \"stall\": { \"escalateDaysBeforeDue\": -1 } }", "'stall.escalateDaysBeforeDue' must be a whole number from 0 to 364; got -1.")]
        [InlineData("{ \"reasons\": { \"NoMoney\": {} } }", "'reasons.NoMoney' must be a reason, one of: DecisionMakerChanged, FundingDelayedOrCancelled, PrioritiesChanged, TimingExtendedOrUncertain, UnableToReach, LostToCompetitor, NoBudget, StalledInStage, NotAPotentialBuyer, DuplicateOrBadData; got \"NoMoney\".")]
        [InlineData("{ \"reasons\": { \"NoBudget\": { \"stream\": \"Budget\" } } }", "'reasons.NoBudget.stream' must be a nurture stream, one of: NewStakeholder, BudgetCycle, BusinessPriorities, LongTermTiming, ReEngagement, CompetitiveDisplacement, ValueAndRoi, StalledDealRequalification; got \"Budget\".")]
        [InlineData("{ \"reasons\": { \"NoBudget\": { \"stream\": 5 } } }", "'reasons.NoBudget.stream' must be a nurture stream, one of: NewStakeholder, BudgetCycle, BusinessPriorities, LongTermTiming, ReEngagement, CompetitiveDisplacement, ValueAndRoi, StalledDealRequalification; got 5.")]
        [InlineData("{ \"reasons\": { \"NoBudget\": { \"requires\": [\"budget\"] } } }", "'reasons.NoBudget.requires[0]' must be a checklist field, one of: background, effortType, targetStage, likelihood, decisionCriteria, impediments, whoIsInvolved; got \"budget\".")]
        [InlineData("{ \"reasons\": { \"NoBudget\": { \"removeFromWaterfall\": \"yes\" } } }", "'reasons.NoBudget.removeFromWaterfall' must be true or false; got \"yes\".")]
        [InlineData("{ \"reasons\": { \"NoBudget\": { \"stream\": \"BudgetCycle\", \"removeFromWaterfall\": true } } }", "'reasons.NoBudget' cannot both name a stream and remove from the waterfall.")]
        [InlineData("{ \"reasons\": { \"NotAPotentialBuyer\": { \"removeFromWaterfall\": false } } }", "'reasons.NotAPotentialBuyer.removeFromWaterfall' is false, so 'reasons.NotAPotentialBuyer.stream' must name the nurture stream.")]
        [InlineData("{ \"reasons\": { \"StalledInStage\": { \"removeFromWaterfall\": true } } }", "'reasons.StalledInStage' must keep a nurture stream: stalled deals are always nurtured (passive recycling).")]
        [InlineData("{ \"reasons\": { \"NoBudget\": { \"streem\": \"BudgetCycle\" } } }", "'reasons.NoBudget.streem' is not a setting LeadRecycle knows. Expected 'stream', 'removeFromWaterfall', 'requires'. Did you mean 'stream'?")]
        [InlineData("{ \"marketingOwner\": { \"team\": \"not-a-guid\" } }", "'marketingOwner.team' must be a record id (GUID); got \"not-a-guid\".")]
        [InlineData("{ \"marketingOwner\": { \"queue\": \"6f0e2f5a-8d3c-4a51-9a3e-1c2b3d4e5f60\" } }", "'marketingOwner.queue' is not a setting LeadRecycle knows. Expected 'team', 'user'.")]
        [InlineData("{ \"marketingOwner\": {} }", "'marketingOwner' must name exactly one owner: { \"team\": \"GUID\" } or { \"user\": \"GUID\" }.")]
        [InlineData("{ \"reasons\": {}, \"reasons\": {} }", "it is not valid JSON: the property 'reasons' appears twice at character 27.")]
        [InlineData("[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]", "it is not valid JSON: objects and arrays are nested more than 16 levels deep at character 17.")]
        public void Should_refuse_a_bad_configuration_naming_the_key(string json, string detail)
        {
            var exception = Assert.Throws<PolicyException>(() => RecyclePolicyReader.Read(json));

            Assert.Equal(Prefix + detail + Suffix, exception.Message);
        }
    }

    public sealed class JsonDocumentReaderTests
    {
        [Fact]
        public void Should_refuse_without_overflowing_the_stack_when_the_json_nests_thousands_of_levels()
        {
            var json = new string('[', 100000) + new string(']', 100000);

            var exception = Assert.Throws<JsonFormatException>(() => JsonDocumentReader.Parse(json));

            Assert.Equal("objects and arrays are nested more than 16 levels deep at character 17", exception.Message);
        }

        [Fact]
        public void Should_read_sixteen_levels_of_nesting_when_that_is_the_limit()
        {
            var json = new string('[', JsonDocumentReader.MaxDepth) + new string(']', JsonDocumentReader.MaxDepth);

            var root = JsonDocumentReader.Parse(json);

            Assert.Equal(JsonKind.Array, root.Kind);
        }

        [Fact]
        public void Should_keep_a_number_too_large_for_a_decimal_as_written_when_it_is_valid_json()
        {
            var root = JsonDocumentReader.Parse("[1e400, -0.5E+2]");

            Assert.Null(root.Items[0].AsNumber);
            Assert.Equal("1e400", root.Items[0].ToString());
            Assert.Equal(-50m, root.Items[1].AsNumber);
        }

        [Fact]
        public void Should_read_nested_values_with_their_paths()
        {
            var root = JsonDocumentReader.Parse("{\"a\": {\"b\": [1.5, \"x\\n\\u0041\", true, null]}}");

            var b = root.Members.Single().Value.Members.Single().Value;
            Assert.Equal("a.b", b.Path);
            Assert.Equal(1.5m, b.Items[0].AsNumber);
            Assert.Equal("x\nA", b.Items[1].AsString);
            Assert.Equal(true, b.Items[2].AsBoolean);
            Assert.Equal(JsonKind.Null, b.Items[3].Kind);
            Assert.Equal("a.b[1]", b.Items[1].Path);
        }

        [Theory]
        [InlineData("{\"a\" 1}", "':' was expected at character 6")]
        [InlineData("{\"a\": tru}", "'true' was expected at character 7")]
        [InlineData("\"open", "a string is not closed at character 6")]
        [InlineData("{} x", "unexpected text after the end of the JSON value at character 4")]
        [InlineData("[1,]", "unexpected character ']' at character 4")]
        [InlineData("[01]", "']' was expected at character 3")]
        [InlineData("[1.]", "a number needs a digit after its decimal point at character 4")]
        [InlineData("[1e]", "a number needs a digit in its exponent at character 4")]
        [InlineData("[.5]", "unexpected character '.' at character 2")]
        [InlineData("\"\\u 12a\"", "a \\u escape needs four hexadecimal digits at character 4")]
        public void Should_refuse_malformed_json_with_its_position(string json, string message)
        {
            var exception = Assert.Throws<JsonFormatException>(() => JsonDocumentReader.Parse(json));

            Assert.Equal(message, exception.Message);
        }

        /// <summary>Issue 19: '"removeFromWaterfall": false' before '"stream"' was refused, after it accepted.</summary>
        [Theory]
        [InlineData("NotAPotentialBuyer", "\"removeFromWaterfall\": false", "\"stream\": \"LongTermTiming\"", "\"requires\": [\"background\"]")]
        [InlineData("NoBudget", "\"removeFromWaterfall\": true", "\"requires\": [\"background\"]", null)]
        [InlineData("NoBudget", "\"stream\": \"ReEngagement\"", "\"removeFromWaterfall\": false", null)]
        public void Should_read_a_reason_the_same_whatever_the_order_of_its_keys(string reason, string first, string second, string? third)
        {
            var keys = new[] { first, second, third }.Where(k => k != null).Cast<string>().ToArray();
            var orders = keys.Length == 2
                ? new[] { keys, new[] { keys[1], keys[0] } }
                : new[] { new[] { 0, 1, 2 }, new[] { 0, 2, 1 }, new[] { 1, 0, 2 }, new[] { 1, 2, 0 }, new[] { 2, 0, 1 }, new[] { 2, 1, 0 } }.Select(o => o.Select(i => keys[i]).ToArray()).ToArray();

            var read = orders
                .Select(order => RecyclePolicyReader.Read("{ \"reasons\": { \"" + reason + "\": { " + string.Join(", ", order) + " } } }").For(Enum.Parse<DisqualificationReason>(reason)))
                .Select(policy => (policy.Stream, Required: string.Join(",", policy.RequiredFields)))
                .ToList();

            Assert.Single(read.Distinct());
        }
    }
}
