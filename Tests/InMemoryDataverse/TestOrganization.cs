using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.InMemoryDataverse.Pipeline;
using LeadRecycle.Metadata;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Tests.InMemoryDataverse
{
    /// <summary>Builds organizations for the emulator tests: system tables plus one small test table with an alternate key.</summary>
    internal static class TestOrganization
    {
        public static readonly DateTime Start = new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

        public static TableMetadata Widget { get; } = new TableMetadata("lr_widget", "Widget", "Widgets", "lr_widgetid", "lr_name")
        {
            IsCustom = true,
            Columns = new[]
            {
                new ColumnMetadata("lr_widgetid", ColumnType.Uniqueidentifier, "Widget"),
                new ColumnMetadata("lr_name", ColumnType.String, "Name") { MaxLength = 20 },
                new ColumnMetadata("lr_code", ColumnType.String, "Code") { MaxLength = 50 },
                new ColumnMetadata("lr_count", ColumnType.Integer, "Count"),
                new ColumnMetadata("lr_opportunityid", ColumnType.Lookup, "Opportunity") { Targets = new[] { "opportunity" } },
                new ColumnMetadata("createdon", ColumnType.DateTime, "Created On"),
                new ColumnMetadata("modifiedon", ColumnType.DateTime, "Modified On"),
                new ColumnMetadata("ownerid", ColumnType.Owner, "Owner") { Targets = new[] { "systemuser", "team" } },
            },
            AlternateKeys = new[] { new AlternateKeyMetadata("lr_widget_code", "Code", new[] { "lr_code" }) },
        };

        public static InMemoryOrganization Create(ManualClock? clock = null) =>
            new InMemoryOrganization(new MetadataCatalog(SystemTables.All.Concat(new[] { Widget })), clock ?? new ManualClock(Start));

        /// <summary>
        /// An organization holding <paramref name="widgets"/> widgets for the FetchXML tests: every third one "Red", the rest
        /// "Blue"; codes W00, W01, …; every fourth one (0, 4, 8, …) without a count, the others counting their number.
        /// </summary>
        public static InMemoryOrganization WithWidgets(int widgets = 12, int aggregateQueryRecordLimit = 50000)
        {
            var organization = new InMemoryOrganization(new MetadataCatalog(SystemTables.All.Concat(new[] { Widget })), new ManualClock(Start),
                new InMemoryOrganizationOptions { AggregateQueryRecordLimit = aggregateQueryRecordLimit });
            for (var i = 0; i < widgets; i++)
            {
                organization.Service.Create(new Entity("lr_widget")
                {
                    ["lr_name"] = i % 3 == 0 ? "Red" : "Blue",
                    ["lr_code"] = "W" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture),
                    ["lr_count"] = i % 4 == 0 ? null : (object)i,
                });
            }

            return organization;
        }

        public static Guid CreateOpportunity(this IOrganizationService service, string name = "Big deal", decimal estimate = 50000m) =>
            service.Create(new Entity("opportunity") { ["name"] = name, ["estimatedvalue"] = new Money(estimate) });

        /// <summary>A step whose plug-in runs the given body (a plug-in built by a factory, not by reflection).</summary>
        public static StepRegistration Step(string message, string table, StepStage stage, Action<IServiceProvider> body,
            StepMode mode = StepMode.Synchronous, int rank = 1) =>
            new StepRegistration(typeof(DelegatePlugin), message, table, stage, mode)
            {
                Rank = rank,
                Factory = _ => new DelegatePlugin(body),
            };

        public static IPluginExecutionContext Context(this IServiceProvider provider) =>
            (IPluginExecutionContext)provider.GetService(typeof(IPluginExecutionContext))!;

        public static IOrganizationService UserService(this IServiceProvider provider)
        {
            var factory = (IOrganizationServiceFactory)provider.GetService(typeof(IOrganizationServiceFactory))!;
            return factory.CreateOrganizationService(provider.Context().UserId);
        }

        public static ITracingService Tracing(this IServiceProvider provider) =>
            (ITracingService)provider.GetService(typeof(ITracingService))!;

        public static IReadOnlyList<string> Names(this IEnumerable<Entity> entities, string column) =>
            entities.Select(e => e.GetAttributeValue<string>(column)).ToArray();
    }

    /// <summary>An IPlugin whose body is a delegate (for small pipeline tests).</summary>
    internal sealed class DelegatePlugin : IPlugin
    {
        private readonly Action<IServiceProvider> _body;

        public DelegatePlugin(Action<IServiceProvider> body)
        {
            _body = body;
        }

        public void Execute(IServiceProvider serviceProvider) => _body(serviceProvider);
    }
}
