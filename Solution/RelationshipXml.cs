using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.Metadata;
using static LeadRecycle.Solution.XmlParts;

namespace LeadRecycle.Solution
{
    /// <summary>Other/Relationships.xml and Other/Relationships/&lt;Entity&gt;.xml, derived from the catalog's tables and lookups.</summary>
    public static class RelationshipXml
    {
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
    }
}
