using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LeadRecycle.InMemoryDataverse.Messages
{
    /// <summary>The organization's messages by request name: the platform's, then the Custom APIs registered.</summary>
    internal sealed class MessageHandlers
    {
        private static readonly MessageHandler[] Platform =
        {
            new CreateHandler(),
            new RetrieveHandler(),
            new RetrieveMultipleHandler(),
            new UpdateHandler(),
            new DeleteHandler(),
            new AssignHandler(),
            new SetStateHandler(),
            new SetStateDynamicEntityHandler(),
            new LoseOpportunityHandler(),
            new WinOpportunityHandler(),
            new GrantAccessHandler(),
            new WhoAmIHandler(),
        };

        private static readonly Dictionary<string, MessageHandler> PlatformByRequestName =
            Platform.SelectMany(handler => handler.RequestNames.Select(name => (name, handler)))
                .ToDictionary(pair => pair.name, pair => pair.handler, StringComparer.Ordinal);

        private readonly Dictionary<string, CustomApiHandler> _customApis = new Dictionary<string, CustomApiHandler>(StringComparer.Ordinal);

        public static MessageHandler Create { get; } = PlatformByRequestName["Create"];

        /// <summary>Adds or replaces a Custom API; a platform message's name is refused.</summary>
        public void AddCustomApi(CustomApiHandler handler)
        {
            if (PlatformByRequestName.ContainsKey(handler.MessageName))
            {
                throw new ArgumentException(handler.MessageName + " is a platform message, not a Custom API name.", nameof(handler));
            }

            _customApis[handler.MessageName] = handler;
        }

        public MessageHandler Find(string requestName)
        {
            if (PlatformByRequestName.TryGetValue(requestName, out var handler))
            {
                return handler;
            }

            if (_customApis.TryGetValue(requestName, out var customApi))
            {
                return customApi;
            }

            throw new DataverseFaultException(DataverseErrorCodes.UnrecognizedRequest, string.Format(CultureInfo.InvariantCulture,
                "Unrecognized request name: {0}. The in-memory Dataverse supports {1} and registered Custom APIs.",
                requestName, string.Join(", ", Platform.Select(h => h.RequestNames[h.RequestNames.Count - 1]))));
        }
    }
}
