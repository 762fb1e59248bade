using System;
using System.Globalization;
using LeadRecycle.Schema;

namespace LeadRecycle.Services.Configuration
{
    /// <summary>An admin's configuration is wrong; the message names the key and what was expected.</summary>
    public sealed class PolicyException : Exception
    {
        public PolicyException(string detail)
            : base(string.Format(CultureInfo.InvariantCulture,
                "LeadRecycle's configuration (environment variable {0}) is invalid: {1} An administrator must correct it.",
                PolicyVariable.SchemaName, detail))
        {
        }
    }
}
