using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Metadata;

namespace LeadRecycle.Solution
{
    /// <summary>A one-to-many relationship: the referencing table's lookup column points at the referenced table.</summary>
    public sealed record RelationshipModel(string Name, string ReferencingEntity, string ReferencingAttribute, string ReferencedEntity, string CascadeDelete)
    {
        /// <summary>Unpacked relationships are filed under the referenced (one-side) table's schema name.</summary>
        public string FileName => SchemaNaming.Table(ReferencedEntity) + ".xml";

        /// <summary>
        /// The relationships the solution carries: the platform's system family for each custom table (what a real
        /// export writes for a user-owned table: business_unit_, lk_..._createdby/modifiedby, owner_, team_, user_)
        /// and one per custom lookup column, whose target is defined only by its relationship.
        /// </summary>
        public static IReadOnlyList<RelationshipModel> For(IEnumerable<TableMetadata> tables, string publisherPrefix)
        {
            var relationships = new List<RelationshipModel>();
            foreach (var table in tables)
            {
                var t = table.LogicalName;
                if (table.IsCustom)
                {
                    if (table.FindColumn("createdby") != null)
                    {
                        relationships.Add(new RelationshipModel($"lk_{t}_createdby", t, "createdby", "systemuser", "NoCascade"));
                    }

                    if (table.FindColumn("modifiedby") != null)
                    {
                        relationships.Add(new RelationshipModel($"lk_{t}_modifiedby", t, "modifiedby", "systemuser", "NoCascade"));
                    }

                    if (table.Ownership == TableOwnership.UserOwned)
                    {
                        relationships.Add(new RelationshipModel($"business_unit_{t}", t, "owningbusinessunit", "businessunit", "Restrict"));
                        relationships.Add(new RelationshipModel($"owner_{t}", t, "ownerid", "owner", "NoCascade"));
                        relationships.Add(new RelationshipModel($"team_{t}", t, "owningteam", "team", "NoCascade"));
                        relationships.Add(new RelationshipModel($"user_{t}", t, "owninguser", "systemuser", "NoCascade"));
                    }
                }

                foreach (var lookup in table.Columns.Where(c => c.IsCustom && c.Type == ColumnType.Lookup))
                {
                    var target = lookup.Targets.Single();
                    relationships.Add(new RelationshipModel(CustomLookupName(publisherPrefix, t, lookup.LogicalName, target), t, lookup.LogicalName, target, "RemoveLink"));
                }
            }

            return relationships.OrderBy(r => r.Name, StringComparer.Ordinal).ToArray();
        }

        /// <summary>lr_&lt;target&gt;_&lt;table&gt;_&lt;column&gt; without repeated prefixes; a relationship's name is its identity, never rename it.</summary>
        private static string CustomLookupName(string prefix, string table, string column, string target)
        {
            var p = prefix + "_";
            static string Strip(string name, string p) => name.StartsWith(p, StringComparison.Ordinal) ? name[p.Length..] : name;
            return p + Strip(target, p) + "_" + Strip(table, p) + "_" + Strip(column, p);
        }
    }
}
