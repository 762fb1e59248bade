using System;
using System.Globalization;
using System.Linq;
using System.Text;
using LeadRecycle.Framework;
using LeadRecycle.Schema;
using LeadRecycle.Services.Configuration;
using LeadRecycle.Services.Recycling;

namespace LeadRecycle.CustomApis
{
    /// <summary>
    /// lr_GetReturnToNurtureRequirements (global function): what each reason a rep may pick requires, read from the
    /// policy the PreValidation steps enforce, so the Return to Nurture dialog marks the fields a reason needs as soon as
    /// it is picked and never holds a second copy of the rules. The policy is the organization's (the environment
    /// variable over the compiled defaults), through the same cached provider the steps read.
    /// </summary>
    public sealed class GetReturnToNurtureRequirementsApi : PluginBase
    {
        public const string UniqueName = "lr_GetReturnToNurtureRequirements";

        /// <summary>
        /// Whoever may read a deal may learn what returning it to nurture asks; every sales role holds it. The answer is
        /// the policy's per-reason checklist, nothing about any record.
        /// </summary>
        public const string ExecutePrivilege = "prvReadOpportunity";

        public GetReturnToNurtureRequirementsApi(string? unsecureConfiguration = null, string? secureConfiguration = null)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        public override CustomApiDefinition CustomApi => new CustomApiDefinition(
            typeof(GetReturnToNurtureRequirementsApi),
            UniqueName,
            "Get Return to Nurture requirements",
            "For each Return-to-Nurture reason a rep may choose: the checklist fields the policy requires and whether the reason removes the prospect from the waterfall.",
            CustomApiBinding.Global,
            null,
            Array.Empty<CustomApiParameter>(),
            new[]
            {
                new CustomApiParameter("Requirements", CustomApiParameterType.String, "Requirements",
                    "JSON: for each reason a rep may choose, its value, whether it removes the prospect from the waterfall, its nurture stream and the lr_ReturnToNurture parameters it requires."),
            },
            ExecutePrivilege,
            isFunction: true);

        protected override void ExecuteStep(LocalPluginContext context)
        {
            context.ExecutionContext.OutputParameters["Requirements"] = Write(context.Policy());
        }

        /// <summary>
        /// The requirements as JSON. The field names are the lr_ReturnToNurture parameter names (ReturnToNurtureChecklist),
        /// which the dialog uses as its fields' ids. The stall scan's own reason is left out: ChecklistValidator refuses it from a rep.
        /// </summary>
        public static string Write(RecyclePolicy policy)
        {
            if (policy == null)
            {
                throw new ArgumentNullException(nameof(policy));
            }

            var json = new StringBuilder("{\"reasons\":[");
            var reasons = policy.Reasons.Values
                .Where(r => r.Reason != DisqualificationReason.StalledInStage)
                .OrderBy(r => (int)r.Reason);
            var first = true;
            foreach (var reason in reasons)
            {
                json.Append(first ? "{" : ",{");
                first = false;
                json.Append("\"reason\":").Append(((int)reason.Reason).ToString(CultureInfo.InvariantCulture));
                json.Append(",\"removesFromWaterfall\":").Append(reason.RemovesFromWaterfall ? "true" : "false");
                json.Append(",\"stream\":");
                if (reason.Stream is NurtureStream stream)
                {
                    AppendString(json, Labels.Streams[stream]);
                }
                else
                {
                    json.Append("null");
                }

                json.Append(",\"requires\":[");
                json.Append(string.Join(",", reason.RequiredFields.Select(field => "\"" + ReturnToNurtureChecklist.For(field).ParameterName + "\"")));
                json.Append("]}");
            }

            return json.Append("]}").ToString();
        }

        /// <summary>A JSON string literal (RFC 8259 section 7: quote, reverse solidus and control characters escaped).</summary>
        private static void AppendString(StringBuilder json, string text)
        {
            json.Append('"');
            foreach (var c in text)
            {
                switch (c)
                {
                    case '"':
                        json.Append("\\\"");
                        break;
                    case '\\':
                        json.Append("\\\\");
                        break;
                    default:
                        if (c < ' ')
                        {
                            json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            json.Append(c);
                        }

                        break;
                }
            }

            json.Append('"');
        }
    }
}
