using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace LeadRecycle.Tests.Solution
{
    /// <summary>What the tests read from a cloud flow's JSON: the connection references it names and the unbound actions it calls.</summary>
    internal static class CloudFlowJson
    {
        /// <summary>properties.connectionReferences.*.connection.connectionReferenceLogicalName.</summary>
        public static IReadOnlyList<string> ConnectionReferenceNames(byte[] json)
        {
            using var document = Parse(json);
            if (!document.RootElement.TryGetProperty("properties", out var properties)
                || !properties.TryGetProperty("connectionReferences", out var references))
            {
                return Array.Empty<string>();
            }

            return references.EnumerateObject()
                .Select(r => r.Value.TryGetProperty("connection", out var connection) && connection.TryGetProperty("connectionReferenceLogicalName", out var name) ? name.GetString() : null)
                .Where(n => !string.IsNullOrEmpty(n))
                .Select(n => n!)
                .Distinct(StringComparer.Ordinal)
                .ToArray();
        }

        /// <summary>The actionName of every Dataverse PerformUnboundAction operation, at any nesting depth.</summary>
        public static IReadOnlyList<string> UnboundActionNames(byte[] json)
        {
            using var document = Parse(json);
            var names = new List<string>();
            Walk(document.RootElement, names);
            return names.Distinct(StringComparer.Ordinal).ToArray();
        }

        private static void Walk(JsonElement element, List<string> names)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    if (element.TryGetProperty("inputs", out var inputs) && inputs.ValueKind == JsonValueKind.Object
                        && inputs.TryGetProperty("host", out var host) && host.ValueKind == JsonValueKind.Object
                        && host.TryGetProperty("operationId", out var operation) && operation.GetString() == "PerformUnboundAction"
                        && inputs.TryGetProperty("parameters", out var parameters) && parameters.TryGetProperty("actionName", out var action)
                        && action.GetString() is { } actionName)
                    {
                        names.Add(actionName);
                    }

                    foreach (var property in element.EnumerateObject())
                    {
                        Walk(property.Value, names);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item, names);
                    }

                    break;
            }
        }

        private static JsonDocument Parse(byte[] json)
        {
            try
            {
                return JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
            }
            catch (JsonException exception)
            {
                throw new InvalidOperationException("A cloud flow definition is not valid JSON: " + exception.Message, exception);
            }
        }
    }
}
