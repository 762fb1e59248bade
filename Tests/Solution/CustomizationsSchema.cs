using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Xunit;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>
    /// Microsoft's 9.0 CustomizationsSolution.xsd (third-party/dataverse-schemas), compiled once, and the parts of real
    /// exports it predates, which are set aside before validating.
    /// </summary>
    internal static class CustomizationsSchema
    {
        /// <summary>
        /// Parts import needs or real exports carry that the 9.0 XSD does not know, as paths from customizations.xml's root
        /// (@ for an attribute): the inline connection references and a cloud flow's JsonFileName (it predates cloud flows in
        /// solutions), and a role's isinherited and IsAutoAssigned (columns of the role table, Microsoft Learn "Security
        /// Role (Role) table/entity reference"; written by Microsoft's own CoE Starter Kit exports).
        /// </summary>
        public static readonly IReadOnlyList<string> NewerThanSchema = new[]
        {
            "connectionreferences", "Workflows/Workflow/JsonFileName", "Roles/Role/@isinherited", "Roles/Role/IsAutoAssigned",
        };

        private static readonly Lazy<XmlSchemaSet> Compiled = new Lazy<XmlSchemaSet>(() =>
        {
            Assert.True(SchemaLocation.Folder != null, SchemaLocation.Describe());
            var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
            schemas.Add(null, Path.Combine(SchemaLocation.Folder!, SchemaLocation.FileName));
            schemas.Compile();
            return schemas;
        });

        public static XmlSchemaSet Schemas => Compiled.Value;

        /// <summary>The declaration of the element at <paramref name="path"/> under ImportExportXml, e.g. Roles/Role.</summary>
        public static XmlSchemaElement Element(string path)
        {
            var current = Schemas.GlobalElements.Values.Cast<XmlSchemaElement>().Single(e => e.Name == "ImportExportXml");
            foreach (var name in path.Split('/'))
            {
                var particle = (current.ElementSchemaType as XmlSchemaComplexType)?.ContentTypeParticle;
                current = Children(particle).FirstOrDefault(e => e.QualifiedName.Name == name)
                    ?? throw new InvalidOperationException($"CustomizationsSolution.xsd declares no {name} under {current.QualifiedName.Name}.");
            }

            return current;
        }

        /// <summary>Validates <paramref name="component"/> against the declaration at <paramref name="path"/>, after setting aside what is newer than the XSD.</summary>
        public static IReadOnlyList<string> Validate(XElement component, string path)
        {
            var copy = new XElement(component);
            foreach (var newer in NewerThanSchema.Where(n => n.StartsWith(path + "/", StringComparison.Ordinal)))
            {
                SetAside(copy, newer[(path.Length + 1)..]);
            }

            var problems = new List<string>();
            new XDocument(copy).Root!.Validate(Element(path), Schemas, (_, e) => problems.Add($"{e.Severity}: {e.Message}"));
            return problems;
        }

        /// <summary>Removes the elements or attributes at <paramref name="path"/> below <paramref name="root"/>.</summary>
        public static void SetAside(XElement root, string path)
        {
            var steps = path.Split('/');
            IEnumerable<XElement> parents = new[] { root };
            foreach (var step in steps[..^1])
            {
                parents = parents.Elements(step);
            }

            var last = steps[^1];
            if (last.StartsWith('@'))
            {
                parents.Attributes(last[1..]).ToArray().Remove();
            }
            else
            {
                parents.Elements(last).ToArray().Remove();
            }
        }

        private static IEnumerable<XmlSchemaElement> Children(XmlSchemaParticle? particle) => particle switch
        {
            XmlSchemaElement element => new[] { element },
            XmlSchemaGroupBase group => group.Items.OfType<XmlSchemaParticle>().SelectMany(Children),
            _ => Array.Empty<XmlSchemaElement>(),
        };
    }
}
