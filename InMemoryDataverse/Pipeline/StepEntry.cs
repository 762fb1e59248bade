using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Pipeline
{
    /// <summary>A registered step with its plug-in instance (created once and reused, as Dataverse caches instances).</summary>
    internal sealed class StepEntry
    {
        private IPlugin? _plugin;

        public StepEntry(StepRegistration registration, int order)
        {
            Registration = registration;
            Order = order;
        }

        public StepRegistration Registration { get; }

        public int Order { get; }

        public IPlugin Plugin => _plugin ??= Registration.Factory != null
            ? Registration.Factory(Registration)
            : (IPlugin)PluginActivator.Create(Registration.PluginType, Registration.UnsecureConfiguration, Registration.SecureConfiguration);
    }
}
