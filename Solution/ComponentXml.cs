using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.Metadata;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// The XML of each solution component, as the unpacked files hold it. Element names and orders follow real
    /// Dataverse exports (dataverse-solution-facts.md §2, §4-§6) wherever Microsoft's 9.0 CustomizationsSolution.xsd
    /// accepts them; where the two disagree, the XSD wins (see the notes on each method), so the packed
    /// customizations.xml validates with zero errors. Elements newer than the XSD (AutoNumberFormat, IsSearchable,
    /// IsRetrieveAuditEnabled, CascadeArchive, IsSolutionAware, the option attribute IsHidden ...) are not written:
    /// Dataverse applies its defaults to them on import.
    /// </summary>
    public static class ComponentXml
    {
        public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

        private static string Lang => SolutionModel.LanguageCode.ToString(CultureInfo.InvariantCulture);

        // ---- solution.xml -------------------------------------------------------------------------------

        /// <summary>Other/Solution.xml; managed = 0 unmanaged zip, 1 managed zip, 2 unpacked as Both.</summary>
        public static XElement SolutionManifest(SolutionModel model, int managed)
        {
            var roots = new List<XElement>();
            roots.AddRange(model.Tables.Select(t => new XElement("RootComponent",
                new XAttribute("type", ComponentTypes.Entity), new XAttribute("schemaName", t.LogicalName), new XAttribute("behavior", t.IsCustom ? 0 : 2))));
            roots.AddRange(model.GlobalChoices.Select(c => new XElement("RootComponent",
                new XAttribute("type", ComponentTypes.OptionSet), new XAttribute("schemaName", c.Name), new XAttribute("behavior", 0))));
            roots.AddRange(model.Assemblies.Select(a => new XElement("RootComponent",
                new XAttribute("type", ComponentTypes.PluginAssembly), new XAttribute("id", Braced(a.Id)), new XAttribute("schemaName", a.FullName), new XAttribute("behavior", 0))));
            roots.AddRange(model.Steps.Select(s => new XElement("RootComponent",
                new XAttribute("type", ComponentTypes.SdkMessageProcessingStep), new XAttribute("id", Braced(s.Id)), new XAttribute("behavior", 0))));
            roots.AddRange(model.Roles.Select(r => new XElement("RootComponent",
                new XAttribute("type", ComponentTypes.Role), new XAttribute("id", Braced(r.Id)), new XAttribute("behavior", 0))));
            roots.AddRange(model.CloudFlows.Select(f => new XElement("RootComponent",
                new XAttribute("type", ComponentTypes.Workflow), new XAttribute("id", Braced(f.Id)), new XAttribute("behavior", 0))));
            // A form or view of a system table carried as a shell (behavior 2) is its own root component; those of
            // LeadRecycle's own tables travel inside the table (behavior 0 includes every subcomponent).
            var shells = new HashSet<string>(model.Tables.Where(t => !t.IsCustom).Select(t => t.LogicalName), StringComparer.Ordinal);
            roots.AddRange(model.Views.Where(v => shells.Contains(v.View.Table)).Select(v => new XElement("RootComponent",
                new XAttribute("type", ComponentTypes.SavedQuery), new XAttribute("id", Braced(v.Id)), new XAttribute("behavior", 0))));
            roots.AddRange(model.Forms.Where(f => shells.Contains(f.Form.Table)).Select(f => new XElement("RootComponent",
                new XAttribute("type", ComponentTypes.SystemForm), new XAttribute("id", Braced(f.Id)), new XAttribute("behavior", 0))));
            // Likewise a chart (savedqueryvisualization, type 59) of a shell table, as the views of a shell are.
            roots.AddRange(model.Charts.Where(c => shells.Contains(c.Chart.Table)).Select(c => new XElement("RootComponent",
                new XAttribute("type", ComponentTypes.SavedQueryVisualization), new XAttribute("id", Braced(c.Id)), new XAttribute("behavior", 0))));
            // A dashboard is a system form of type dashboard: root component 60 with its form id (facts §6).
            roots.AddRange(model.Dashboards.Select(d => new XElement("RootComponent",
                new XAttribute("type", ComponentTypes.SystemForm), new XAttribute("id", Braced(d.Id)), new XAttribute("behavior", 0))));
            // A web resource is a root component of its own, named by its name (facts §6).
            roots.AddRange(model.WebResources.Select(w => new XElement("RootComponent",
                new XAttribute("type", ComponentTypes.WebResource), new XAttribute("schemaName", w.Name), new XAttribute("behavior", 0))));
            foreach (var app in model.AppModules)
            {
                roots.Add(new XElement("RootComponent", new XAttribute("type", ComponentTypes.SiteMap), new XAttribute("schemaName", app.UniqueName), new XAttribute("behavior", 0)));
                roots.Add(new XElement("RootComponent", new XAttribute("type", ComponentTypes.AppModule), new XAttribute("schemaName", app.UniqueName), new XAttribute("behavior", 0)));
            }

            // Custom APIs, connection references and environment variables are table-record components: real exports
            // list no root component for them (their type code differs per environment, facts §6).

            return new XElement("ImportExportXml",
                new XAttribute("version", "9.2.22024.136"),
                new XAttribute("SolutionPackageVersion", "9.2"),
                new XAttribute("languagecode", Lang),
                new XAttribute("generatedBy", "CrmLive"),
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
                new XElement("SolutionManifest",
                    new XElement("UniqueName", model.UniqueName),
                    Labels("LocalizedNames", "LocalizedName", model.DisplayName),
                    model.Description == null ? new XElement("Descriptions") : Labels("Descriptions", "Description", model.Description),
                    new XElement("Version", model.Version),
                    new XElement("Managed", managed),
                    Publisher(model.Publisher),
                    new XElement("RootComponents", roots),
                    MissingDependencies(model)));
        }

        /// <summary>
        /// One MissingDependency per system table of Dynamics 365 Sales that LeadRecycle extends: the table (type 1) is
        /// required from the Sales solution, and the dependent is the same table as this solution carries it (a shell),
        /// the form real exports write for a table the solution includes but another solution provides (Microsoft
        /// Learn, "There was an error calculating dependencies for this component"; public exports such as
        /// <c>&lt;Required type="1" schemaName="msdyn_slakpi" displayName="SLA KPI" solution="…" /&gt;&lt;Dependent type="1"
        /// schemaName="msdyn_slakpi" displayName="SLA KPI" /&gt;</c>). Platform tables are never missing.
        /// </summary>
        public static XElement MissingDependencies(SolutionModel model)
        {
            ArgumentNullException.ThrowIfNull(model);
            return new XElement("MissingDependencies",
                RequiredSolutions.SalesShells(model.Tables).Select(table => new XElement("MissingDependency",
                    new XElement("Required",
                        new XAttribute("type", ComponentTypes.Entity),
                        new XAttribute("schemaName", table.LogicalName),
                        new XAttribute("displayName", table.DisplayName),
                        new XAttribute("solution", RequiredSolutions.Sales)),
                    new XElement("Dependent",
                        new XAttribute("type", ComponentTypes.Entity),
                        new XAttribute("schemaName", table.LogicalName),
                        new XAttribute("displayName", table.DisplayName)))));
        }

        private static XElement Publisher(PublisherDeclaration publisher) =>
            new XElement("Publisher",
                new XElement("UniqueName", publisher.UniqueName),
                Labels("LocalizedNames", "LocalizedName", publisher.DisplayName),
                publisher.Description == null ? new XElement("Descriptions") : Labels("Descriptions", "Description", publisher.Description),
                Nil("EMailAddress"),
                Nil("SupportingWebsiteUrl"),
                new XElement("CustomizationPrefix", publisher.Prefix),
                new XElement("CustomizationOptionValuePrefix", publisher.OptionValuePrefix),
                new XElement("Addresses", Address(1), Address(2)));

        private static XElement Address(int number) =>
            new XElement("Address",
                new XElement("AddressNumber", number),
                new XElement("AddressTypeCode", 1),
                Nil("City"), Nil("County"), Nil("Country"), Nil("Fax"), Nil("FreightTermsCode"), Nil("ImportSequenceNumber"),
                Nil("Latitude"), Nil("Line1"), Nil("Line2"), Nil("Line3"), Nil("Longitude"), Nil("Name"), Nil("PostalCode"),
                Nil("PostOfficeBox"), Nil("PrimaryContactName"),
                new XElement("ShippingMethodCode", 1),
                Nil("StateOrProvince"), Nil("Telephone1"), Nil("Telephone2"), Nil("Telephone3"), Nil("TimeZoneRuleVersionNumber"),
                Nil("UPSZone"), Nil("UTCOffset"), Nil("UTCConversionTimeZoneCode"));

        // ---- Other/Customizations.xml -------------------------------------------------------------------

        /// <summary>
        /// The root elements of customizations.xml in the order real exports write them (facts §3.1), restricted to
        /// what LeadRecycle ships and what the 9.0 XSD's ImportExportXml sequence allows. The unpacked file holds
        /// them empty; the packer fills Entities, EntityRelationships, optionsets, SolutionPluginAssemblies and
        /// SdkMessageProcessingSteps.
        /// </summary>
        public static readonly IReadOnlyList<string> CustomizationsRootOrder = new[]
        {
            "Entities", "Roles", "Workflows", "FieldSecurityProfiles", "Templates", "EntityMaps", "EntityRelationships",
            "OrganizationSettings", "optionsets", "CustomControls", "SolutionPluginAssemblies", "SdkMessageProcessingSteps",
            "EntityDataProviders", "Languages",
        };

        /// <summary>The root elements a solution with a model-driven app adds, in this order, before EntityDataProviders.</summary>
        public static readonly IReadOnlyList<string> AppRootElements = new[] { "AppModuleSiteMaps", "AppModules" };

        /// <summary>
        /// The placeholders for what <paramref name="model"/> ships. Optional root elements are written only when there is
        /// something to put in them (the XSD requires at least one child in AppModules), each where real exports and
        /// the XSD put it: Dashboards, then WebResources, before CustomControls; AppModuleSiteMaps and AppModules before
        /// EntityDataProviders; the connection references, which real exports keep inline (facts §2, §3.1), before
        /// Languages. The 9.0 XSD predates connection references; the schema test removes exactly the newer-than-9.0
        /// parts before validating (see <see cref="NewerThanSchema"/>).
        /// </summary>
        public static XElement CustomizationsPlaceholders(SolutionModel model)
        {
            ArgumentNullException.ThrowIfNull(model);
            var root = new XElement("ImportExportXml",
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
                CustomizationsRootOrder.Select(name => name == "Languages"
                    ? new XElement("Languages", new XElement("Language", Lang))
                    : new XElement(name)));
            if (model.ConnectionReferences.Count > 0)
            {
                root.Element("Languages")!.AddBeforeSelf(new XElement("connectionreferences", model.ConnectionReferences.Select(ConnectionReference)));
            }

            if (model.AppModules.Count > 0)
            {
                root.Element("EntityDataProviders")!.AddBeforeSelf(AppRootElements.Select(n => new XElement(n)));
            }

            if (model.Dashboards.Count > 0)
            {
                root.Element("CustomControls")!.AddBeforeSelf(new XElement("Dashboards"));
            }

            if (model.WebResources.Count > 0)
            {
                root.Element("CustomControls")!.AddBeforeSelf(new XElement("WebResources"));
            }

            return root;
        }

        /// <summary>
        /// Parts of customizations.xml that import needs but Microsoft's 9.0 XSD does not know (it predates cloud flows in
        /// solutions), as paths from the root: the inline connection references and a cloud flow's JsonFileName (without it
        /// the Workflow has no definition). Everything else the packer writes validates against the XSD.
        /// </summary>
        public static readonly IReadOnlyList<string> NewerThanSchema = new[] { "connectionreferences", "Workflows/Workflow/JsonFileName" };

        private static XElement ConnectionReference(ConnectionReferenceDeclaration reference)
        {
            var element = new XElement("connectionreference", new XAttribute("connectionreferencelogicalname", reference.LogicalName),
                new XElement("connectionreferencedisplayname", reference.DisplayName),
                new XElement("connectorid", reference.ConnectorId));
            if (reference.Description != null)
            {
                element.Add(new XElement("description", reference.Description));
            }

            element.Add(
                new XElement("iscustomizable", 1),
                // 0: the import asks for the connection (the admin chooses it), nothing is created silently.
                new XElement("promptingbehavior", 0),
                new XElement("statecode", 0),
                new XElement("statuscode", 1));
            return element;
        }

        // ---- WebResources/<name>.data.xml --------------------------------------------------------------

        /// <summary>A web resource's data.xml (facts §2): its id, name, type and the part name of its content in the zip.</summary>
        public static XElement WebResource(WebResourceModel resource)
        {
            ArgumentNullException.ThrowIfNull(resource);
            var declaration = resource.WebResource;
            return new XElement("WebResource",
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
                new XElement("WebResourceId", Braced(resource.Id)),
                new XElement("Name", declaration.Name),
                new XElement("DisplayName", declaration.DisplayName),
                declaration.Description == null ? null : new XElement("Description", declaration.Description),
                new XElement("LanguageCode", Lang),
                new XElement("WebResourceType", declaration.Type),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                Flag("IsEnabledForMobileClient", false),
                Flag("IsAvailableForMobileOffline", false),
                Flag("IsCustomizable", true),
                Flag("CanBeDeleted", true),
                Flag("IsHidden", false),
                new XElement("FileName", resource.FileName));
        }

        // ---- Entities/<SchemaName>/Entity.xml -----------------------------------------------------------

        public static XElement Entity(TableMetadata table)
        {
            var schemaName = SchemaNaming.Table(table);
            var entity = new XElement("entity", new XAttribute("Name", schemaName));
            if (table.IsCustom)
            {
                entity.Add(
                    Labels("LocalizedNames", "LocalizedName", table.DisplayName),
                    Labels("LocalizedCollectionNames", "LocalizedCollectionName", table.DisplayCollectionName),
                    Labels("Descriptions", "Description", table.Description ?? string.Empty));
            }

            entity.Add(new XElement("attributes", table.Columns.OrderBy(c => c.LogicalName, StringComparer.Ordinal).Select(c => Attribute(table, c))));
            if (table.AlternateKeys.Count > 0)
            {
                entity.Add(new XElement("EntityKeys", table.AlternateKeys.OrderBy(k => k.LogicalName, StringComparer.Ordinal).Select(EntityKey)));
            }

            if (table.IsCustom)
            {
                entity.Add(CustomEntitySettings(table));
            }

            // A system table is carried as a shell (root component behavior 2): only LeadRecycle's columns and
            // keys, no entity-level metadata, so the import never alters the platform's own settings (facts §4).
            // SolutionPackager (and pac solution pack) inlines FormXml/, SavedQueries/, Visualizations/ and
            // RibbonDiff.xml only into the matching empty element of Entity.xml and silently skips a folder whose
            // element is missing, so every placeholder is written, in the order of the XSD's Entity sequence.
            return new XElement("Entity",
                new XElement("Name", new XAttribute("LocalizedName", table.DisplayName), new XAttribute("OriginalName", table.DisplayName), schemaName),
                new XElement("EntityInfo", entity),
                EntityPlaceholders.Select(name => new XElement(name)));
        }

        /// <summary>
        /// The empty elements of an unpacked Entity.xml, in the order of the Entity sequence of Microsoft's
        /// CustomizationsSolution.xsd, each with the folder or file under Entities/&lt;table&gt;/ that the packer inlines
        /// into it (facts §2, §3.1).
        /// </summary>
        public static readonly IReadOnlyList<(string Element, string Part)> EntityPlaceholderParts = new[]
        {
            ("FormXml", "FormXml"),
            ("SavedQueries", "SavedQueries"),
            ("Visualizations", "Visualizations"),
            ("RibbonDiffXml", "RibbonDiff.xml"),
        };

        private static IEnumerable<string> EntityPlaceholders => EntityPlaceholderParts.Select(p => p.Element);

        private static IEnumerable<XElement> CustomEntitySettings(TableMetadata table)
        {
            yield return new XElement("EntitySetName", SchemaNaming.EntitySetName(table.LogicalName));
            yield return Flag("IsDuplicateCheckSupported", false);
            yield return Flag("IsBusinessProcessEnabled", false);
            yield return Flag("IsRequiredOffline", false);
            yield return Flag("IsInteractionCentricEnabled", false);
            yield return Flag("IsCollaboration", false);
            yield return Flag("AutoRouteToOwnerQueue", false);
            yield return Flag("IsConnectionsEnabled", false);
            yield return Flag("IsDocumentManagementEnabled", false);
            yield return Flag("AutoCreateAccessTeams", false);
            yield return Flag("IsOneNoteIntegrationEnabled", false);
            yield return Flag("IsKnowledgeManagementEnabled", false);
            yield return Flag("IsSLAEnabled", false);
            yield return Flag("IsDocumentRecommendationsEnabled", false);
            yield return Flag("IsBPFEntity", false);
            yield return new XElement("OwnershipTypeMask", table.Ownership == TableOwnership.UserOwned ? "UserOwned" : "OrgOwned");
            yield return Flag("IsAuditEnabled", true);
            yield return Flag("IsActivity", false);
            yield return Flag("IsActivityParty", false);
            yield return Flag("IsReplicated", false);
            yield return Flag("IsReplicationUserFiltered", false);
            yield return Flag("IsMailMergeEnabled", false);
            yield return Flag("IsVisibleInMobile", false);
            yield return Flag("IsVisibleInMobileClient", true);
            yield return Flag("IsReadOnlyInMobileClient", false);
            yield return Flag("IsOfflineInMobileClient", false);
            yield return new XElement("DaysSinceRecordLastModified", 0);
            yield return Flag("IsMapiGridEnabled", true);
            yield return Flag("IsReadingPaneEnabled", true);
            yield return Flag("IsQuickCreateEnabled", false);
            yield return Flag("SyncToExternalSearchIndex", false);
            yield return new XElement("IntroducedVersion", SolutionModel.IntroducedVersion);
            yield return Flag("IsCustomizable", true);
            yield return Flag("IsRenameable", true);
            yield return Flag("IsMappable", true);
            yield return Flag("CanModifyAuditSettings", true);
            yield return Flag("CanModifyMobileVisibility", true);
            yield return Flag("CanModifyMobileClientVisibility", true);
            yield return Flag("CanModifyMobileClientReadOnly", true);
            yield return Flag("CanModifyMobileClientOffline", true);
            yield return Flag("CanModifyConnectionSettings", true);
            yield return Flag("CanModifyDuplicateDetectionSettings", true);
            yield return Flag("CanModifyMailMergeSettings", true);
            yield return Flag("CanModifyQueueSettings", true);
            yield return Flag("CanCreateAttributes", true);
            yield return Flag("CanCreateForms", true);
            yield return Flag("CanCreateCharts", true);
            yield return Flag("CanCreateViews", true);
            yield return Flag("CanModifyAdditionalSettings", true);
            yield return Flag("CanEnableSyncToExternalSearchIndex", true);
            yield return Flag("EnforceStateTransitions", false);
            yield return Flag("CanChangeHierarchicalRelationship", true);
            yield return Flag("EntityHelpUrlEnabled", false);
            yield return Flag("ChangeTrackingEnabled", false);
            yield return Flag("CanChangeTrackingBeEnabled", true);
            yield return Flag("IsEnabledForExternalChannels", false);
            // TrueFalseType: these two are written True/False, not 1/0 (XSD and real exports agree).
            yield return new XElement("HasRelatedNotes", "False");
            yield return new XElement("HasRelatedActivities", "False");
        }

        private static XElement EntityKey(AlternateKeyMetadata key) =>
            new XElement("EntityKey",
                new XElement("Name", key.LogicalName),
                new XElement("LogicalName", key.LogicalName),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                Flag("IsCustomizable", true),
                new XElement("EntityKeyAttributes", key.Columns.Select(c => new XElement("AttributeName", c))),
                Labels("displaynames", "displayname", key.DisplayName));

        /// <summary>One column, in the child order of real exports (facts §4); the XSD declares xs:all, so any order validates.</summary>
        public static XElement Attribute(TableMetadata table, ColumnMetadata column)
        {
            var isPrimaryId = column.LogicalName == table.PrimaryIdColumn;
            var isPrimaryName = column.LogicalName == table.PrimaryNameColumn;
            var element = new XElement("attribute", new XAttribute("PhysicalName", SchemaNaming.Column(table, column)),
                new XElement("Type", isPrimaryId && column.Type == ColumnType.Uniqueidentifier ? "primarykey" : CrmType(column.Type)),
                new XElement("Name", column.LogicalName),
                new XElement("LogicalName", column.LogicalName),
                new XElement("RequiredLevel", isPrimaryId ? "systemrequired" : RequiredLevel(column.RequiredLevel)),
                new XElement("DisplayMask", DisplayMask(isPrimaryId, isPrimaryName)),
                new XElement("ImeMode", "auto"),
                Flag("ValidForUpdateApi", column.IsValidForUpdate && !isPrimaryId),
                Flag("ValidForReadApi", true),
                Flag("ValidForCreateApi", column.IsValidForCreate),
                Flag("IsCustomField", column.IsCustom && !isPrimaryId),
                Flag("IsAuditEnabled", true),
                Flag("IsSecured", false),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                Flag("IsCustomizable", true),
                Flag("IsRenameable", true),
                Flag("CanModifySearchSettings", true),
                Flag("CanModifyRequirementLevelSettings", !isPrimaryId),
                Flag("CanModifyAdditionalSettings", true),
                new XElement("SourceType", 0),
                Flag("IsGlobalFilterEnabled", false),
                Flag("IsSortableEnabled", false),
                Flag("CanModifyGlobalFilterSettings", true),
                Flag("CanModifyIsSortableSettings", true),
                Flag("IsDataSourceSecret", false));

            element.Add(TypeSpecific(table, column));
            element.Add(Labels("displaynames", "displayname", column.DisplayName));
            if (column.Description != null)
            {
                element.Add(Labels("Descriptions", "Description", column.Description));
            }

            return element;
        }

        private static IEnumerable<XElement> TypeSpecific(TableMetadata table, ColumnMetadata column)
        {
            switch (column.Type)
            {
                case ColumnType.String:
                    var length = column.MaxLength ?? 100;
                    yield return new XElement("Format", "text");
                    yield return new XElement("MaxLength", length);
                    yield return new XElement("Length", length * 2);
                    break;
                case ColumnType.Memo:
                    yield return new XElement("Format", "textarea");
                    yield return new XElement("MaxLength", column.MaxLength ?? 2000);
                    break;
                case ColumnType.Integer:
                case ColumnType.BigInt:
                    yield return new XElement("Format", "none");
                    yield return Number("MinValue", column.MinValue ?? (column.Type == ColumnType.Integer ? int.MinValue : long.MinValue));
                    yield return Number("MaxValue", column.MaxValue ?? (column.Type == ColumnType.Integer ? int.MaxValue : long.MaxValue));
                    break;
                case ColumnType.Decimal:
                case ColumnType.Double:
                    yield return Number("MinValue", column.MinValue ?? 0);
                    yield return Number("MaxValue", column.MaxValue ?? 1000000000);
                    yield return new XElement("Accuracy", column.Precision ?? 2);
                    break;
                case ColumnType.Money:
                    yield return Number("MinValue", column.MinValue ?? 0);
                    yield return Number("MaxValue", column.MaxValue ?? 922337203685477m);
                    yield return new XElement("Accuracy", column.Precision ?? 2);
                    // 0: the column's own precision (Accuracy); 2: the currency's precision.
                    yield return new XElement("AccuracySource", column.Precision.HasValue ? 0 : 2);
                    break;
                case ColumnType.DateTime:
                    yield return new XElement("Format", column.DateOnly ? "date" : "datetime");
                    yield return new XElement("CanChangeDateTimeBehavior", 1);
                    // 1 user local; 2 date only.
                    yield return new XElement("Behavior", column.DateOnly ? 2 : 1);
                    break;
                case ColumnType.Boolean:
                    yield return new XElement("AppDefaultValue", 0);
                    yield return InlineOptionSet(column.LogicalName, "bit", column.DisplayName, new[]
                    {
                        Option(1, "Yes", null), Option(0, "No", null),
                    });
                    break;
                case ColumnType.Picklist:
                    var choice = column.Choice ?? throw new InvalidOperationException($"Choice column '{table.LogicalName}.{column.LogicalName}' has no choice.");
                    yield return new XElement("AppDefaultValue", -1);
                    if (choice.IsGlobal)
                    {
                        yield return new XElement("OptionSetName", choice.Name);
                    }
                    else
                    {
                        yield return InlineOptionSet(table.LogicalName + "_" + column.LogicalName, "picklist", choice.DisplayName,
                            choice.Options.Select(o => Option(o.Value, o.Label, o.Description)));
                    }

                    break;
                case ColumnType.State:
                    yield return StateOptionSet(table, column);
                    break;
                case ColumnType.Status:
                    yield return StatusOptionSet(table, column);
                    break;
                case ColumnType.Lookup:
                case ColumnType.Owner:
                case ColumnType.Customer:
                    // A lookup's target is defined by its relationship (Other/Relationships), not here.
                    yield return new XElement("LookupStyle", "single");
                    yield return new XElement("LookupTypes");
                    break;
                default:
                    break;
            }
        }

        private static XElement StateOptionSet(TableMetadata table, ColumnMetadata column)
        {
            var states = column.Choice ?? throw new InvalidOperationException($"State column of '{table.LogicalName}' has no choice.");
            var statuses = table.StatusChoice;
            return new XElement("optionset", new XAttribute("Name", table.LogicalName + "_statecode"),
                new XElement("OptionSetType", "state"),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                Flag("IsCustomizable", true),
                Labels("displaynames", "displayname", column.DisplayName),
                new XElement("states", states.Options.Select(o => new XElement("state",
                    new XAttribute("value", o.Value),
                    new XAttribute("defaultstatus", statuses?.Options.FirstOrDefault(s => s.State == o.Value)?.Value ?? o.Value + 1),
                    new XAttribute("invariantname", Invariant(o.Label)),
                    Labels("labels", "label", o.Label)))));
        }

        private static XElement StatusOptionSet(TableMetadata table, ColumnMetadata column)
        {
            var statuses = column.Choice ?? throw new InvalidOperationException($"Status column of '{table.LogicalName}' has no choice.");
            return new XElement("optionset", new XAttribute("Name", table.LogicalName + "_statuscode"),
                new XElement("OptionSetType", "status"),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                Flag("IsCustomizable", true),
                Labels("displaynames", "displayname", column.DisplayName),
                new XElement("statuses", statuses.Options.Select(o => new XElement("status",
                    new XAttribute("value", o.Value),
                    new XAttribute("state", o.State ?? 0),
                    Labels("labels", "label", o.Label)))));
        }

        private static XElement InlineOptionSet(string name, string type, string displayName, IEnumerable<XElement> options) =>
            new XElement("optionset", new XAttribute("Name", name),
                new XElement("OptionSetType", type),
                Flag("IsGlobal", false),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                Flag("IsCustomizable", true),
                Labels("displaynames", "displayname", displayName),
                new XElement("options", options));

        // ---- OptionSets/<name>.xml ----------------------------------------------------------------------

        public static XElement GlobalOptionSet(ChoiceMetadata choice)
        {
            var element = new XElement("optionset", new XAttribute("Name", choice.Name), new XAttribute("localizedName", choice.DisplayName),
                new XElement("OptionSetType", "picklist"),
                Flag("IsGlobal", true),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                Flag("IsCustomizable", true),
                Labels("displaynames", "displayname", choice.DisplayName));
            if (choice.Description != null)
            {
                element.Add(Labels("Descriptions", "Description", choice.Description));
            }

            element.Add(new XElement("options", choice.Options.Select(o => Option(o.Value, o.Label, o.Description))));
            return element;
        }

        // The real-export attribute IsHidden="0" on option is not in the 9.0 XSD, so it is not written.
        private static XElement Option(int value, string label, string? description)
        {
            var option = new XElement("option", new XAttribute("value", value), new XAttribute("ExternalValue", string.Empty),
                Labels("labels", "label", label));
            if (description != null)
            {
                option.Add(Labels("Descriptions", "Description", description));
            }

            return option;
        }

        // ---- Other/Relationships.xml and Other/Relationships/<Entity>.xml -------------------------------

        public static XElement RelationshipIndex(IEnumerable<RelationshipModel> relationships) =>
            new XElement("EntityRelationships", new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
                relationships.Select(r => new XElement("EntityRelationship", new XAttribute("Name", r.Name))));

        public static XElement RelationshipFile(IEnumerable<RelationshipModel> relationships, IReadOnlyCollection<TableMetadata> tables) =>
            new XElement("EntityRelationships", new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
                relationships.Select(r => Relationship(r, tables)));

        /// <summary>CascadeArchive, written by exports since 2024, is not in the 9.0 XSD and is left out.</summary>
        public static XElement Relationship(RelationshipModel relationship, IReadOnlyCollection<TableMetadata> tables)
        {
            var referencing = tables.First(t => t.LogicalName == relationship.ReferencingEntity);
            var attribute = referencing.FindColumn(relationship.ReferencingAttribute);
            var attributeSchemaName = attribute != null ? SchemaNaming.Column(referencing, attribute) : SchemaNaming.StandardColumn(relationship.ReferencingAttribute);
            return new XElement("EntityRelationship", new XAttribute("Name", relationship.Name),
                new XElement("EntityRelationshipType", "OneToMany"),
                Flag("IsCustomizable", true),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                Flag("IsHierarchical", false),
                new XElement("ReferencingEntityName", SchemaNaming.Table(relationship.ReferencingEntity)),
                new XElement("ReferencedEntityName", SchemaNaming.Table(relationship.ReferencedEntity)),
                new XElement("CascadeAssign", "NoCascade"),
                new XElement("CascadeDelete", relationship.CascadeDelete),
                new XElement("CascadeReparent", "NoCascade"),
                new XElement("CascadeShare", "NoCascade"),
                new XElement("CascadeUnshare", "NoCascade"),
                new XElement("CascadeRollupView", "NoCascade"),
                Flag("IsValidForAdvancedFind", true),
                new XElement("ReferencingAttributeName", attributeSchemaName),
                new XElement("RelationshipDescription", Labels("Descriptions", "Description", string.Empty)),
                new XElement("EntityRelationshipRoles",
                    new XElement("EntityRelationshipRole",
                        new XElement("NavPaneDisplayOption", "UseCollectionName"),
                        new XElement("NavPaneArea", "Details"),
                        new XElement("NavPaneOrder", 10000),
                        new XElement("NavigationPropertyName", attributeSchemaName),
                        new XElement("RelationshipRoleType", 1)),
                    new XElement("EntityRelationshipRole",
                        new XElement("NavigationPropertyName", relationship.Name),
                        new XElement("RelationshipRoleType", 0))));
        }

        // ---- PluginAssemblies/<Name>-<GUID>/<Name>.dll.data.xml -----------------------------------------

        public static XElement PluginAssembly(PluginAssemblyModel assembly) =>
            new XElement("PluginAssembly",
                new XAttribute("FullName", assembly.FullName),
                new XAttribute("PluginAssemblyId", assembly.Id.ToString("D")),
                new XAttribute("CustomizationLevel", 1),
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
                // 2 sandbox isolation; 0 stored in the database.
                new XElement("IsolationMode", 2),
                new XElement("SourceType", 0),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                new XElement("FileName", "/" + assembly.ZipPath),
                new XElement("PluginTypes", assembly.Types.Select(PluginType)));

        private static XElement PluginType(PluginTypeModel type)
        {
            var element = new XElement("PluginType",
                new XAttribute("AssemblyQualifiedName", type.AssemblyQualifiedName),
                new XAttribute("PluginTypeId", type.Id.ToString("D")),
                new XAttribute("Name", type.FullName));
            if (type.Description != null)
            {
                element.Add(new XElement("Description", type.Description));
            }

            element.Add(new XElement("FriendlyName", type.FriendlyName));
            if (type.WorkflowActivityGroupName != null)
            {
                element.Add(new XElement("WorkflowActivityGroupName", type.WorkflowActivityGroupName));
            }

            return element;
        }

        // ---- SdkMessageProcessingSteps/{guid}.xml -------------------------------------------------------

        /// <summary>
        /// A step in the 9.0 XSD's child order: SdkMessageId after Rank, Configuration and Description before
        /// FilteringAttributes. Real exports since about 2020 write SdkMessageId first; the 2019 export in the facts
        /// file used this order, and import reads the elements by name, so the XSD order is what we emit (the schema
        /// check is then a hard gate instead of a known failure).
        /// </summary>
        public static XElement Step(StepModel step)
        {
            var element = new XElement("SdkMessageProcessingStep",
                new XAttribute("Name", step.Name),
                new XAttribute("SdkMessageProcessingStepId", Braced(step.Id)),
                new XElement("PluginTypeName", step.PluginType.AssemblyQualifiedName),
                new XElement("PluginTypeId", step.PluginType.Id.ToString("D")),
                new XElement("PrimaryEntity", step.PrimaryEntity),
                // Successful asynchronous jobs are deleted so they do not fill the system job table.
                Flag("AsyncAutoDelete", step.Mode == 1));
            if (step.Configuration != null)
            {
                element.Add(new XElement("Configuration", step.Configuration));
            }

            if (!string.IsNullOrEmpty(step.Description))
            {
                element.Add(new XElement("Description", step.Description));
            }

            element.Add(
                new XElement("FilteringAttributes", string.Join(",", step.FilteringAttributes)),
                new XElement("InvocationSource", 0),
                new XElement("Mode", step.Mode),
                new XElement("Rank", step.Rank),
                new XElement("SdkMessageId", step.SdkMessageId.ToString("D")),
                new XElement("EventHandlerTypeCode", 4602),
                new XElement("Stage", step.Stage),
                Flag("IsCustomizable", true),
                Flag("IsHidden", false),
                new XElement("SupportedDeployment", 0),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                new XElement("SdkMessageProcessingStepImages", step.Images.Select(i => new XElement("SdkMessageProcessingStepImage",
                    new XAttribute("Name", i.Alias),
                    new XElement("SdkMessageProcessingStepImageId", Braced(i.Id)),
                    new XElement("Attributes", string.Join(",", i.Attributes)),
                    new XElement("EntityAlias", i.Alias),
                    new XElement("ImageType", i.ImageType),
                    new XElement("MessagePropertyName", i.MessagePropertyName),
                    Flag("IsCustomizable", true)))));
            return element;
        }

        // ---- environmentvariabledefinitions/<schemaname>/environmentvariabledefinition.xml --------------

        public static XElement EnvironmentVariable(EnvironmentVariableDeclaration variable)
        {
            var element = new XElement("environmentvariabledefinition", new XAttribute("schemaname", variable.SchemaName));
            if (variable.DefaultValue != null)
            {
                element.Add(new XElement("defaultvalue", variable.DefaultValue));
            }

            if (variable.Description != null)
            {
                element.Add(DefaultLabel("description", variable.Description));
            }

            element.Add(
                DefaultLabel("displayname", variable.DisplayName),
                new XElement("introducedversion", SolutionModel.IntroducedVersion),
                new XElement("iscustomizable", 1),
                new XElement("isrequired", variable.IsRequired ? 1 : 0),
                new XElement("secretstore", 0),
                new XElement("type", variable.Type));
            return element;
        }

        // ---- customapis/<uniquename>/customapi.xml (+ request parameters, response properties) ------------

        /// <summary>
        /// The Custom API, bound to the plug-in type of the same solution by its id (facts §5). No step is registered
        /// for the main operation; allowedcustomprocessingsteptype 0: no other plug-in may attach steps to it.
        /// </summary>
        public static XElement CustomApi(CustomApiModel api)
        {
            ArgumentNullException.ThrowIfNull(api);
            var element = new XElement("customapi", new XAttribute("uniquename", api.UniqueName),
                new XElement("allowedcustomprocessingsteptype", 0),
                new XElement("bindingtype", api.Api.BindingType));
            if (!string.IsNullOrEmpty(api.Api.BoundEntityLogicalName))
            {
                element.Add(new XElement("boundentitylogicalname", api.Api.BoundEntityLogicalName));
            }

            element.Add(
                DefaultLabel("description", api.Api.Description),
                DefaultLabel("displayname", api.Api.DisplayName));
            if (!string.IsNullOrEmpty(api.Api.ExecutePrivilegeName))
            {
                element.Add(new XElement("executeprivilegename", api.Api.ExecutePrivilegeName));
            }

            element.Add(
                new XElement("iscustomizable", 1),
                new XElement("isfunction", api.Api.IsFunction ? 1 : 0),
                new XElement("isprivate", 0),
                new XElement("name", api.Api.DisplayName),
                new XElement("plugintypeid", new XElement("plugintypeid", api.PluginType.Id.ToString("D"))),
                // Enabled for classic workflows wherever Microsoft allows it: it replaces custom workflow activities.
                new XElement("workflowsdkstepenabled", ClassicWorkflowCalls.CanCall(api.Api) ? 1 : 0));
            return element;
        }

        public static XElement CustomApiRequestParameter(CustomApiParameterDeclaration parameter) => CustomApiParameter("customapirequestparameter", parameter, request: true);

        /// <summary>A response property: never isoptional (its presence fails the import, facts §7).</summary>
        public static XElement CustomApiResponseProperty(CustomApiParameterDeclaration property) => CustomApiParameter("customapiresponseproperty", property, request: false);

        private static XElement CustomApiParameter(string name, CustomApiParameterDeclaration parameter, bool request)
        {
            ArgumentNullException.ThrowIfNull(parameter);
            var element = new XElement(name, new XAttribute("uniquename", parameter.UniqueName),
                DefaultLabel("description", parameter.Description),
                DefaultLabel("displayname", parameter.DisplayName),
                new XElement("iscustomizable", 1));
            if (request)
            {
                element.Add(new XElement("isoptional", parameter.IsOptional ? 1 : 0));
            }

            if (!string.IsNullOrEmpty(parameter.LogicalEntityName))
            {
                element.Add(new XElement("logicalentityname", parameter.LogicalEntityName));
            }

            element.Add(new XElement("name", parameter.UniqueName), new XElement("type", parameter.Type));
            return element;
        }

        // ---- Roles/<name>.xml ---------------------------------------------------------------------------

        /// <summary>
        /// A security role. Real exports also write the attribute isinherited="1" on Role; the 9.0 XSD does not declare
        /// it, so it is left out and Dataverse applies its default for new roles.
        /// </summary>
        public static XElement Role(RoleModel role)
        {
            ArgumentNullException.ThrowIfNull(role);
            return new XElement("Role",
                new XAttribute("id", Braced(role.Id)),
                new XAttribute("name", role.Name),
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
                Flag("IsCustomizable", true),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                new XElement("RolePrivileges", role.Privileges.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new XElement("RolePrivilege",
                    new XAttribute("name", p.Name), new XAttribute("level", p.Depth.ToString())))));
        }

        // ---- Workflows/<Name>-<GUID>.json.data.xml (cloud flow) -----------------------------------------

        /// <summary>
        /// A cloud flow (Category 5, modern flow) in the child order of real exports, which is also the 9.0 XSD's order.
        /// Imported as draft (StateCode 0, StatusCode 1): it cannot run before the admin picks the connection of its
        /// connection reference, then turns it on. JsonFileName (needed) is newer than the XSD (see NewerThanSchema);
        /// IsCustomProcessingStepAllowedForOtherPublishers and ModernFlowType (optional, newer too) are not written.
        /// </summary>
        public static XElement CloudFlow(CloudFlowModel flow)
        {
            ArgumentNullException.ThrowIfNull(flow);
            var element = new XElement("Workflow",
                new XAttribute("WorkflowId", Braced(flow.Id)),
                new XAttribute("Name", flow.Flow.Name));
            if (flow.Flow.Description != null)
            {
                element.Add(new XAttribute("Description", flow.Flow.Description));
            }

            element.Add(
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
                new XElement("JsonFileName", "/" + flow.JsonPath),
                new XElement("Type", 1),
                Flag("Subprocess", false),
                new XElement("Category", 5),
                new XElement("Mode", 0),
                new XElement("Scope", 4),
                Flag("OnDemand", false),
                Flag("TriggerOnCreate", false),
                Flag("TriggerOnDelete", false),
                Flag("AsyncAutodelete", false),
                Flag("SyncWorkflowLogOnFailure", false),
                new XElement("StateCode", 0),
                new XElement("StatusCode", 1),
                new XElement("RunAs", 1),
                Flag("IsTransacted", true),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                Flag("IsCustomizable", true),
                new XElement("BusinessProcessType", 0),
                new XElement("PrimaryEntity", "none"),
                Labels("LocalizedNames", "LocalizedName", flow.Flow.Name));
            if (flow.Flow.Description != null)
            {
                element.Add(Labels("Descriptions", "Description", flow.Flow.Description));
            }

            return element;
        }

        // ---- helpers ------------------------------------------------------------------------------------

        public static string Braced(Guid id) => "{" + id.ToString("D") + "}";

        private static XElement DefaultLabel(string name, string text) =>
            new XElement(name, new XAttribute("default", text),
                new XElement("label", new XAttribute("description", text), new XAttribute("languagecode", Lang)));

        private static XElement Labels(string container, string item, string text) =>
            new XElement(container, new XElement(item, new XAttribute("description", text), new XAttribute("languagecode", Lang)));

        private static XElement Flag(string name, bool value) => new XElement(name, value ? 1 : 0);

        private static XElement Nil(string name) => new XElement(name, new XAttribute(Xsi + "nil", "true"));

        private static XElement Number(string name, decimal value) => new XElement(name, value.ToString(CultureInfo.InvariantCulture));

        private static string Invariant(string label) => new string(label.Where(char.IsLetterOrDigit).ToArray());

        private static string RequiredLevel(Metadata.RequiredLevel level) => level switch
        {
            Metadata.RequiredLevel.ApplicationRequired => "required",
            Metadata.RequiredLevel.Recommended => "recommended",
            Metadata.RequiredLevel.SystemRequired => "systemrequired",
            _ => "none",
        };

        private static string DisplayMask(bool isPrimaryId, bool isPrimaryName) =>
            isPrimaryId ? "ValidForAdvancedFind|RequiredForGrid"
            : isPrimaryName ? "PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm"
            : "ValidForAdvancedFind|ValidForForm|ValidForGrid";

        private static string CrmType(ColumnType type) => type switch
        {
            ColumnType.Uniqueidentifier => "uniqueidentifier",
            ColumnType.String => "nvarchar",
            ColumnType.Memo => "ntext",
            ColumnType.Integer => "int",
            ColumnType.BigInt => "bigint",
            ColumnType.Decimal => "decimal",
            ColumnType.Double => "float",
            ColumnType.Money => "money",
            ColumnType.Boolean => "bit",
            ColumnType.DateTime => "datetime",
            ColumnType.Picklist => "picklist",
            ColumnType.State => "state",
            ColumnType.Status => "status",
            ColumnType.Lookup => "lookup",
            ColumnType.Owner => "owner",
            ColumnType.Customer => "customer",
            ColumnType.EntityName => "nvarchar",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown column type."),
        };
    }

    /// <summary>Solution component type codes (solutioncomponent.componenttype) used as root components.</summary>
    public static class ComponentTypes
    {
        public const int Entity = 1;
        public const int OptionSet = 9;
        public const int Role = 20;
        public const int Workflow = 29;
        public const int PluginAssembly = 91;
        public const int SdkMessageProcessingStep = 92;
        public const int SavedQuery = 26;
        public const int SavedQueryVisualization = 59;
        public const int SystemForm = 60;
        public const int SiteMap = 62;
        public const int AppModule = 80;
        public const int WebResource = 61;
    }
}
