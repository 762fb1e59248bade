using System;
using System.Collections.Generic;

namespace LeadRecycle.InMemoryDataverse.Pipeline
{
    /// <summary>
    /// One SdkMessageProcessingStep as the emulator runs it: plug-in type, message, primary table, stage, mode,
    /// filtering attributes, images, rank, configuration and run-as user.
    /// </summary>
    public sealed record StepRegistration(Type PluginType, string MessageName, string? PrimaryEntityName, StepStage Stage, StepMode Mode = StepMode.Synchronous)
    {
        /// <summary>Lower ranks run first; equal ranks run in registration order.</summary>
        public int Rank { get; init; } = 1;

        /// <summary>For Update: the step fires only when the Target holds one of these columns (none: always).</summary>
        public IReadOnlyList<string> FilteringAttributes { get; init; } = Array.Empty<string>();

        public IReadOnlyList<ImageRegistration> Images { get; init; } = Array.Empty<ImageRegistration>();

        /// <summary>Passed as the first argument of the plug-in's (string, string) constructor.</summary>
        public string? UnsecureConfiguration { get; init; }

        /// <summary>Passed as the second argument of the plug-in's (string, string) constructor.</summary>
        public string? SecureConfiguration { get; init; }

        /// <summary>The user the step runs as (IExecutionContext.UserId); null: the calling user.</summary>
        public Guid? RunAsUserId { get; init; }

        public string Name { get; init; } = PluginType.FullName + ": " + MessageName + " of " + (PrimaryEntityName ?? "any") + " (" + Stage + ", " + Mode + ")";

        /// <summary>Creates the plug-in instance; by default the (string, string), (string) or parameterless constructor.</summary>
        public Func<StepRegistration, Microsoft.Xrm.Sdk.IPlugin>? Factory { get; init; }
    }
}
