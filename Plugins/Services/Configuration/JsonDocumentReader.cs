using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LeadRecycle.Services.Configuration
{
    /// <summary>
    /// A small, strict JSON reader for the policy environment variable. The sandboxed assemblies cannot carry
    /// a JSON library, and an admin's mistake must be reported with its position and path.
    /// Objects keep their keys in order; duplicate keys are an error.
    /// </summary>
    public static class JsonDocumentReader
    {
        public static JsonNode Parse(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            var parser = new Parser(text);
            parser.SkipWhitespace();
            var value = parser.ReadValue("$");
            parser.SkipWhitespace();
            if (!parser.AtEnd)
            {
                throw parser.Error("unexpected text after the end of the JSON value");
            }

            return value;
        }

        private sealed class Parser
        {
            private readonly string _text;
            private int _position;

            public Parser(string text)
            {
                _text = text;
            }

            public bool AtEnd => _position >= _text.Length;

            public JsonFormatException Error(string problem) =>
                new JsonFormatException($"{problem} at character {_position + 1}");

            public void SkipWhitespace()
            {
                while (!AtEnd && char.IsWhiteSpace(_text[_position]))
                {
                    _position++;
                }
            }

            public JsonNode ReadValue(string path)
            {
                SkipWhitespace();
                if (AtEnd)
                {
                    throw Error("the JSON ends where a value was expected");
                }

                var c = _text[_position];
                switch (c)
                {
                    case '{':
                        return ReadObject(path);
                    case '[':
                        return ReadArray(path);
                    case '"':
                        return new JsonNode(JsonKind.String, path, ReadString());
                    case 't':
                        ExpectWord("true");
                        return new JsonNode(JsonKind.Boolean, path, true);
                    case 'f':
                        ExpectWord("false");
                        return new JsonNode(JsonKind.Boolean, path, false);
                    case 'n':
                        ExpectWord("null");
                        return new JsonNode(JsonKind.Null, path, null);
                    default:
                        if (c == '-' || (c >= '0' && c <= '9'))
                        {
                            return new JsonNode(JsonKind.Number, path, ReadNumber());
                        }

                        throw Error($"unexpected character '{c}'");
                }
            }

            private JsonNode ReadObject(string path)
            {
                _position++; // {
                var members = new List<KeyValuePair<string, JsonNode>>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                SkipWhitespace();
                if (!AtEnd && _text[_position] == '}')
                {
                    _position++;
                    return new JsonNode(JsonKind.Object, path, members);
                }

                while (true)
                {
                    SkipWhitespace();
                    if (AtEnd || _text[_position] != '"')
                    {
                        throw Error("a property name in double quotes was expected");
                    }

                    var key = ReadString();
                    if (!seen.Add(key))
                    {
                        throw Error($"the property '{key}' appears twice");
                    }

                    SkipWhitespace();
                    Expect(':');
                    var value = ReadValue(path == "$" ? key : path + "." + key);
                    members.Add(new KeyValuePair<string, JsonNode>(key, value));
                    SkipWhitespace();
                    if (AtEnd)
                    {
                        throw Error("the JSON ends inside an object");
                    }

                    if (_text[_position] == ',')
                    {
                        _position++;
                        continue;
                    }

                    Expect('}');
                    return new JsonNode(JsonKind.Object, path, members);
                }
            }

            private JsonNode ReadArray(string path)
            {
                _position++; // [
                var items = new List<JsonNode>();
                SkipWhitespace();
                if (!AtEnd && _text[_position] == ']')
                {
                    _position++;
                    return new JsonNode(JsonKind.Array, path, items);
                }

                while (true)
                {
                    items.Add(ReadValue(path + "[" + items.Count.ToString(CultureInfo.InvariantCulture) + "]"));
                    SkipWhitespace();
                    if (AtEnd)
                    {
                        throw Error("the JSON ends inside an array");
                    }

                    if (_text[_position] == ',')
                    {
                        _position++;
                        continue;
                    }

                    Expect(']');
                    return new JsonNode(JsonKind.Array, path, items);
                }
            }

            private string ReadString()
            {
                _position++; // opening quote
                var builder = new StringBuilder();
                while (true)
                {
                    if (AtEnd)
                    {
                        throw Error("a string is not closed");
                    }

                    var c = _text[_position++];
                    if (c == '"')
                    {
                        return builder.ToString();
                    }

                    if (c != '\\')
                    {
                        if (c < ' ')
                        {
                            throw Error("a control character must be escaped inside a string");
                        }

                        builder.Append(c);
                        continue;
                    }

                    if (AtEnd)
                    {
                        throw Error("a string is not closed");
                    }

                    var escape = _text[_position++];
                    switch (escape)
                    {
                        case '"': builder.Append('"'); break;
                        case '\\': builder.Append('\\'); break;
                        case '/': builder.Append('/'); break;
                        case 'b': builder.Append('\b'); break;
                        case 'f': builder.Append('\f'); break;
                        case 'n': builder.Append('\n'); break;
                        case 'r': builder.Append('\r'); break;
                        case 't': builder.Append('\t'); break;
                        case 'u':
                            if (_position + 4 > _text.Length
                                || !int.TryParse(_text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                            {
                                throw Error("a \\u escape needs four hexadecimal digits");
                            }

                            builder.Append((char)code);
                            _position += 4;
                            break;
                        default:
                            throw Error($"'\\{escape}' is not a valid escape");
                    }
                }
            }

            private decimal ReadNumber()
            {
                var start = _position;
                while (!AtEnd && "+-0123456789.eE".IndexOf(_text[_position]) >= 0)
                {
                    _position++;
                }

                var token = _text.Substring(start, _position - start);
                if (!decimal.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    _position = start;
                    throw Error($"'{token}' is not a number");
                }

                return number;
            }

            private void ExpectWord(string word)
            {
                if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
                {
                    throw Error($"'{word}' was expected");
                }

                _position += word.Length;
            }

            private void Expect(char c)
            {
                if (AtEnd || _text[_position] != c)
                {
                    throw Error($"'{c}' was expected");
                }

                _position++;
            }
        }
    }

    public enum JsonKind
    {
        Null,
        Boolean,
        Number,
        String,
        Array,
        Object,
    }

    /// <summary>A parsed JSON value that knows where it came from (its path), so errors can name the key.</summary>
    public sealed class JsonNode
    {
        private readonly object? _value;

        internal JsonNode(JsonKind kind, string path, object? value)
        {
            Kind = kind;
            Path = path;
            _value = value;
        }

        public JsonKind Kind { get; }

        /// <summary>Dotted path from the root, e.g. "reasons.NoBudget.stream".</summary>
        public string Path { get; }

        public IReadOnlyList<KeyValuePair<string, JsonNode>> Members =>
            Kind == JsonKind.Object ? (IReadOnlyList<KeyValuePair<string, JsonNode>>)_value! : Array.Empty<KeyValuePair<string, JsonNode>>();

        public IReadOnlyList<JsonNode> Items =>
            Kind == JsonKind.Array ? (IReadOnlyList<JsonNode>)_value! : Array.Empty<JsonNode>();

        public string? AsString => Kind == JsonKind.String ? (string)_value! : null;

        public decimal? AsNumber => Kind == JsonKind.Number ? (decimal)_value! : null;

        public bool? AsBoolean => Kind == JsonKind.Boolean ? (bool)_value! : null;

        public override string ToString() => Kind switch
        {
            JsonKind.Null => "null",
            JsonKind.String => "\"" + (string)_value! + "\"",
            JsonKind.Number => ((decimal)_value!).ToString(CultureInfo.InvariantCulture),
            JsonKind.Boolean => (bool)_value! ? "true" : "false",
            JsonKind.Array => "an array",
            _ => "an object",
        };
    }

    public sealed class JsonFormatException : Exception
    {
        public JsonFormatException(string message)
            : base(message)
        {
        }
    }
}
