using System;
using System.Globalization;
using System.Xml.Linq;

namespace LeadRecycle.Solution
{
    /// <summary>The small pieces every component's XML is built from: labels, 0/1 flags, braced ids.</summary>
    public static class XmlParts
    {
        public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

        public static string Lang => SolutionModel.LanguageCode.ToString(CultureInfo.InvariantCulture);

        public static string Braced(Guid id) => "{" + id.ToString("D") + "}";

        /// <summary>A label with a default text, as Custom APIs and environment variables write it.</summary>
        public static XElement DefaultLabel(string name, string text) =>
            new XElement(name, new XAttribute("default", text),
                new XElement("label", new XAttribute("description", text), new XAttribute("languagecode", Lang)));

        /// <summary>A container of one localized label, e.g. LocalizedNames/LocalizedName.</summary>
        public static XElement Labels(string container, string item, string text) =>
            new XElement(container, new XElement(item, new XAttribute("description", text), new XAttribute("languagecode", Lang)));

        public static XElement Flag(string name, bool value) => new XElement(name, value ? 1 : 0);

        public static XElement Number(string name, decimal value) => new XElement(name, value.ToString(CultureInfo.InvariantCulture));
    }
}
