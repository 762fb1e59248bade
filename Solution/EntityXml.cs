using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.Metadata;
using static LeadRecycle.Solution.XmlParts;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// Entities/&lt;SchemaName&gt;/Entity.xml: a table with its columns, keys and (for LeadRecycle's own tables) its
    /// settings, derived from the metadata catalog. Element names and orders follow real Dataverse exports
    /// (dataverse-solution-facts.md §4) wherever Microsoft's 9.0 CustomizationsSolution.xsd accepts them; elements newer
    /// than the XSD (AutoNumberFormat, IsSearchable, IsRetrieveAuditEnabled ...) are not written: Dataverse applies its
    /// defaults to them on import.
    /// </summary>
    public static class EntityXml
    {
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
            yield return Flag("ChangeTrackingEnabled", table.IsChangeTrackingEnabled);
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
                        OptionSetXml.Option(1, "Yes", null), OptionSetXml.Option(0, "No", null),
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
                            choice.Options.Select(o => OptionSetXml.Option(o.Value, o.Label, o.Description)));
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
}
