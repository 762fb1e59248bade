using System;
using System.Linq;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using LeadRecycle.Tests.Support;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace LeadRecycle.Tests.Configuration
{
    /// <summary>
    /// A policy cannot stop sales: an admin's save of a bad policy is refused with the key named, and a bad policy
    /// that is stored anyway is set aside (last valid policy, else the defaults) without reps noticing.
    /// </summary>
    public sealed class PolicyPipelineTests
    {
        private const string Broken = "{ \"stall\": { \"multiplier\": 0 } }";

        private const string BrokenMessage =
            "LeadRecycle's configuration (environment variable lr_RecyclePolicy) is invalid: 'stall.multiplier' must be a number above 1 and at most 20; got 0. An administrator must correct it.";

        private static Guid PolicyDefinition(LeadRecycleOrganization org) =>
            org.Org.All(EnvironmentVariableDefinition.EntityName)
                .Single(d => (string)d[EnvironmentVariableDefinition.SchemaName] == PolicyVariable.SchemaName).Id;

        private static Entity Value(Guid definition, string json) => new Entity(EnvironmentVariableValue.EntityName)
        {
            [EnvironmentVariableValue.Definition] = new EntityReference(EnvironmentVariableDefinition.EntityName, definition),
            [EnvironmentVariableValue.Value] = json,
        };

        [Fact]
        public void Should_refuse_the_admins_new_value_naming_the_key_when_the_policy_is_invalid()
        {
            var org = new LeadRecycleOrganization("{}");

            var error = Assert.Throws<InvalidPluginExecutionException>(() => org.Service.Create(Value(PolicyDefinition(org), Broken)));

            Assert.Equal(BrokenMessage, error.Message);
            Assert.Empty(org.Org.All(EnvironmentVariableValue.EntityName));
        }

        [Fact]
        public void Should_refuse_the_admins_change_of_a_value_when_the_new_policy_is_invalid()
        {
            var org = new LeadRecycleOrganization("{}");
            var value = org.Service.Create(Value(PolicyDefinition(org), "{ \"stall\": { \"multiplier\": 4 } }"));

            var error = Assert.Throws<InvalidPluginExecutionException>(() =>
                org.Service.Update(new Entity(EnvironmentVariableValue.EntityName, value) { [EnvironmentVariableValue.Value] = "{ \"reasons\": { \"StalledInStage\": { \"requires\": [\"effortType\"] } } }" }));

            Assert.Equal(
                "LeadRecycle's configuration (environment variable lr_RecyclePolicy) is invalid: 'reasons.StalledInStage.requires' cannot be set: only LeadRecycle's stall scan closes with StalledInStage, and nobody fills in a checklist for it. Remove 'reasons.StalledInStage.requires'. An administrator must correct it.",
                error.Message);
            Assert.Equal("{ \"stall\": { \"multiplier\": 4 } }", org.Get(EnvironmentVariableValue.EntityName, value)[EnvironmentVariableValue.Value]);
        }

        [Fact]
        public void Should_refuse_the_admins_default_value_naming_the_key_when_the_policy_is_invalid()
        {
            var org = new LeadRecycleOrganization("{}");

            var error = Assert.Throws<InvalidPluginExecutionException>(() =>
                org.Service.Update(new Entity(EnvironmentVariableDefinition.EntityName, PolicyDefinition(org)) { [EnvironmentVariableDefinition.DefaultValue] = Broken }));

            Assert.Equal(BrokenMessage, error.Message);
        }

        [Fact]
        public void Should_refuse_a_new_policy_definition_naming_the_key_when_its_default_is_invalid()
        {
            var org = new LeadRecycleOrganization();

            var error = Assert.Throws<InvalidPluginExecutionException>(() => org.Service.Create(new Entity(EnvironmentVariableDefinition.EntityName)
            {
                [EnvironmentVariableDefinition.SchemaName] = PolicyVariable.SchemaName,
                [EnvironmentVariableDefinition.DefaultValue] = "{ \"engagement\": { \"halfLifeDays\": 0 } }",
            }));

            Assert.Equal(
                "LeadRecycle's configuration (environment variable lr_RecyclePolicy) is invalid: 'engagement.halfLifeDays' must be a number from 1 to 3650; got 0. An administrator must correct it.",
                error.Message);
        }

        [Fact]
        public void Should_accept_any_text_when_the_variable_is_not_leadrecycles_policy()
        {
            var org = new LeadRecycleOrganization("{}");
            var other = org.Service.Create(new Entity(EnvironmentVariableDefinition.EntityName)
            {
                [EnvironmentVariableDefinition.SchemaName] = "contoso_Other",
                [EnvironmentVariableDefinition.DefaultValue] = Broken,
            });

            org.Service.Create(Value(other, "[[[[not json"));

            Assert.Single(org.Org.All(EnvironmentVariableValue.EntityName));
        }

        [Fact]
        public void Should_let_a_rep_create_move_and_lose_a_deal_when_the_stored_policy_is_invalid()
        {
            var org = new LeadRecycleOrganization();
            org.Org.Seed(new Entity(EnvironmentVariableDefinition.EntityName)
            {
                [EnvironmentVariableDefinition.SchemaName] = PolicyVariable.SchemaName,
                [EnvironmentVariableDefinition.DefaultValue] = Broken,
            });
            var rep = org.As(org.Rep);

            var deal = org.OpenOpportunity();
            rep.Update(new Entity(Opportunity.EntityName, deal) { [Opportunity.SalesStage] = new OptionSetValue(2) });
            org.Lose(deal, DisqualificationReason.NoBudget, as_: rep);

            var recycled = org.SingleRecycledLead();
            Assert.Equal((int)NurtureStream.ValueAndRoi, recycled.GetAttributeValue<OptionSetValue>(RecycledLead.NurtureStream).Value);
            var trace = org.Org.LastOperation!.Executions.SelectMany(e => e.TraceLines).ToArray();
            Assert.Contains(BrokenMessage + " Until then LeadRecycle uses the compiled defaults; reps are not blocked.", trace);
        }

        [Fact]
        public void Should_keep_the_last_valid_policy_when_the_stored_policy_becomes_invalid()
        {
            var org = new LeadRecycleOrganization("{ \"reasons\": { \"NoBudget\": { \"stream\": \"BudgetCycle\" } } }");
            var first = org.OpenOpportunity();
            org.Lose(first, DisqualificationReason.NoBudget);
            var readOn = org.Clock.UtcNow;

            // A value stored without the save-time check (as a solution import or a disabled step could).
            org.Org.Seed(Value(PolicyDefinition(org), Broken));
            org.Clock.Advance(RecyclePolicyProvider.CacheLifetime + TimeSpan.FromMinutes(1));
            var second = org.OpenOpportunity(name: "Second deal");
            org.Lose(second, DisqualificationReason.NoBudget, as_: org.As(org.Rep));

            Assert.All(org.RecycledLeads(), lead =>
                Assert.Equal((int)NurtureStream.BudgetCycle, lead.GetAttributeValue<OptionSetValue>(RecycledLead.NurtureStream).Value));
            var trace = org.Org.LastOperation!.Executions.SelectMany(e => e.TraceLines).ToArray();
            Assert.Contains($"{BrokenMessage} Until then LeadRecycle uses the last valid policy, read at {readOn:yyyy-MM-dd HH:mm} UTC; reps are not blocked.", trace);
        }
    }
}
