using System;
using System.Linq;
using System.Text.Json;
using LeadRecycle.CustomApis;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using LeadRecycle.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Pipeline
{
    /// <summary>
    /// lr_GetReturnToNurtureRequirements, called as a rep through the pipeline with security enforced: what the Return to
    /// Nurture dialog marks as required is what the PreValidation step then enforces, because both read one policy.
    /// </summary>
    public sealed class ReturnToNurtureRequirementsTests
    {
        private sealed record ReasonRequirement(int Reason, bool RemovesFromWaterfall, string? Stream, string[] Requires);

        private static ReasonRequirement[] Ask(IOrganizationService service)
        {
            var response = service.Execute(new OrganizationRequest(GetReturnToNurtureRequirementsApi.UniqueName));
            using var json = JsonDocument.Parse((string)response["Requirements"]);
            return json.RootElement.GetProperty("reasons").EnumerateArray().Select(r => new ReasonRequirement(
                r.GetProperty("reason").GetInt32(),
                r.GetProperty("removesFromWaterfall").GetBoolean(),
                r.GetProperty("stream").GetString(),
                r.GetProperty("requires").EnumerateArray().Select(f => f.GetString()!).ToArray())).ToArray();
        }

        private static OrganizationRequest ReturnToNurture(Guid opportunity, int reason, string[] fields)
        {
            var request = new OrganizationRequest(ReturnToNurtureApi.UniqueName)
            {
                ["Target"] = new EntityReference(Opportunity.EntityName, opportunity),
                ["Reason"] = new OptionSetValue(reason),
            };
            foreach (var field in fields)
            {
                request[field] = Enum.Parse<ChecklistField>(field) switch
                {
                    ChecklistField.EffortType => new OptionSetValue((int)EffortType.MarketingNurture),
                    ChecklistField.TargetStage => new OptionSetValue((int)LeadDevelopmentStage.Inquiry),
                    ChecklistField.Likelihood => new OptionSetValue((int)Likelihood.Two),
                    _ => "Said on the last call.",
                };
            }

            return request;
        }

        [Fact]
        public void Should_give_the_rep_each_reasons_required_fields_when_the_policy_is_the_default()
        {
            // Arrange
            var org = new PersonaOrganization();

            // Act
            var requirements = Ask(org.As(org.Rep));

            // Assert: every reason a rep may choose, in the choice's order, as the default policy has it.
            var expected = RecyclePolicy.Default.Reasons.Values.Where(r => r.Reason != DisqualificationReason.StalledInStage).OrderBy(r => (int)r.Reason).ToArray();
            Assert.Equal(expected.Select(r => (int)r.Reason), requirements.Select(r => r.Reason));
            foreach (var (policy, answer) in expected.Zip(requirements))
            {
                Assert.Equal(policy.RequiredFields.Select(f => f.ToString()), answer.Requires);
                Assert.Equal(policy.RemovesFromWaterfall, answer.RemovesFromWaterfall);
                Assert.Equal(policy.Stream is NurtureStream stream ? Labels.Streams[stream] : null, answer.Stream);
            }

            Assert.Equal(new[] { "Background", "EffortType", "TargetStage", "WhoIsInvolved" }, requirements.Single(r => r.Reason == (int)DisqualificationReason.DecisionMakerChanged).Requires);
            Assert.Equal(
                new[] { (int)DisqualificationReason.NotAPotentialBuyer, (int)DisqualificationReason.DuplicateOrBadData },
                requirements.Where(r => r.RemovesFromWaterfall).Select(r => r.Reason));
        }

        [Fact]
        public void Should_follow_the_admins_policy_when_it_changes_what_a_reason_requires()
        {
            // Arrange
            var org = new LeadRecycleOrganization(@"{ ""reasons"": {
                ""NoBudget"": { ""requires"": [""likelihood"", ""impediments""] },
                ""UnableToReach"": { ""removeFromWaterfall"": true } } }");

            // Act
            var requirements = Ask(org.As(org.Rep));

            // Assert
            Assert.Equal(new[] { "Likelihood", "Impediments" }, requirements.Single(r => r.Reason == (int)DisqualificationReason.NoBudget).Requires);
            var unreachable = requirements.Single(r => r.Reason == (int)DisqualificationReason.UnableToReach);
            Assert.True(unreachable.RemovesFromWaterfall);
            Assert.Null(unreachable.Stream);
        }

        [Fact]
        public void Should_accept_exactly_the_fields_it_names_and_refuse_one_less_when_the_rep_then_returns_the_deal()
        {
            // Arrange
            var org = new PersonaOrganization();
            var rep = org.As(org.Rep);
            var requirements = Ask(rep);

            foreach (var requirement in requirements.Where(r => r.Requires.Length > 0))
            {
                var opportunity = org.Setup.OpenOpportunity(org.Rep, name: "Deal " + requirement.Reason);

                // Act: one field short, then exactly what the function named.
                var refusal = Assert.ThrowsAny<Exception>(() => rep.Execute(ReturnToNurture(opportunity, requirement.Reason, requirement.Requires.Skip(1).ToArray())));
                rep.Execute(ReturnToNurture(opportunity, requirement.Reason, requirement.Requires));

                // Assert
                Assert.Contains(" needs: ", refusal.Message, StringComparison.Ordinal);
                Assert.Equal(Opportunity.State.Lost, org.Setup.StateOf(Opportunity.EntityName, opportunity));
            }
        }
    }
}
