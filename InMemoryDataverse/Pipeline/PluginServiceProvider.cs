using System;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.InMemoryDataverse.Pipeline
{
    /// <summary>The IServiceProvider handed to IPlugin.Execute.</summary>
    internal sealed class PluginServiceProvider : IServiceProvider, IOrganizationServiceFactory
    {
        private readonly InMemoryOrganization _organization;
        private readonly PluginExecutionContext _context;
        private readonly TracingService _tracing;

        public PluginServiceProvider(InMemoryOrganization organization, PluginExecutionContext context, TracingService tracing)
        {
            _organization = organization;
            _context = context;
            _tracing = tracing;
        }

        public object? GetService(Type serviceType)
        {
            if (serviceType == typeof(IPluginExecutionContext) || serviceType == typeof(IExecutionContext))
            {
                return _context;
            }

            if (serviceType == typeof(ITracingService))
            {
                return _tracing;
            }

            if (serviceType == typeof(IOrganizationServiceFactory))
            {
                return this;
            }

            return null;
        }

        /// <summary>null: the SYSTEM user, as in Dataverse.</summary>
        public IOrganizationService CreateOrganizationService(Guid? userId) =>
            new OrganizationService(_organization, userId ?? _organization.SystemUserId, _context);
    }
}
