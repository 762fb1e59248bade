using LeadRecycle.InMemoryDataverse.Pipeline;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Messages
{
    /// <summary>
    /// A registered Custom API: the request's parameters in, the plug-in's OutputParameters out. Its plug-in is the
    /// main operation (stage 30); a bound API's Target is the primary entity; with an execute privilege
    /// (customapi.executeprivilegename: "Name of the privilege that allows execution of the custom API", Microsoft
    /// Learn, "CustomAPI table/entity reference") a caller without it is refused.
    /// </summary>
    internal sealed class CustomApiHandler : MessageHandler
    {
        private readonly StepEntry _plugin;
        private readonly string? _executePrivilegeName;

        public CustomApiHandler(string uniqueName, StepEntry plugin, string? executePrivilegeName)
            : base(uniqueName)
        {
            _plugin = plugin;
            _executePrivilegeName = string.IsNullOrEmpty(executePrivilegeName) ? null : executePrivilegeName;
        }

        public override void ResolvePrimaryEntity(OperationState op)
        {
            if (op.InputParameters.TryGetValue("Target", out var bound) && bound is EntityReference boundTo)
            {
                ResolveReference(op, boundTo);
            }
        }

        public override void Authorize(OperationState op)
        {
            if (_executePrivilegeName != null)
            {
                op.Organization.Access.DemandPrivilege(op.UserId, _executePrivilegeName, null);
            }
        }

        public override void Execute(OperationState op)
        {
            var organization = op.Organization;
            var context = new PluginExecutionContext(op, (int)StepStage.MainOperation, (int)StepMode.Synchronous, organization.Store.Current != null, op.UserId);
            organization.Invoke(_plugin, context);
        }
    }
}
