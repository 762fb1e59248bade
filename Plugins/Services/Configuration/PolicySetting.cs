using System;
using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.Services.Configuration
{
    /// <summary>
    /// One setting of the policy as an admin sees it: its JSON path, what it allows, its default and what it does.
    /// README's settings table is these, row for row (PolicySettings.All).
    /// </summary>
    public abstract class PolicySetting
    {
        private protected PolicySetting(string path, string allowed, string defaultValue, string description)
        {
            Path = path;
            Key = path.Substring(path.LastIndexOf('.') + 1);
            Allowed = allowed;
            Default = defaultValue;
            Description = description;
        }

        /// <summary>Dotted path, e.g. "stall.multiplier"; a key the admin chooses is written &lt;Reason&gt;.</summary>
        public string Path { get; }

        /// <summary>The setting's key in its object, e.g. "multiplier".</summary>
        public string Key { get; }

        /// <summary>What the value must be; the refusal of a bad value says the same words.</summary>
        public string Allowed { get; }

        /// <summary>The value used when the admin leaves the setting out.</summary>
        public string Default { get; }

        /// <summary>One line for the admin.</summary>
        public string Description { get; }

        /// <summary>The settings an admin writes values into: this one, or those of the object it is.</summary>
        public abstract IReadOnlyList<PolicySetting> Leaves { get; }
    }

    /// <summary>A setting that reads its JSON into a draft of type <typeparamref name="TDraft"/>.</summary>
    internal sealed class PolicySetting<TDraft> : PolicySetting
    {
        private readonly Action<JsonNode, TDraft> _read;
        private readonly Action<TDraft> _applyDefault;
        private readonly IReadOnlyList<PolicySetting>? _children;

        private PolicySetting(string path, string allowed, string defaultValue, string description,
            Action<JsonNode, TDraft> read, Action<TDraft> applyDefault, IReadOnlyList<PolicySetting>? children)
            : base(path, allowed, defaultValue, description)
        {
            _read = read;
            _applyDefault = applyDefault;
            _children = children;
        }

        public override IReadOnlyList<PolicySetting> Leaves => _children?.SelectMany(child => child.Leaves).ToArray() ?? new PolicySetting[] { this };

        /// <summary>A value with its compiled default.</summary>
        public static PolicySetting<TDraft> Of<TValue>(string path, PolicyValue<TValue> value, TValue defaultValue, Action<TDraft, TValue> assign, string description) =>
            new PolicySetting<TDraft>(path, value.Allowed, value.Render(defaultValue), description,
                (node, draft) => assign(draft, value.Read(node)), draft => assign(draft, defaultValue), null);

        /// <summary>A value whose default differs per entry (per reason); the entry's draft starts from those defaults.</summary>
        public static PolicySetting<TDraft> PerEntry<TValue>(string path, PolicyValue<TValue> value, string defaultValue, Action<TDraft, TValue> assign, string description) =>
            new PolicySetting<TDraft>(path, value.Allowed, defaultValue, description,
                (node, draft) => assign(draft, value.Read(node)), draft => { }, null);

        /// <summary>
        /// An object of settings. Unknown keys are refused; each key is read, in whatever order it is written; then
        /// <paramref name="check"/> judges the settings together, so the order of the keys never changes the result.
        /// </summary>
        public static PolicySetting<TDraft> Object(string path, Action<JsonNode, TDraft>? check, params PolicySetting<TDraft>[] settings)
        {
            var keys = settings.Select(setting => setting.Key).ToArray();
            var allowed = "an object with " + string.Join(", ", keys.Select(key => "'" + key + "'"));
            return new PolicySetting<TDraft>(path, allowed, string.Empty, string.Empty,
                (node, draft) =>
                {
                    PolicyValues.RequireKind(node, JsonKind.Object, allowed);
                    PolicyValues.RejectUnknownKeys(node, keys);
                    foreach (var member in node.Members)
                    {
                        settings.Single(setting => setting.Key == member.Key).Read(member.Value, draft);
                    }

                    check?.Invoke(node, draft);
                },
                draft =>
                {
                    foreach (var setting in settings)
                    {
                        setting.ApplyDefault(draft);
                    }
                },
                settings);
        }

        /// <summary>An object keyed by a choice, each value an object of settings read into its own draft.</summary>
        public static PolicySetting<TDraft> ObjectPer<TKey, TEntry>(string path, PolicyChoice<TKey> keys, Func<TDraft, TKey, TEntry> entryOf,
            Action<TDraft> applyDefault, PolicySetting<TEntry> entry)
            where TKey : notnull
        {
            var allowed = "an object keyed by " + keys.Allowed;
            return new PolicySetting<TDraft>(path, allowed, string.Empty, string.Empty,
                (node, draft) =>
                {
                    PolicyValues.RequireKind(node, JsonKind.Object, allowed);
                    foreach (var member in node.Members)
                    {
                        entry.Read(member.Value, entryOf(draft, keys.ParseKey(member)));
                    }
                },
                applyDefault,
                new PolicySetting[] { entry });
        }

        public void Read(JsonNode node, TDraft draft) => _read(node, draft);

        public void ApplyDefault(TDraft draft) => _applyDefault(draft);
    }
}
