using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Framework;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// Whether a Custom API can be offered to classic workflows (customapi.workflowsdkstepenabled). LeadRecycle ships no
    /// custom workflow activities: Microsoft asks for new automation in Power Automate rather than classic workflows
    /// ("Replace classic Microsoft Dataverse workflows with Power Automate"), the Dataverse connector calls Custom APIs
    /// ("Create and use custom APIs"), and a Custom API enabled for workflow is a step of a classic workflow too
    /// ("Use a custom API in a workflow"), so the one declaration of each API, with its whole parameter list, serves all
    /// three. The conditions are Microsoft's, from that section: an action, not a function, whose request parameters and
    /// response properties are of the types the workflow designer supports, EntityReference only on an API bound to a table.
    /// </summary>
    public static class ClassicWorkflowCalls
    {
        /// <summary>Every parameter type but Entity, EntityCollection and StringArray.</summary>
        private static readonly HashSet<CustomApiParameterType> WorkflowTypes = new HashSet<CustomApiParameterType>
        {
            CustomApiParameterType.Boolean, CustomApiParameterType.DateTime, CustomApiParameterType.Decimal, CustomApiParameterType.EntityReference,
            CustomApiParameterType.Float, CustomApiParameterType.Integer, CustomApiParameterType.Money, CustomApiParameterType.Picklist,
            CustomApiParameterType.String, CustomApiParameterType.Guid,
        };

        /// <summary>What keeps <paramref name="api"/> out of classic workflows; empty when it can be enabled.</summary>
        public static IReadOnlyList<string> Obstacles(CustomApiDefinition api)
        {
            ArgumentNullException.ThrowIfNull(api);
            var obstacles = new List<string>();
            if (api.IsFunction)
            {
                obstacles.Add("it is a function");
            }

            foreach (var parameter in api.RequestParameters.Concat(api.ResponseProperties))
            {
                if (!WorkflowTypes.Contains(parameter.Type))
                {
                    obstacles.Add($"'{parameter.UniqueName}' has type {parameter.Type}, which the workflow designer does not support");
                }
                else if (parameter.Type == CustomApiParameterType.EntityReference && api.Binding != CustomApiBinding.Entity)
                {
                    obstacles.Add($"'{parameter.UniqueName}' is an EntityReference on an API not bound to a table");
                }
            }

            return obstacles;
        }

        public static bool CanCall(CustomApiDefinition api) => Obstacles(api).Count == 0;
    }
}
