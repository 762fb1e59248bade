using System;
using System.Collections.Generic;
using System.Linq;

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
        private const int EntityBinding = 1;
        private const int EntityReferenceType = 5;

        /// <summary>Boolean, DateTime, Decimal, EntityReference, Float, Integer, Money, Picklist, String, Guid (not Entity, EntityCollection, StringArray).</summary>
        private static readonly HashSet<int> WorkflowTypes = new HashSet<int> { 0, 1, 2, EntityReferenceType, 6, 7, 8, 9, 10, 12 };

        /// <summary>What keeps <paramref name="api"/> out of classic workflows; empty when it can be enabled.</summary>
        public static IReadOnlyList<string> Obstacles(CustomApiDeclaration api)
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
                else if (parameter.Type == EntityReferenceType && api.BindingType != EntityBinding)
                {
                    obstacles.Add($"'{parameter.UniqueName}' is an EntityReference on an API not bound to a table");
                }
            }

            return obstacles;
        }

        public static bool CanCall(CustomApiDeclaration api) => Obstacles(api).Count == 0;
    }
}
