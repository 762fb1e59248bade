using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// A table's RibbonDiff.xml (Entities/&lt;S&gt;/RibbonDiff.xml, facts §2): LeadRecycle's form commands as classic
    /// ribbon customizations, which the unified interface draws as command bar buttons. Each command is a custom action
    /// in the main form's Save group, a command definition running a function of a JScript web resource with the form's
    /// context, a display rule hiding it on the create form, a custom enable rule, and its labels. Only ids of its own
    /// (seeded by the command's id) are referenced, so the diff depends on no platform rule that could be renamed.
    /// </summary>
    public static class RibbonXml
    {
        /// <summary>The form command bar's Save group: present on every table's main form (Microsoft's own samples add there).</summary>
        public static string FormLocation(string table) => "Mscrm.Form." + table + ".MainTab.Save.Controls._children";

        public static XElement RibbonDiff(IReadOnlyCollection<FormCommandDeclaration> commands)
        {
            ArgumentNullException.ThrowIfNull(commands);
            var ordered = commands.OrderBy(c => c.Id, StringComparer.Ordinal).ToArray();
            var lang = SolutionModel.LanguageCode.ToString(CultureInfo.InvariantCulture);
            return new XElement("RibbonDiffXml",
                new XElement("CustomActions", ordered.Select(CustomAction)),
                new XElement("Templates", new XElement("RibbonTemplates", new XAttribute("Id", "Mscrm.Templates"))),
                new XElement("CommandDefinitions", ordered.Select(CommandDefinition)),
                new XElement("RuleDefinitions",
                    new XElement("TabDisplayRules"),
                    new XElement("DisplayRules", ordered.Select(c => new XElement("DisplayRule", new XAttribute("Id", DisplayRuleId(c)),
                        new XElement("FormStateRule", new XAttribute("State", "Create"), new XAttribute("InvertResult", "true"))))),
                    new XElement("EnableRules", ordered.Select(c => new XElement("EnableRule", new XAttribute("Id", EnableRuleId(c)),
                        new XElement("CustomRule", new XAttribute("FunctionName", c.EnableRuleFunction), new XAttribute("Library", WebResourceReference(c.Library)),
                            new XAttribute("Default", "false"),
                            new XElement("CrmParameter", new XAttribute("Value", "PrimaryControl"))))))),
                new XElement("LocLabels", ordered.SelectMany(c => new[]
                {
                    LocLabel(LabelId(c), c.Label, lang),
                    LocLabel(ToolTipId(c), c.ToolTip, lang),
                })));
        }

        public static string WebResourceReference(string name) => "$webresource:" + name;

        public static string CommandId(FormCommandDeclaration command) => command.Id + ".Command";

        private static string DisplayRuleId(FormCommandDeclaration command) => command.Id + ".NotOnCreateForm";

        private static string EnableRuleId(FormCommandDeclaration command) => command.Id + ".IsEnabled";

        private static string LabelId(FormCommandDeclaration command) => command.Id + ".LabelText";

        private static string ToolTipId(FormCommandDeclaration command) => command.Id + ".ToolTipDescription";

        private static XElement CustomAction(FormCommandDeclaration command)
        {
            var sequence = command.Sequence.ToString(CultureInfo.InvariantCulture);
            var button = new XElement("Button",
                new XAttribute("Id", command.Id + ".Button"),
                new XAttribute("Command", CommandId(command)),
                new XAttribute("Sequence", sequence),
                new XAttribute("LabelText", "$LocLabels:" + LabelId(command)),
                new XAttribute("Alt", "$LocLabels:" + LabelId(command)),
                new XAttribute("ToolTipTitle", "$LocLabels:" + LabelId(command)),
                new XAttribute("ToolTipDescription", "$LocLabels:" + ToolTipId(command)),
                new XAttribute("TemplateAlias", "o1"));
            if (command.ModernImage != null)
            {
                button.Add(new XAttribute("ModernImage", WebResourceReference(command.ModernImage)));
            }

            return new XElement("CustomAction",
                new XAttribute("Id", command.Id + ".CustomAction"),
                new XAttribute("Location", FormLocation(command.Table)),
                new XAttribute("Sequence", sequence),
                new XElement("CommandUIDefinition", button));
        }

        private static XElement CommandDefinition(FormCommandDeclaration command) =>
            new XElement("CommandDefinition", new XAttribute("Id", CommandId(command)),
                new XElement("EnableRules", new XElement("EnableRule", new XAttribute("Id", EnableRuleId(command)))),
                new XElement("DisplayRules", new XElement("DisplayRule", new XAttribute("Id", DisplayRuleId(command)))),
                new XElement("Actions",
                    new XElement("JavaScriptFunction", new XAttribute("FunctionName", command.FunctionName), new XAttribute("Library", WebResourceReference(command.Library)),
                        new XElement("CrmParameter", new XAttribute("Value", "PrimaryControl")))));

        private static XElement LocLabel(string id, string text, string lang) =>
            new XElement("LocLabel", new XAttribute("Id", id),
                new XElement("Titles", new XElement("Title", new XAttribute("description", text), new XAttribute("languagecode", lang))));
    }
}
