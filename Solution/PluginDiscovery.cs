using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using LeadRecycle.Framework;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// Finds the plug-in types of the deployable assembly by reflection on its current-.NET build: every
    /// non-abstract subclass of <see cref="PluginBase"/>, with the steps and the Custom API it declares. New plug-ins are
    /// picked up without touching the packer.
    /// </summary>
    public static class PluginDiscovery
    {
        public static PluginAssemblyDeclaration Discover(Assembly assembly)
        {
            ArgumentNullException.ThrowIfNull(assembly);
            var name = assembly.GetName().Name ?? throw new InvalidOperationException("An assembly without a name cannot be registered.");
            var types = assembly.GetTypes()
                .Where(t => t.IsClass && !t.IsAbstract && typeof(PluginBase).IsAssignableFrom(t))
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(Read)
                .ToArray();
            return new PluginAssemblyDeclaration(name, assembly.FullName!, types);
        }

        private static PluginTypeDeclaration Read(Type type)
        {
            var plugin = CreateInstance(type);
            var steps = plugin.Steps.ToArray();
            var customApi = plugin.CustomApi;

            var foreign = steps.FirstOrDefault(s => s.PluginType != type);
            if (foreign != null)
            {
                throw new InvalidOperationException($"{type.FullName} declares step '{foreign.Name}' for another plug-in type; declare it on {foreign.PluginType.FullName}.");
            }

            if (customApi != null && customApi.PluginType != type)
            {
                throw new InvalidOperationException($"{type.FullName} declares Custom API '{customApi.UniqueName}' for another plug-in type ({customApi.PluginType.FullName}); the API's main operation is the type that declares it.");
            }

            return new PluginTypeDeclaration(type.FullName!, steps, customApi);
        }

        /// <summary>Plug-ins are constructed as Dataverse does: with the (unsecure, secure) configuration strings, here null.</summary>
        private static PluginBase CreateInstance(Type type)
        {
            var constructor = type.GetConstructors()
                .Where(c => c.GetParameters().All(p => p.ParameterType == typeof(string)))
                .OrderBy(c => c.GetParameters().Length)
                .FirstOrDefault()
                ?? throw new InvalidOperationException($"{type.FullName} needs a public constructor taking only configuration strings, as Dataverse calls it.");
            var arguments = constructor.GetParameters().Select(_ => (object?)null).ToArray();
            return (PluginBase)constructor.Invoke(arguments);
        }
    }
}
