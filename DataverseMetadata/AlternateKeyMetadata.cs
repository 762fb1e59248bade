using System.Collections.Generic;

namespace LeadRecycle.Metadata
{
    public sealed record AlternateKeyMetadata(string LogicalName, string DisplayName, IReadOnlyList<string> Columns);
}
