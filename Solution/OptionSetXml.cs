using System.Linq;
using System.Xml.Linq;
using LeadRecycle.Metadata;
using static LeadRecycle.Solution.XmlParts;

namespace LeadRecycle.Solution
{
    /// <summary>OptionSets/&lt;name&gt;.xml: a global choice of the catalog; and the option element local choices share.</summary>
    public static class OptionSetXml
    {
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
        internal static XElement Option(int value, string label, string? description)
        {
            var option = new XElement("option", new XAttribute("value", value), new XAttribute("ExternalValue", string.Empty),
                Labels("labels", "label", label));
            if (description != null)
            {
                option.Add(Labels("Descriptions", "Description", description));
            }

            return option;
        }
    }
}
