using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using LeadRecycle.Framework;
using LeadRecycle.InMemoryDataverse;
using LeadRecycle.InMemoryDataverse.Pipeline;

namespace LeadRecycle.Testing
{
    /// <summary>
    /// Turns the steps LeadRecycle plug-ins declare (<see cref="PluginBase.Steps"/>) into the in-memory Dataverse's
    /// registrations, so the tests and the sandbox run exactly the declarations the solution ships. The product side
    /// of the seam: the emulator knows only its own <see cref="StepRegistration"/>.
    /// </summary>
    public static class PluginStepRegistrar
    {
        /// <summary>Every step of every concrete <see cref="PluginBase"/> subclass in the assembly.</summary>
        public static IReadOnlyList<StepRegistration> FromAssembly(Assembly assembly, IReadOnlyDictionary<Type, string>? secureConfigurations = null)
        {
            if (assembly == null)
            {
                throw new ArgumentNullException(nameof(assembly));
            }

            Type[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException exception)
            {
                types = exception.Types.Where(t => t != null).ToArray()!;
            }

            return types
                .Where(t => t.IsClass && !t.IsAbstract && typeof(PluginBase).IsAssignableFrom(t))
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .SelectMany(t => FromPluginType(t, secureConfigurations != null && secureConfigurations.TryGetValue(t, out var secure) ? secure : null))
                .ToArray();
        }

        /// <summary>The steps one plug-in type declares (<see cref="PluginBase.Steps"/>).</summary>
        public static IReadOnlyList<StepRegistration> FromPluginType(Type pluginType, string? secureConfiguration = null)
        {
            if (pluginType == null)
            {
                throw new ArgumentNullException(nameof(pluginType));
            }

            if (!typeof(PluginBase).IsAssignableFrom(pluginType))
            {
                throw new ArgumentException(pluginType.FullName + " does not derive from PluginBase.", nameof(pluginType));
            }

            var plugin = (PluginBase)PluginActivator.Create(pluginType, null, null);
            return plugin.Steps.Select(step => FromStep(step, secureConfiguration)).ToArray();
        }

        public static StepRegistration FromStep(PluginStep step, string? secureConfiguration = null)
        {
            if (step == null)
            {
                throw new ArgumentNullException(nameof(step));
            }

            return new StepRegistration(step.PluginType, step.MessageName, step.PrimaryEntity, (StepStage)(int)step.Stage, (StepMode)(int)step.Mode)
            {
                Rank = step.Rank,
                FilteringAttributes = step.FilteringAttributes.ToArray(),
                Images = step.Images.Select(i => new ImageRegistration((StepImageType)(int)i.ImageType, i.Alias, i.MessagePropertyName, i.Attributes.ToArray())).ToArray(),
                UnsecureConfiguration = step.UnsecureConfiguration,
                SecureConfiguration = secureConfiguration,
                Name = step.Name,
            };
        }

        /// <summary>Registers every step the LeadRecycle plug-ins of an assembly declare.</summary>
        public static IReadOnlyList<StepRegistration> RegisterSteps(this InMemoryOrganization organization, Assembly assembly,
            IReadOnlyDictionary<Type, string>? secureConfigurations = null)
        {
            var registrations = FromAssembly(assembly, secureConfigurations);
            organization.Register(registrations);
            return registrations;
        }

        /// <summary>Registers the steps one plug-in type declares.</summary>
        public static IReadOnlyList<StepRegistration> RegisterSteps<TPlugin>(this InMemoryOrganization organization, string? secureConfiguration = null)
            where TPlugin : PluginBase
        {
            var registrations = FromPluginType(typeof(TPlugin), secureConfiguration);
            organization.Register(registrations);
            return registrations;
        }
    }
}
