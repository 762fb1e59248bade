using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LeadRecycle.Services.Configuration
{
    /// <summary>
    /// A small, strict JSON reader for the policy environment variable. The sandboxed assemblies cannot carry
    /// a JSON library, and an admin's mistake must be reported with its position and path.
    /// Objects keep their keys in order; duplicate keys are an error. Numbers follow RFC 8259's grammar exactly
    /// (no NaN, Infinity, leading '+' or '.5'); one too large for a decimal is kept as text, so the policy reader
    /// can name its key. Nesting is bounded: the parser recurses once per level, and a stack overflow cannot be
    /// caught in .NET (it ends the process, in Dataverse the sandbox worker that runs other organizations' plug-ins
    /// too), so text nested deeper than MaxDepth is refused before it can recurse further.
    /// </summary>
    public static class JsonDocumentReader
    {
        /// <summary>The deepest nesting of objects and arrays accepted; the policy itself needs four levels.</summary>
        public const int MaxDepth = 16;

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
            private int _depth;

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

            private void Descend()
            {
                if (++_depth > MaxDepth)
                {
                    throw Error($"objects and arrays are nested more than {MaxDepth} levels deep");
                }
            }

            private JsonNode ReadObject(string path)
            {
                Descend();
                _position++; // {
                var members = new List<KeyValuePair<string, JsonNode>>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                SkipWhitespace();
                if (!AtEnd && _text[_position] == '}')
                {
                    _position++;
                    _depth--;
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
                    var memberPath = path == "$" ? key : path + "." + key;
                    if (!seen.Add(key))
                    {
                        throw Error($"the property '{memberPath}' appears twice");
                    }

                    SkipWhitespace();
                    Expect(':');
                    var value = ReadValue(memberPath);
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
                    _depth--;
                    return new JsonNode(JsonKind.Object, path, members);
                }
            }

            private JsonNode ReadArray(string path)
            {
                Descend();
                _position++; // [
                var items = new List<JsonNode>();
                SkipWhitespace();
                if (!AtEnd && _text[_position] == ']')
                {
                    _position++;
                    _depth--;
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
                    _depth--;
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
                                || !IsHex(_text, _position, 4)
                                || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
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

            /// <summary>A number by RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?</summary>
            private JsonNumber ReadNumber()
            {
                var start = _position;
                Accept('-');
                if (!Accept('0') && AcceptDigits() == 0)
                {
                    throw Error("a number needs a digit here");
                }

                if (Accept('.') && AcceptDigits() == 0)
                {
                    throw Error("a number needs a digit after its decimal point");
                }

                if (Accept('e') || Accept('E'))
                {
                    if (!Accept('+'))
                    {
                        Accept('-');
                    }

                    if (AcceptDigits() == 0)
                    {
                        throw Error("a number needs a digit in its exponent");
                    }
                }

                var token = _text.Substring(start, _position - start);

                // Too large (or too precise) for decimal: kept as text, so the policy reader names its key.
                return decimal.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? new JsonNumber(token, number)
                    : new JsonNumber(token, null);
            }

            private static bool IsHex(string text, int start, int length)
            {
                for (var i = start; i < start + length; i++)
                {
                    if (!Uri.IsHexDigit(text[i]))
                    {
                        return false;
                    }
                }

                return true;
            }

            private bool Accept(char c)
            {
                if (!AtEnd && _text[_position] == c)
                {
                    _position++;
                    return true;
                }

                return false;
            }

            private int AcceptDigits()
            {
                var start = _position;
                while (!AtEnd && _text[_position] >= '0' && _text[_position] <= '9')
                {
                    _position++;
                }

                return _position - start;
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

        /// <summary>The number, or null when it is not a number or is too large for a decimal.</summary>
        public decimal? AsNumber => Kind == JsonKind.Number ? ((JsonNumber)_value!).Value : null;

        public bool? AsBoolean => Kind == JsonKind.Boolean ? (bool)_value! : null;

        public override string ToString() => Kind switch
        {
            JsonKind.Null => "null",
            JsonKind.String => "\"" + (string)_value! + "\"",
            JsonKind.Number => ((JsonNumber)_value!).Text,
            JsonKind.Boolean => (bool)_value! ? "true" : "false",
            JsonKind.Array => "an array",
            _ => "an object",
        };
    }

    /// <summary>A number as written, and its value when a decimal can hold it.</summary>
    internal sealed class JsonNumber
    {
        public JsonNumber(string text, decimal? value)
        {
            Text = text;
            Value = value;
        }

        public string Text { get; }

        public decimal? Value { get; }
    }

    public sealed class JsonFormatException : Exception
    {
        public JsonFormatException(string message)
            : base(message)
        {
        }
    }
}
