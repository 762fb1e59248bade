extern alias workflows;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using WorkflowFramework = workflows::LeadRecycle.Framework;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// Finds the plug-in types of a deployable assembly by reflection on its current-.NET build: every
    /// non-abstract subclass of LeadRecycle.Framework.PluginBase, with the steps and the Custom API it declares. New plug-ins are
    /// picked up without touching the packer.
    /// </summary>
    public static class PluginDiscovery
    {
        private const string PluginBaseFullName = "LeadRecycle.Framework.PluginBase";

        public static PluginAssemblyDeclaration Discover(Assembly assembly)
        {
            ArgumentNullException.ThrowIfNull(assembly);
            var name = assembly.GetName().Name ?? throw new InvalidOperationException("An assembly without a name cannot be registered.");
            var types = assembly.GetTypes()
                .Where(t => t.IsClass && !t.IsAbstract && IsPlugin(t))
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(Read)
                .ToArray();
            return new PluginAssemblyDeclaration(name, assembly.FullName!, types);
        }

        private static bool IsPlugin(Type type)
        {
            for (var current = type.BaseType; current != null; current = current.BaseType)
            {
                if (current.FullName == PluginBaseFullName)
                {
                    return true;
                }
            }

            return false;
        }

        private static PluginTypeDeclaration Read(Type type)
        {
            var instance = CreateInstance(type);
            var (steps, customApi) = instance switch
            {
                LeadRecycle.Framework.PluginBase plugin => (
                    plugin.Steps.Select(StepDeclaration.From).ToArray(),
                    plugin.CustomApi == null ? null : CustomApiDeclaration.From(plugin.CustomApi)),
                WorkflowFramework.PluginBase process => (
                    process.Steps.Select(StepDeclaration.From).ToArray(),
                    process.CustomApi == null ? null : CustomApiDeclaration.From(process.CustomApi)),
                _ => throw new InvalidOperationException($"{type.FullName} derives from a PluginBase the packer does not know (neither LeadRecycle.Plugins' nor LeadRecycle.Workflows')."),
            };

            var foreign = steps.FirstOrDefault(s => s.PluginTypeFullName != type.FullName);
            if (foreign != null)
            {
                throw new InvalidOperationException($"{type.FullName} declares step '{foreign.Name}' for another plug-in type; declare it on {foreign.PluginTypeFullName}.");
            }

            if (customApi != null && customApi.PluginTypeFullName != type.FullName)
            {
                throw new InvalidOperationException($"{type.FullName} declares Custom API '{customApi.UniqueName}' for another plug-in type ({customApi.PluginTypeFullName}); the API's main operation is the type that declares it.");
            }

            return new PluginTypeDeclaration(type.FullName!, steps, CustomApi: customApi);
        }

        /// <summary>Plug-ins are constructed as Dataverse does: with the (unsecure, secure) configuration strings, here null.</summary>
        private static object CreateInstance(Type type)
        {
            var constructor = type.GetConstructors()
                .Where(c => c.GetParameters().All(p => p.ParameterType == typeof(string)))
                .OrderBy(c => c.GetParameters().Length)
                .FirstOrDefault()
                ?? throw new InvalidOperationException($"{type.FullName} needs a public constructor taking only configuration strings, as Dataverse calls it.");
            var arguments = constructor.GetParameters().Select(_ => (object?)null).ToArray();
            return constructor.Invoke(arguments);
        }
    }
}
