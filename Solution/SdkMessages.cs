using System;
using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// The sdkmessageid of every message LeadRecycle may register a step on. The ids are the same in every
    /// organization (created at install) and come from the sources in dataverse-solution-facts.md §1: Microsoft
    /// Learn plus real exports for most, one real export for Lose and Win. Any other message is refused rather
    /// than guessed: a wrong id makes the import fail or, worse, binds the step to another message. QualifyLead in
    /// particular has no public id; take it from a real organization before adding it here.
    /// </summary>
    public static class SdkMessages
    {
        private static readonly IReadOnlyDictionary<string, Guid> Known = new Dictionary<string, Guid>(StringComparer.Ordinal)
        {
            ["Assign"] = new Guid("8cbdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["Create"] = new Guid("9ebdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["Delete"] = new Guid("a1bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["GrantAccess"] = new Guid("c5bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["Lose"] = new Guid("d1bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["RetrieveMultiple"] = new Guid("03bebb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["SetState"] = new Guid("1cbebb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["SetStateDynamicEntity"] = new Guid("1dbebb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["Update"] = new Guid("20bebb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["Win"] = new Guid("27bebb1b-ea3e-db11-86a7-000a3a5473e8"),
        };

        public static IReadOnlyCollection<string> Names => Known.Keys.OrderBy(n => n, StringComparer.Ordinal).ToArray();

        public static Guid IdOf(string messageName, string stepName)
        {
            if (Known.TryGetValue(messageName, out var id))
            {
                return id;
            }

            throw new UnknownSdkMessageException(messageName, stepName);
        }
    }

    public sealed class UnknownSdkMessageException : InvalidOperationException
    {
        public UnknownSdkMessageException(string messageName, string stepName)
            : base($"Step '{stepName}' is registered on message '{messageName}', whose sdkmessageid is not known to the packer. "
                + $"Known messages: {string.Join(", ", SdkMessages.Names)}. Take the id from a real organization "
                + $"(GET .../sdkmessages?$filter=name eq '{messageName}') and add it to SdkMessages; the packer does not guess.")
        {
            MessageName = messageName;
        }

        public string MessageName { get; }
    }
}
