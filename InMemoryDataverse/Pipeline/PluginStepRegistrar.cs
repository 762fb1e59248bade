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
        private const string PluginBaseName = "LeadRecycle.Framework.PluginBase";

        /// <summary>
        /// Every step of every concrete PluginBase subclass in the assembly. The Workflows assembly compiles its own
        /// copy of the framework (a sandboxed assembly cannot load another), so its plug-ins are recognised by the
        /// base class's full name and their declarations are read by property name.
        /// </summary>
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
                .Where(t => t.IsClass && !t.IsAbstract && DerivesFromPluginBase(t))
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .SelectMany(t => FromPluginType(t, secureConfigurations != null && secureConfigurations.TryGetValue(t, out var secure) ? secure : null))
                .ToArray();
        }

        /// <summary>The steps one plug-in type declares (its public static or instance <c>Steps</c>).</summary>
        public static IReadOnlyList<StepRegistration> FromPluginType(Type pluginType, string? secureConfiguration = null)
        {
            if (pluginType == null)
            {
                throw new ArgumentNullException(nameof(pluginType));
            }

            return DeclaredSteps(pluginType)
                .Select(step => step is PluginStep typed ? FromStep(typed, secureConfiguration) : FromForeignStep(step, secureConfiguration))
                .ToArray();
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

        private static bool DerivesFromPluginBase(Type type)
        {
            for (var current = type.BaseType; current != null; current = current.BaseType)
            {
                if (current.FullName == PluginBaseName)
                {
                    return true;
                }
            }

            return false;
        }

        private static IEnumerable<object> DeclaredSteps(Type pluginType)
        {
            var staticSteps = pluginType.GetProperty("Steps", BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy);
            if (staticSteps != null && typeof(IEnumerable).IsAssignableFrom(staticSteps.PropertyType))
            {
                return ((IEnumerable?)staticSteps.GetValue(null) ?? Array.Empty<object>()).Cast<object>().ToArray();
            }

            if (!DerivesFromPluginBase(pluginType))
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "{0} neither derives from PluginBase nor has a public static Steps property.", pluginType.FullName), nameof(pluginType));
            }

            var instance = PluginActivator.Create(pluginType, null, null);
            var instanceSteps = pluginType.GetProperty("Steps", BindingFlags.Public | BindingFlags.Instance)
                ?? throw new ArgumentException(pluginType.FullName + " has no Steps property.", nameof(pluginType));
            return ((IEnumerable?)instanceSteps.GetValue(instance) ?? Array.Empty<object>()).Cast<object>().ToArray();
        }

        // A PluginStep from another compilation of the framework: the same shape, read by name.
        private static StepRegistration FromForeignStep(object step, string? secureConfiguration)
        {
            T Read<T>(object source, string name) => (T)(source.GetType().GetProperty(name)?.GetValue(source)
                ?? throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "A step of type {0} has no {1}.", source.GetType().FullName, name)));

            var images = new List<ImageRegistration>();
            foreach (var image in Read<IEnumerable>(step, nameof(PluginStep.Images)))
            {
                images.Add(new ImageRegistration(
                    (ImageType)Convert.ToInt32(Read<object>(image!, nameof(StepImage.ImageType)), CultureInfo.InvariantCulture),
                    Read<string>(image!, nameof(StepImage.Alias)),
                    Read<string>(image!, nameof(StepImage.MessagePropertyName)),
                    Read<IEnumerable<string>>(image!, nameof(StepImage.Attributes)).ToArray()));
            }

            return new StepRegistration(
                Read<Type>(step, nameof(PluginStep.PluginType)),
                Read<string>(step, nameof(PluginStep.MessageName)),
                Read<string>(step, nameof(PluginStep.PrimaryEntity)),
                (PipelineStage)Convert.ToInt32(Read<object>(step, nameof(PluginStep.Stage)), CultureInfo.InvariantCulture),
                (ExecutionMode)Convert.ToInt32(Read<object>(step, nameof(PluginStep.Mode)), CultureInfo.InvariantCulture))
            {
                Rank = Read<int>(step, nameof(PluginStep.Rank)),
                FilteringAttributes = Read<IEnumerable<string>>(step, nameof(PluginStep.FilteringAttributes)).ToArray(),
                Images = images,
                UnsecureConfiguration = (string?)step.GetType().GetProperty(nameof(PluginStep.UnsecureConfiguration))?.GetValue(step),
                SecureConfiguration = secureConfiguration,
                Name = Read<string>(step, nameof(PluginStep.Name)),
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
