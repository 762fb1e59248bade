using System;
using System.Collections.Generic;
using LeadRecycle.Framework;

namespace LeadRecycle.Solution
{
    /// <summary>A step as the plug-in declares it (<see cref="Declaration"/>), with the ids the solution gives it and its image.</summary>
    public sealed record StepModel(Guid Id, Guid SdkMessageId, PluginStep Declaration, PluginTypeModel PluginType, IReadOnlyList<StepImageModel> Images)
    {
        public string Name => Declaration.Name;

        public string MessageName => Declaration.MessageName;
    }

    public sealed record StepImageModel(Guid Id, StepImage Declaration);
}
