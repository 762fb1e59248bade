using System;
using System.Linq;
using System.Xml.Linq;
using LeadRecycle.Framework;
using static LeadRecycle.Solution.XmlParts;

namespace LeadRecycle.Solution
{
    /// <summary>SdkMessageProcessingSteps/{guid}.xml: one step as its plug-in declares it.</summary>
    public static class StepXml
    {
        /// <summary>
        /// A step in the 9.0 XSD's child order: SdkMessageId after Rank, Configuration and Description before
        /// FilteringAttributes. Real exports since about 2020 write SdkMessageId first; the 2019 export in the facts
        /// file used this order, and import reads the elements by name, so the XSD order is what we emit (the schema
        /// check is then a hard gate instead of a known failure).
        /// </summary>
        public static XElement Step(StepModel step)
        {
            ArgumentNullException.ThrowIfNull(step);
            var declared = step.Declaration;
            var element = new XElement("SdkMessageProcessingStep",
                new XAttribute("Name", step.Name),
                new XAttribute("SdkMessageProcessingStepId", Braced(step.Id)),
                new XElement("PluginTypeName", step.PluginType.AssemblyQualifiedName),
                new XElement("PluginTypeId", step.PluginType.Id.ToString("D")),
                new XElement("PrimaryEntity", declared.PrimaryEntity),
                // Successful asynchronous jobs are deleted so they do not fill the system job table.
                Flag("AsyncAutoDelete", declared.Mode == ExecutionMode.Asynchronous));
            if (declared.UnsecureConfiguration != null)
            {
                element.Add(new XElement("Configuration", declared.UnsecureConfiguration));
            }

            if (!string.IsNullOrEmpty(declared.Description))
            {
                element.Add(new XElement("Description", declared.Description));
            }

            element.Add(
                new XElement("FilteringAttributes", string.Join(",", declared.FilteringAttributes)),
                new XElement("InvocationSource", 0),
                new XElement("Mode", (int)declared.Mode),
                new XElement("Rank", declared.Rank),
                new XElement("SdkMessageId", step.SdkMessageId.ToString("D")),
                new XElement("EventHandlerTypeCode", 4602),
                new XElement("Stage", (int)declared.Stage),
                Flag("IsCustomizable", true),
                Flag("IsHidden", false),
                new XElement("SupportedDeployment", 0),
                new XElement("IntroducedVersion", SolutionModel.IntroducedVersion),
                new XElement("SdkMessageProcessingStepImages", step.Images.Select(i => new XElement("SdkMessageProcessingStepImage",
                    new XAttribute("Name", i.Declaration.Alias),
                    new XElement("SdkMessageProcessingStepImageId", Braced(i.Id)),
                    new XElement("Attributes", string.Join(",", i.Declaration.Attributes)),
                    new XElement("EntityAlias", i.Declaration.Alias),
                    new XElement("ImageType", (int)i.Declaration.ImageType),
                    new XElement("MessagePropertyName", i.Declaration.MessagePropertyName),
                    Flag("IsCustomizable", true)))));
            return element;
        }
    }
}
