using LeadRecycle.InMemoryDataverse.Pipeline;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Messages
{
    /// <summary>
    /// SetStateDynamicEntity: the SdkMessage older clients send to change a record's state, with SetState's
    /// parameters (EntityMoniker, State, Status) and SetState's core operation and privilege; steps registered on
    /// SetStateDynamicEntity see it under its own name. Microsoft Learn's "Event framework" leaves it out of the
    /// messages that accept new plug-in steps, so LeadRecycle registers none on it; the emulator still routes it,
    /// as the platform does, rather than refusing it as unrecognized.
    /// </summary>
    internal sealed class SetStateDynamicEntityHandler : SetStateHandler
    {
        public SetStateDynamicEntityHandler()
            : base("SetStateDynamicEntity")
        {
        }

        public override OrganizationResponse CreateResponse(OperationState op) => new OrganizationResponse { ResponseName = MessageName };
    }
}
