using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace LeadRecycle.Tests.Fidelity
{
    /// <summary>
    /// Describes the public (and protected) surface of an assembly as one line per type and member, in a
    /// stable order, so that it can be compared with a committed list line by line.
    /// </summary>
    internal static class SurfaceDescriber
    {
        private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        public static IEnumerable<string> Describe(Assembly assembly)
        {
            var assemblyName = assembly.GetName().Name;
            foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                yield return $"[{assemblyName}] {TypeHeader(type)}";
                foreach (var member in Members(type).OrderBy(m => m, StringComparer.Ordinal))
                {
                    yield return $"  {Name(type)}::{member}";
                }
            }
        }

        private static string TypeHeader(Type type)
        {
            if (type.IsEnum)
            {
                var flags = type.IsDefined(typeof(FlagsAttribute), false) ? "[Flags] " : string.Empty;
                return $"{flags}public enum {Name(type)} : {Name(Enum.GetUnderlyingType(type))}";
            }

            if (type.IsInterface)
            {
                return $"public interface {Name(type)}{Bases(null, type.GetInterfaces())}";
            }

            var kind = type.IsValueType ? "struct" : "class";
            var modifiers = type.IsAbstract && type.IsSealed ? "static " : type.IsAbstract ? "abstract " : type.IsSealed && !type.IsValueType ? "sealed " : string.Empty;
            var baseType = type.BaseType == null || type.BaseType == typeof(object) || type.IsValueType ? null : type.BaseType;
            var interfaces = type.GetInterfaces().Where(i => baseType == null || !baseType.GetInterfaces().Contains(i)).ToArray();
            return $"public {modifiers}{kind} {Name(type)}{Bases(baseType, interfaces)}";
        }

        private static string Bases(Type? baseType, Type[] interfaces)
        {
            var all = (baseType == null ? Enumerable.Empty<string>() : new[] { Name(baseType) })
                .Concat(interfaces.Select(Name).OrderBy(n => n, StringComparer.Ordinal))
                .ToList();
            return all.Count == 0 ? string.Empty : " : " + string.Join(", ", all);
        }

        private static IEnumerable<string> Members(Type type)
        {
            if (type.IsEnum)
            {
                foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                {
                    yield return $"value {field.Name} = {Convert.ToInt64(field.GetRawConstantValue())}";
                }

                yield break;
            }

            foreach (var constructor in type.GetConstructors(Declared).Where(IsVisible))
            {
                yield return $"{Access(constructor)}ctor({Parameters(constructor)})";
            }

            foreach (var property in type.GetProperties(Declared))
            {
                var getter = property.GetMethod != null && IsVisible(property.GetMethod) ? property.GetMethod : null;
                var setter = property.SetMethod != null && IsVisible(property.SetMethod) ? property.SetMethod : null;
                var accessor = getter ?? setter;
                if (accessor == null)
                {
                    continue;
                }

                var indexParameters = property.GetIndexParameters();
                var name = indexParameters.Length == 0
                    ? property.Name
                    : $"this[{string.Join(", ", indexParameters.Select(p => Name(p.ParameterType)))}]";
                var accessors = (getter != null ? "get; " : string.Empty) + (setter != null ? "set; " : string.Empty);
                yield return $"{Access(accessor)}{Modifiers(accessor, type)}property {Name(property.PropertyType)} {name} {{ {accessors}}}";
            }

            foreach (var method in type.GetMethods(Declared).Where(m => !m.IsSpecialName && IsVisible(m)))
            {
                var generic = method.IsGenericMethodDefinition
                    ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">"
                    : string.Empty;
                yield return $"{Access(method)}{Modifiers(method, type)}method {Name(method.ReturnType)} {method.Name}{generic}({Parameters(method)})";
            }

            foreach (var field in type.GetFields(Declared).Where(f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly))
            {
                yield return $"field {Name(field.FieldType)} {field.Name}";
            }
        }

        private static bool IsVisible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

        private static string Access(MethodBase method) =>
            method.IsPublic ? string.Empty : method.IsFamilyOrAssembly ? "protected internal " : "protected ";

        private static string Modifiers(MethodInfo method, Type declaringType)
        {
            if (declaringType.IsInterface)
            {
                return string.Empty;
            }

            if (method.IsStatic)
            {
                return "static ";
            }

            if (method.GetBaseDefinition().DeclaringType != method.DeclaringType)
            {
                return "override ";
            }

            if (method.IsAbstract)
            {
                return "abstract ";
            }

            return method.IsVirtual && !method.IsFinal ? "virtual " : string.Empty;
        }

        private static string Parameters(MethodBase method) =>
            string.Join(", ", method.GetParameters().Select(p =>
                (p.IsDefined(typeof(ParamArrayAttribute), false) ? "params " : string.Empty)
                + (p.IsOut ? "out " : string.Empty)
                + Name(p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType)));

        private static string Name(Type type)
        {
            if (type.IsGenericParameter)
            {
                return type.Name;
            }

            if (type.IsArray)
            {
                return Name(type.GetElementType()!) + "[]";
            }

            if (!type.IsGenericType)
            {
                return type.FullName ?? type.Name;
            }

            var definition = type.GetGenericTypeDefinition();
            var rawName = definition.FullName ?? definition.Name;
            var tick = rawName.IndexOf('`', StringComparison.Ordinal);
            var baseName = tick < 0 ? rawName : rawName.Substring(0, tick);
            return $"{baseName}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
        }
    }
}
