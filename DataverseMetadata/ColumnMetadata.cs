using System;
using System.Collections.Generic;

namespace LeadRecycle.Metadata
{
    public sealed record ColumnMetadata(string LogicalName, ColumnType Type, string DisplayName)
    {
        public string? Description { get; init; }

        public RequiredLevel RequiredLevel { get; init; } = RequiredLevel.None;

        /// <summary>For String/Memo: the maximum length.</summary>
        public int? MaxLength { get; init; }

        /// <summary>For Integer/Decimal/Double/Money: inclusive bounds.</summary>
        public decimal? MinValue { get; init; }

        public decimal? MaxValue { get; init; }

        /// <summary>For Decimal/Double/Money: digits after the point.</summary>
        public int? Precision { get; init; }

        /// <summary>For DateTime: true when only the date is kept.</summary>
        public bool DateOnly { get; init; }

        /// <summary>For Lookup/Customer/Owner: the tables a value may point at.</summary>
        public IReadOnlyList<string> Targets { get; init; } = Array.Empty<string>();

        /// <summary>For Picklist/State/Status: the choice; global choices are shared by name.</summary>
        public ChoiceMetadata? Choice { get; init; }

        /// <summary>A column LeadRecycle adds (to its own table or to a system table); false for the platform's.</summary>
        public bool IsCustom { get; init; }

        /// <summary>False for columns the platform maintains (createdon, ...): a client write is refused.</summary>
        public bool IsValidForCreate { get; init; } = true;

        public bool IsValidForUpdate { get; init; } = true;
    }
}
