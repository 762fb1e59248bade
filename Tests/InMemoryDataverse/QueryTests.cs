using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace LeadRecycle.Tests.InMemoryDataverse
{
    public class QueryTests
    {
        [Fact]
        public void Should_return_every_row_exactly_once_when_paging_across_several_pages()
        {
            // Arrange
            var organization = TestOrganization.Create();
            for (var i = 0; i < 23; i++)
            {
                organization.Service.Create(new Entity("lr_widget") { ["lr_name"] = "W" + i.ToString("D2", CultureInfo.InvariantCulture), ["lr_count"] = i });
            }

            var query = new QueryExpression("lr_widget") { ColumnSet = new ColumnSet("lr_name"), PageInfo = new PagingInfo { Count = 5, PageNumber = 1 } };
            query.AddOrder("lr_count", OrderType.Descending);
            var seen = new List<string>();
            var pages = 0;

            // Act
            while (true)
            {
                var page = organization.Service.RetrieveMultiple(query);
                pages++;
                seen.AddRange(page.Entities.Names("lr_name"));
                if (!page.MoreRecords)
                {
                    break;
                }

                Assert.NotNull(page.PagingCookie);
                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = page.PagingCookie;
            }

            // Assert
            Assert.Equal(5, pages);
            Assert.Equal(Enumerable.Range(0, 23).Reverse().Select(i => "W" + i.ToString("D2", CultureInfo.InvariantCulture)), seen);
        }

        [Fact]
        public void Should_apply_nested_and_or_filters_when_querying()
        {
            // Arrange
            var organization = TestOrganization.Create();
            for (var i = 0; i < 10; i++)
            {
                organization.Service.Create(new Entity("lr_widget") { ["lr_name"] = "W" + i.ToString(CultureInfo.InvariantCulture), ["lr_count"] = i });
            }

            var query = new QueryExpression("lr_widget") { ColumnSet = new ColumnSet("lr_name") };
            query.Criteria.AddCondition("lr_count", ConditionOperator.GreaterEqual, 2);
            var either = query.Criteria.AddFilter(LogicalOperator.Or);
            either.AddCondition("lr_count", ConditionOperator.In, 3, 5, 8);
            either.AddCondition("lr_name", ConditionOperator.Like, "w9%");
            query.AddOrder("lr_count", OrderType.Ascending);

            // Act
            var result = organization.Service.RetrieveMultiple(query);

            // Assert
            Assert.Equal(new[] { "W3", "W5", "W8", "W9" }, result.Entities.Names("lr_name"));
        }

        [Fact]
        public void Should_treat_null_as_no_match_when_comparing_with_not_equal()
        {
            // Arrange
            var organization = TestOrganization.Create();
            organization.Service.Create(new Entity("lr_widget") { ["lr_name"] = "A", ["lr_count"] = 1 });
            organization.Service.Create(new Entity("lr_widget") { ["lr_name"] = "B", ["lr_count"] = 2 });
            organization.Service.Create(new Entity("lr_widget") { ["lr_name"] = "C" });

            // Act
            var notEqual = organization.Service.RetrieveMultiple(Query("lr_count", ConditionOperator.NotEqual, 1));
            var isNull = organization.Service.RetrieveMultiple(Query("lr_count", ConditionOperator.Null));
            var before = organization.Service.RetrieveMultiple(Query("createdon", ConditionOperator.OnOrBefore, TestOrganization.Start.Date));

            // Assert
            Assert.Equal(new[] { "B" }, notEqual.Entities.Names("lr_name"));
            Assert.Equal(new[] { "C" }, isNull.Entities.Names("lr_name"));
            Assert.Equal(3, before.Entities.Count);
        }

        [Fact]
        public void Should_return_aliased_values_when_an_inner_link_matches()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var account = organization.Service.Create(new Entity("account") { ["name"] = "Contoso" });
            organization.Service.Create(new Entity("opportunity") { ["name"] = "Linked", ["parentaccountid"] = new EntityReference("account", account) });
            organization.Service.Create(new Entity("opportunity") { ["name"] = "Unlinked" });
            var query = new QueryExpression("opportunity") { ColumnSet = new ColumnSet("name") };
            var link = query.AddLink("account", "parentaccountid", "accountid", JoinOperator.Inner);
            link.EntityAlias = "acc";
            link.Columns = new ColumnSet("name");
            link.LinkCriteria.AddCondition("name", ConditionOperator.Equal, "contoso");

            // Act
            var result = organization.Service.RetrieveMultiple(query);

            // Assert
            var row = Assert.Single(result.Entities);
            Assert.Equal("Linked", row.GetAttributeValue<string>("name"));
            var aliased = row.GetAttributeValue<AliasedValue>("acc.name");
            Assert.Equal("Contoso", aliased.Value);
            Assert.Equal("account", aliased.EntityLogicalName);
            Assert.Equal("name", aliased.AttributeLogicalName);
        }

        [Fact]
        public void Should_keep_unmatched_rows_without_aliased_values_when_the_link_is_left_outer()
        {
            // Arrange: the environment-variable pattern (definition, outer link to its value)
            var organization = TestOrganization.Create();
            var withValue = organization.Service.Create(new Entity("environmentvariabledefinition") { ["schemaname"] = "lr_Policy", ["defaultvalue"] = "{}" });
            organization.Service.Create(new Entity("environmentvariabledefinition") { ["schemaname"] = "lr_Other", ["defaultvalue"] = "d" });
            organization.Service.Create(new Entity("environmentvariablevalue")
            {
                ["value"] = "{\"multiplier\":3}",
                ["environmentvariabledefinitionid"] = new EntityReference("environmentvariabledefinition", withValue),
            });
            var query = new QueryExpression("environmentvariabledefinition") { ColumnSet = new ColumnSet("schemaname", "defaultvalue") };
            var link = query.AddLink("environmentvariablevalue", "environmentvariabledefinitionid", "environmentvariabledefinitionid", JoinOperator.LeftOuter);
            link.EntityAlias = "v";
            link.Columns = new ColumnSet("value");
            query.AddOrder("schemaname", OrderType.Ascending);

            // Act
            var result = organization.Service.RetrieveMultiple(query);

            // Assert
            Assert.Equal(new[] { "lr_Other", "lr_Policy" }, result.Entities.Names("schemaname"));
            Assert.False(result.Entities[0].Contains("v.value"));
            Assert.Equal("{\"multiplier\":3}", result.Entities[1].GetAttributeValue<AliasedValue>("v.value").Value);
        }

        [Fact]
        public void Should_filter_on_a_linked_column_when_the_condition_names_the_alias()
        {
            // Arrange
            var organization = TestOrganization.Create();
            var manager = organization.CreateUser("Mona Manager");
            organization.CreateUser("Rita Rep", managerId: manager);
            organization.CreateUser("Solo Rep");
            var query = new QueryExpression("systemuser") { ColumnSet = new ColumnSet("fullname") };
            var link = query.AddLink("systemuser", "parentsystemuserid", "systemuserid", JoinOperator.LeftOuter);
            link.EntityAlias = "manager";
            query.Criteria.AddCondition("manager", "fullname", ConditionOperator.Equal, "Mona Manager");

            // Act
            var result = organization.Service.RetrieveMultiple(query);

            // Assert
            Assert.Equal(new[] { "Rita Rep" }, result.Entities.Names("fullname"));
        }

        [Fact]
        public void Should_match_every_attribute_value_when_querying_by_attribute()
        {
            // Arrange
            var organization = TestOrganization.Create();
            organization.Service.Create(new Entity("lr_widget") { ["lr_name"] = "A", ["lr_count"] = 1 });
            organization.Service.Create(new Entity("lr_widget") { ["lr_name"] = "B", ["lr_count"] = 1 });
            organization.Service.Create(new Entity("lr_widget") { ["lr_name"] = "C", ["lr_count"] = 2 });
            var query = new QueryByAttribute("lr_widget") { ColumnSet = new ColumnSet("lr_name"), TopCount = 1 };
            query.AddAttributeValue("lr_count", 1);
            query.AddOrder("lr_name", OrderType.Descending);

            // Act
            var result = organization.Service.RetrieveMultiple(query);

            // Assert
            Assert.Equal(new[] { "B" }, result.Entities.Names("lr_name"));
            Assert.False(result.MoreRecords);
        }

        [Fact]
        public void Should_reject_when_a_query_names_an_unknown_column()
        {
            // Arrange
            var organization = TestOrganization.Create();

            // Act
            var fault = Assert.Throws<LeadRecycle.InMemoryDataverse.DataverseFaultException>(() =>
                organization.Service.RetrieveMultiple(Query("lr_missing", ConditionOperator.Null)));

            // Assert
            Assert.Equal("'lr_widget' entity doesn't contain attribute with Name = 'lr_missing' and NameMapping = 'Logical'.", fault.Message);
        }

        private static QueryExpression Query(string column, ConditionOperator conditionOperator, params object[] values)
        {
            var query = new QueryExpression("lr_widget") { ColumnSet = new ColumnSet("lr_name") };
            query.Criteria.AddCondition(column, conditionOperator, values);
            query.AddOrder("lr_name", OrderType.Ascending);
            return query;
        }
    }
}
