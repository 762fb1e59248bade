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

        [Theory]
        [InlineData("{ \"reasons\": ", "it is not valid JSON: the JSON ends where a value was expected at character 14.")]
        [InlineData("[1]", "The policy must be an object; got an array.")]
        [InlineData("{ \"reasonz\": {} }", "'reasonz' is not a setting LeadRecycle knows. Expected 'marketingOwner', 'reasons', 'stall', 'engagement'.")]
        [InlineData("{ \"engagement\": { \"points\": { \"Click\": 3 } } }", "'engagement.points.Click' must be an engagement type, one of: EmailClick, FormSubmission, WebinarAttended, EmailReply, MeetingBooked, WebVisit, LikelihoodAnswer; got \"Click\".")]
        [InlineData("{ \"engagement\": { \"thresholds\": { \"Budget\": 3 } } }", "'engagement.thresholds.Budget' must be a nurture stream, one of: NewStakeholder, BudgetCycle, BusinessPriorities, LongTermTiming, ReEngagement, CompetitiveDisplacement, ValueAndRoi, StalledDealRequalification; got \"Budget\".")]
        [InlineData("{ \"engagement\": { \"routeOnLikelihood\": [5] } }", "'engagement.routeOnLikelihood[0]' must be a whole number from 1 to 4; got 5.")]
        [InlineData("{ \"engagement\": { \"returnAction\": \"Reopen\" } }", "'engagement.returnAction' must be a return action, one of: NewLead, ReopenOpportunity; got \"Reopen\".")]
        [InlineData("{ \"engagement\": { \"halfLifeDays\": 0 } }", "'engagement.halfLifeDays' must be a number from 1 to 3650; got 0.")]
        [InlineData("{ \"engagement\": { \"fallbackOwner\": { \"team\": \"\" } } }", "'engagement.fallbackOwner.team' must be a record id (GUID); got \"\".")]
        [InlineData("{ \"engagement\": { \"fallbackOwner\": { \"group\": \"6f0e2f5a-8d3c-4a51-9a3e-1c2b3d4e5f60\" } } }", "'engagement.fallbackOwner.group' is not a setting LeadRecycle knows. Expected 'team', 'user', 'queue'.")]
        [InlineData("{ \"stall\": { \"multiplier\": 0.5 } }", "'stall.multiplier' must be a number from 1 to 100; got 0.5.")]
        [InlineData("{ \"stall\": { \"minimumSamples\": 2.5 } }", "'stall.minimumSamples' must be a whole number from 1 to 100000; got 2.5.")]
        [InlineData("{ \"stall\": { \"warningMultiplier\": 4 } }", "'stall.warningMultiplier' (4) must not be above 'stall.multiplier' (3).")]
        [InlineData("{ \"stall\": { \"stageSource\": \"Bpf\" } }", "'stall.stageSource' must be one of: SalesStage, BusinessProcessFlow; got \"Bpf\".")]
        [InlineData("{ \"stall\": { \"slaDays\": 3 } }", "'stall.slaDays' is not a setting LeadRecycle knows. Expected 'multiplier', 'warningMultiplier', 'minimumSamples', 'fallbackDays', 'serviceLevelDays', 'stageSource', 'leadServiceLevelDays', 'salesAcceptedLeadStatuses'.")]
        [InlineData("{ \"reasons\": { \"NoMoney\": {} } }", "'reasons.NoMoney' is not a reason. Expected one of: DecisionMakerChanged, FundingDelayedOrCancelled, PrioritiesChanged, TimingExtendedOrUncertain, UnableToReach, LostToCompetitor, NoBudget, StalledInStage, NotAPotentialBuyer, DuplicateOrBadData.")]
        [InlineData("{ \"reasons\": { \"NoBudget\": { \"stream\": \"Budget\" } } }", "'reasons.NoBudget.stream' must be a nurture stream name, one of: NewStakeholder, BudgetCycle, BusinessPriorities, LongTermTiming, ReEngagement, CompetitiveDisplacement, ValueAndRoi, StalledDealRequalification; got \"Budget\".")]
        [InlineData("{ \"reasons\": { \"NoBudget\": { \"stream\": 5 } } }", "'reasons.NoBudget.stream' must be a nurture stream name, one of: NewStakeholder, BudgetCycle, BusinessPriorities, LongTermTiming, ReEngagement, CompetitiveDisplacement, ValueAndRoi, StalledDealRequalification; got 5.")]
        [InlineData("{ \"reasons\": { \"NoBudget\": { \"requires\": [\"budget\"] } } }", "'reasons.NoBudget.requires[0]' must be one of: background, effortType, targetStage, likelihood, decisionCriteria, impediments, whoIsInvolved; got \"budget\".")]
        [InlineData("{ \"reasons\": { \"NoBudget\": { \"removeFromWaterfall\": \"yes\" } } }", "'reasons.NoBudget.removeFromWaterfall' must be true or false; got \"yes\".")]
        [InlineData("{ \"reasons\": { \"NoBudget\": { \"stream\": \"BudgetCycle\", \"removeFromWaterfall\": true } } }", "'reasons.NoBudget' cannot both name a stream and remove from the waterfall.")]
        [InlineData("{ \"reasons\": { \"NotAPotentialBuyer\": { \"removeFromWaterfall\": false } } }", "'reasons.NotAPotentialBuyer.removeFromWaterfall' is false, so 'reasons.NotAPotentialBuyer.stream' must name the nurture stream.")]
        [InlineData("{ \"reasons\": { \"StalledInStage\": { \"removeFromWaterfall\": true } } }", "'reasons.StalledInStage' must keep a nurture stream: stalled deals are always nurtured (passive recycling).")]
        [InlineData("{ \"reasons\": { \"NoBudget\": { \"streem\": \"BudgetCycle\" } } }", "'reasons.NoBudget.streem' is not a setting LeadRecycle knows. Expected 'stream', 'removeFromWaterfall', 'requires'.")]
        [InlineData("{ \"marketingOwner\": { \"team\": \"not-a-guid\" } }", "'marketingOwner.team' must be a record id (GUID); got \"not-a-guid\".")]
        [InlineData("{ \"marketingOwner\": { \"queue\": \"6f0e2f5a-8d3c-4a51-9a3e-1c2b3d4e5f60\" } }", "'marketingOwner.queue' is not a setting LeadRecycle knows. Expected 'team', 'user'.")]
        [InlineData("{ \"marketingOwner\": {} }", "'marketingOwner' must name exactly one owner: { \"team\": \"GUID\" } or { \"user\": \"GUID\" }.")]
        [InlineData("{ \"reasons\": {}, \"reasons\": {} }", "it is not valid JSON: the property 'reasons' appears twice at character 27.")]
        public void Should_refuse_a_bad_configuration_naming_the_key(string json, string detail)
        {
            var exception = Assert.Throws<PolicyException>(() => RecyclePolicyReader.Read(json));

            Assert.Equal(Prefix + detail + Suffix, exception.Message);
        }
    }

    public sealed class JsonDocumentReaderTests
    {
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
        public void Should_refuse_malformed_json_with_its_position(string json, string message)
        {
            var exception = Assert.Throws<JsonFormatException>(() => JsonDocumentReader.Parse(json));

            Assert.Equal(message, exception.Message);
        }
    }
}
