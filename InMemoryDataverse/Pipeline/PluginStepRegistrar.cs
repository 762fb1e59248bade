using System;
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
        /// <summary>Every step of every concrete PluginBase subclass in the assembly.</summary>
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

        /// <summary>The steps one plug-in type declares (its public static or instance <c>Steps</c>).</summary>
        public static IReadOnlyList<StepRegistration> FromPluginType(Type pluginType, string? secureConfiguration = null) =>
            DeclaredSteps(pluginType).Select(step => FromStep(step, secureConfiguration)).ToArray();

        public static StepRegistration FromStep(PluginStep step, string? secureConfiguration = null) =>
            new StepRegistration(step.PluginType, step.MessageName, step.PrimaryEntity, step.Stage, step.Mode)
            {
                Rank = step.Rank,
                FilteringAttributes = step.FilteringAttributes.ToArray(),
                Images = step.Images.Select(i => new ImageRegistration(i.ImageType, i.Alias, i.MessagePropertyName, i.Attributes.ToArray())).ToArray(),
                UnsecureConfiguration = step.UnsecureConfiguration,
                SecureConfiguration = secureConfiguration,
                Name = step.Name,
            };

        private static IEnumerable<PluginStep> DeclaredSteps(Type pluginType)
        {
            var flags = BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy;
            var staticSteps = pluginType.GetProperty("Steps", flags);
            if (staticSteps != null && typeof(IEnumerable<PluginStep>).IsAssignableFrom(staticSteps.PropertyType))
            {
                return (IEnumerable<PluginStep>?)staticSteps.GetValue(null) ?? Enumerable.Empty<PluginStep>();
            }

            if (!typeof(PluginBase).IsAssignableFrom(pluginType))
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "{0} neither derives from PluginBase nor has a public static Steps property.", pluginType.FullName), nameof(pluginType));
            }

            var instance = (PluginBase)PluginActivator.Create(pluginType, null, null);
            return instance.Steps.ToArray();
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
