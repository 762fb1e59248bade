using System;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Recycling
{
    /// <summary>The deal or lead a recycled lead comes from, read from the record before it closed.</summary>
    public sealed class RecycleSource
    {
        public RecycleSource(EntityReference record, string topic)
        {
            Record = record;
            Topic = topic;
        }

        /// <summary>The opportunity or lead being recycled.</summary>
        public EntityReference Record { get; }

        public string Topic { get; }

        public EntityReference? OriginatingLead { get; set; }

        public EntityReference? Contact { get; set; }

        public EntityReference? Account { get; set; }

        /// <summary>The record's owner: the rep who keeps read access and gets the lead back.</summary>
        public EntityReference? Owner { get; set; }

        public string? StageName { get; set; }

        public DateTime? StageEnteredOn { get; set; }

        public Money? EstimatedValue { get; set; }

        /// <summary>How many times the record (or the lead it came from) was already recycled.</summary>
        public int PreviousRecycles { get; set; }

        /// <summary>
        /// Unique per recycle of one record: the alternate key refuses a second recycled lead for the same close.
        /// </summary>
        public string SourceKey => string.Format(CultureInfo.InvariantCulture, "{0}:{1:N}:{2}", Record.LogicalName, Record.Id, PreviousRecycles + 1);
    }
}
