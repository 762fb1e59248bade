using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using LeadRecycle.Framework;

namespace LeadRecycle.InMemoryDataverse.Pipeline
{
    /// <summary>
    /// Turns the steps LeadRecycle plug-ins declare (<see cref="PluginBase.Steps"/>) into emulator registrations, so
    /// the tests run exactly the declarations the solution ships.
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

            return new StepRegistration(step.PluginType, step.MessageName, step.PrimaryEntity, step.Stage, step.Mode)
            {
                Rank = step.Rank,
                FilteringAttributes = step.FilteringAttributes.ToArray(),
                Images = step.Images.Select(i => new ImageRegistration(i.ImageType, i.Alias, i.MessagePropertyName, i.Attributes.ToArray())).ToArray(),
                UnsecureConfiguration = step.UnsecureConfiguration,
                SecureConfiguration = secureConfiguration,
                Name = step.Name,
            };
        }

    }

    internal static class PluginActivator
    {
        /// <summary>Constructs a plug-in the way the platform does: (unsecure, secure) when it has that constructor.</summary>
        public static object Create(Type pluginType, string? unsecure, string? secure)
        {
            var twoStrings = pluginType.GetConstructor(new[] { typeof(string), typeof(string) });
            if (twoStrings != null)
            {
                return twoStrings.Invoke(new object?[] { unsecure, secure });
            }

            var oneString = pluginType.GetConstructor(new[] { typeof(string) });
            if (oneString != null)
            {
                return oneString.Invoke(new object?[] { unsecure });
            }

            var none = pluginType.GetConstructor(Type.EmptyTypes);
            if (none != null)
            {
                return none.Invoke(Array.Empty<object>());
            }

            throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                "{0} has no public (string, string), (string) or parameterless constructor.", pluginType.FullName));
        }
    }
}
