using System;
using System.Xml.Linq;
using LeadRecycle.Framework;
using static LeadRecycle.Solution.XmlParts;

namespace LeadRecycle.Solution
{
    /// <summary>customapis/&lt;uniquename&gt;/customapi.xml with its request parameters and response properties.</summary>
    public static class CustomApiXml
    {
        /// <summary>
        /// The Custom API, bound to the plug-in type of the same solution by its id (facts §5). No step is registered
        /// for the main operation; allowedcustomprocessingsteptype 0: no other plug-in may attach steps to it.
        /// </summary>
        public static XElement CustomApi(CustomApiModel api)
        {
            ArgumentNullException.ThrowIfNull(api);
            var element = new XElement("customapi", new XAttribute("uniquename", api.UniqueName),
                new XElement("allowedcustomprocessingsteptype", 0),
                new XElement("bindingtype", (int)api.Api.Binding));
            if (!string.IsNullOrEmpty(api.Api.BoundEntity))
            {
                element.Add(new XElement("boundentitylogicalname", api.Api.BoundEntity));
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

        public static XElement CustomApiRequestParameter(CustomApiParameter parameter) => CustomApiParameter("customapirequestparameter", parameter, request: true);

        /// <summary>A response property: never isoptional (its presence fails the import, facts §7).</summary>
        public static XElement CustomApiResponseProperty(CustomApiParameter property) => CustomApiParameter("customapiresponseproperty", property, request: false);

        private static XElement CustomApiParameter(string name, CustomApiParameter parameter, bool request)
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

            element.Add(new XElement("name", parameter.UniqueName), new XElement("type", (int)parameter.Type));
            return element;
        }
    }
}
