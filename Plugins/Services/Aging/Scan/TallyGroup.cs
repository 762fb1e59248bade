using System;
using Microsoft.Xrm.Sdk;

namespace LeadRecycle.Services.Aging
{
    /// <summary>The group a counted record falls in: its part of the tally key, its name, and the columns that describe it.</summary>
    internal sealed class TallyGroup
    {
        public TallyGroup(string key, string name, Action<Entity>? describe)
        {
            Key = key;
            Name = name;
            Describe = describe;
        }

        public string Key { get; }

        public string Name { get; }

        /// <summary>Sets the group's columns (stream, reason, stage) on a new tally row.</summary>
        public Action<Entity>? Describe { get; }
    }
}
