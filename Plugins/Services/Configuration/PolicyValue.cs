using System;

namespace LeadRecycle.Services.Configuration
{
    /// <summary>
    /// How one JSON value of the policy is read: what is allowed (the same words in the refusal and in README's
    /// settings table), the reading itself, and how a value is written back for README's default column.
    /// </summary>
    internal sealed class PolicyValue<T>
    {
        private readonly Func<JsonNode, T> _read;
        private readonly Func<T, string> _render;

        public PolicyValue(string allowed, Func<JsonNode, T> read, Func<T, string> render)
        {
            Allowed = allowed;
            _read = read;
            _render = render;
        }

        /// <summary>What the value must be, e.g. "a whole number from 1 to 365".</summary>
        public string Allowed { get; }

        /// <summary>The value, or PolicyException naming the node's path, what is allowed and what was written.</summary>
        public T Read(JsonNode node) => _read(node);

        public string Render(T value) => _render(value);
    }
}
