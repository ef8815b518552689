using System;
using System.Text;

namespace OpenAmi.Json
{
    /// <summary>
    /// Strict RFC 8259 parser into <see cref="JsonNode"/>s. Refuses (with <see cref="JsonException"/> and the byte
    /// position): anything outside the grammar, invalid UTF-8, a byte-order mark, unescaped control characters,
    /// lone surrogate escapes, duplicate member names (a signed command must mean one thing), numbers outside the
    /// double range, and input beyond the given <see cref="JsonLimits"/>.
    /// </summary>
    public sealed class JsonParser
    {
        /// <summary>
        /// Members up to this count are checked for a duplicate name as they arrive (no allocation); a larger object
        /// is checked once, sorted, when it closes, so a hostile object costs O(n log n), not O(n²).
        /// </summary>
        private const int LinearDuplicateCheck = 8;

        private readonly byte[] _text;
        private readonly int _start;
        private readonly int _end;
        private readonly int _maxDepth;
        private int _pos;
        private int _depth;
        private StringBuilder _scratch;

        /// <summary>Set when the parse records token positions into an index instead of building nodes.</summary>
        private readonly JsonIndex _index;

        private JsonParser(byte[] text, int start, int end, int maxDepth)
        {
            _text = text;
            _start = start;
            _end = end;
            _maxDepth = maxDepth;
            _pos = start;
        }

        internal JsonParser(byte[] text, int start, int end, JsonLimits limits, JsonIndex index)
            : this(text, start, end, limits.MaxDepth)
        {
            _index = index;
        }

        public static JsonNode Parse(string json) => Parse(json, JsonLimits.Default);

        public static JsonNode Parse(string json, JsonLimits limits)
        {
            if (json == null)
            {
                throw new ArgumentNullException(nameof(json));
            }

            byte[] utf8 = Encoding.UTF8.GetBytes(json);
            return Parse(utf8, 0, utf8.Length, limits);
        }

        public static JsonNode Parse(byte[] utf8, int offset, int count) => Parse(utf8, offset, count, JsonLimits.Default);

        public static JsonNode Parse(byte[] utf8, int offset, int count, JsonLimits limits)
        {
            CheckInput(utf8, offset, count, limits);
            return new JsonParser(utf8, offset, offset + count, limits.MaxDepth).ParseDocument();
        }

        internal static void CheckInput(byte[] utf8, int offset, int count, JsonLimits limits)
        {
            if (utf8 == null)
            {
                throw new ArgumentNullException(nameof(utf8));
            }

            if (offset < 0 || count < 0 || offset + count > utf8.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            if (count > limits.MaxBytes)
            {
                throw new JsonException("document longer than " + limits.MaxBytes.ToString() + " bytes", limits.MaxBytes);
            }
        }

        /// <summary>The one top-level value and nothing after it; null when recording into an index.</summary>
        internal JsonNode ParseDocument()
        {
            _pos = _start;
            _depth = 0;
            SkipWhitespace();
            JsonNode root = ParseValue(-1);
            SkipWhitespace();
            if (_pos != _end)
            {
                throw Error("unexpected data after the value");
            }

            return root;
        }

        /// <summary>The decoded string whose opening quote is at <paramref name="position"/> (a position the index recorded).</summary>
        internal string StringAt(int position)
        {
            // The index may ask while the parse is under way (its duplicate-name check): resume where it was.
            int resume = _pos;
            _pos = position;
            string value = ParseString();
            _pos = resume;
            return value;
        }

        /// <summary>The integer token between the two positions (one the index recorded as an integer).</summary>
        internal long LongAt(int start, int end)
        {
            TryParseLong(start, end - start, out long value);
            return value;
        }

        /// <summary>The number token between the two positions (one the index recorded as a number), as a double.</summary>
        internal double DoubleAt(int start, int end)
        {
            Numbers.DecimalParser.TryParse(_text, start, end - start, out double number);
            return number;
        }

        /// <param name="namePosition">The opening quote of the member name the value belongs to, or -1 (recorded by an index).</param>
        private JsonNode ParseValue(int namePosition)
        {
            if (_pos >= _end)
            {
                throw Error("unexpected end of input");
            }

            if (_index != null)
            {
                RecordValue(namePosition);
                return null;
            }

            byte c = _text[_pos];
            switch (c)
            {
                case (byte)'{':
                    return ParseObject(JsonNode.NewObject());
                case (byte)'[':
                    return ParseArray(JsonNode.NewArray());
                case (byte)'"':
                    return JsonNode.FromString(ParseString());
                case (byte)'t':
                    ExpectLiteral("true");
                    return JsonNode.True;
                case (byte)'f':
                    ExpectLiteral("false");
                    return JsonNode.False;
                case (byte)'n':
                    ExpectLiteral("null");
                    return JsonNode.Null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ParseNumber();
                    }

                    throw Error("unexpected character");
            }
        }

        /// <summary>Index mode: checks the value as <see cref="ParseValue"/> does, recording its kind and extent only.</summary>
        private void RecordValue(int namePosition)
        {
            int start = _pos;
            byte c = _text[_pos];
            int token = _index.Open(start, namePosition);
            JsonKind kind;
            switch (c)
            {
                case (byte)'{':
                    kind = JsonKind.Object;
                    ParseObject(null);
                    break;
                case (byte)'[':
                    kind = JsonKind.Array;
                    ParseArray(null);
                    break;
                case (byte)'"':
                    kind = JsonKind.String;
                    SkipString();
                    break;
                case (byte)'t':
                    kind = JsonKind.Boolean;
                    ExpectLiteral("true");
                    break;
                case (byte)'f':
                    kind = JsonKind.Boolean;
                    ExpectLiteral("false");
                    break;
                case (byte)'n':
                    kind = JsonKind.Null;
                    ExpectLiteral("null");
                    break;
                default:
                    if (c != '-' && (c < '0' || c > '9'))
                    {
                        throw Error("unexpected character");
                    }

                    kind = ScanNumber(out long integer, out double number);
                    break;
            }

            _index.Close(token, kind, _pos);
        }

        /// <summary>Builds into <paramref name="node"/>, or records into the index when it is null.</summary>
        private JsonNode ParseObject(JsonNode node)
        {
            int objectPosition = _pos;
            int memberCount = 0;
            Enter();
            _pos++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                _pos++;
                _depth--;
                return node;
            }

            while (true)
            {
                if (Peek() != '"')
                {
                    throw Error("expected a member name");
                }

                int namePosition = _pos;
                string name = null;
                if (node == null)
                {
                    SkipString();
                    if (++memberCount > JsonIndex.MaxMembers)
                    {
                        throw new JsonException("object of more than " + JsonIndex.MaxMembers.ToString() + " members", objectPosition - _start);
                    }
                }
                else
                {
                    name = ParseString();
                    if (node.Count < LinearDuplicateCheck && node.IndexOf(name) >= 0)
                    {
                        throw new JsonException("duplicate member name '" + name + "'", namePosition - _start);
                    }
                }

                SkipWhitespace();
                if (Peek() != ':')
                {
                    throw Error("expected ':'");
                }

                _pos++;
                SkipWhitespace();
                JsonNode value = ParseValue(namePosition);
                if (node != null)
                {
                    node.AddMember(name, value);
                }

                SkipWhitespace();
                int c = Peek();
                _pos++;
                if (c == '}')
                {
                    _depth--;
                    if (node != null && node.Count > LinearDuplicateCheck)
                    {
                        RefuseDuplicateNames(node, objectPosition);
                    }

                    return node;
                }

                if (c != ',')
                {
                    _pos--;
                    throw Error("expected ',' or '}'");
                }

                SkipWhitespace();
            }
        }

        /// <summary>Duplicates among the members past the linear check: adjacent once sorted (reported at the object).</summary>
        private void RefuseDuplicateNames(JsonNode node, int objectPosition)
        {
            int[] order = node.MemberOrder();
            for (int i = 1; i < order.Length; i++)
            {
                string name = node.NameAt(order[i]);
                if (name == node.NameAt(order[i - 1]))
                {
                    throw new JsonException("duplicate member name '" + name + "'", objectPosition - _start);
                }
            }
        }

        /// <summary>Builds into <paramref name="node"/>, or records into the index when it is null.</summary>
        private JsonNode ParseArray(JsonNode node)
        {
            Enter();
            _pos++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                _pos++;
                _depth--;
                return node;
            }

            while (true)
            {
                JsonNode item = ParseValue(-1);
                if (node != null)
                {
                    node.Add(item);
                }

                SkipWhitespace();
                int c = Peek();
                _pos++;
                if (c == ']')
                {
                    _depth--;
                    return node;
                }

                if (c != ',')
                {
                    _pos--;
                    throw Error("expected ',' or ']'");
                }

                SkipWhitespace();
            }
        }

        private void Enter()
        {
            if (++_depth > _maxDepth)
            {
                throw Error("nesting deeper than " + _maxDepth.ToString());
            }
        }

        /// <summary>Checks a string as <see cref="ParseString"/> does without building it.</summary>
        private void SkipString()
        {
            _pos++;
            while (true)
            {
                if (_pos >= _end)
                {
                    throw Error("unterminated string");
                }

                byte c = _text[_pos];
                if (c == '"')
                {
                    _pos++;
                    return;
                }

                if (c == '\\')
                {
                    ParseEscape(null);
                }
                else if (c < 0x20)
                {
                    throw Error("control character in string");
                }
                else if (c < 0x80)
                {
                    _pos++;
                }
                else
                {
                    SkipUtf8Sequence();
                }
            }
        }

        private string ParseString()
        {
            _pos++;
            int segmentStart = _pos;
            StringBuilder builder = null;
            while (true)
            {
                if (_pos >= _end)
                {
                    throw Error("unterminated string");
                }

                byte c = _text[_pos];
                if (c == '"')
                {
                    string tail = Encoding.UTF8.GetString(_text, segmentStart, _pos - segmentStart);
                    _pos++;
                    if (builder == null)
                    {
                        return tail;
                    }

                    builder.Append(tail);
                    return builder.ToString();
                }

                if (c == '\\')
                {
                    if (builder == null)
                    {
                        builder = _scratch ?? new StringBuilder();
                        _scratch = builder;
                        builder.Clear();
                    }

                    builder.Append(Encoding.UTF8.GetString(_text, segmentStart, _pos - segmentStart));
                    ParseEscape(builder);
                    segmentStart = _pos;
                    continue;
                }

                if (c < 0x20)
                {
                    throw Error("control character in string");
                }

                if (c < 0x80)
                {
                    _pos++;
                }
                else
                {
                    SkipUtf8Sequence();
                }
            }
        }

        /// <summary>Decodes one escape into <paramref name="builder"/>; a null builder only checks it.</summary>
        private void ParseEscape(StringBuilder builder)
        {
            int escapePosition = _pos;
            _pos++;
            if (_pos >= _end)
            {
                throw Error("unterminated string");
            }

            byte c = _text[_pos++];
            switch (c)
            {
                case (byte)'"': Append(builder, '"'); return;
                case (byte)'\\': Append(builder, '\\'); return;
                case (byte)'/': Append(builder, '/'); return;
                case (byte)'b': Append(builder, '\b'); return;
                case (byte)'f': Append(builder, '\f'); return;
                case (byte)'n': Append(builder, '\n'); return;
                case (byte)'r': Append(builder, '\r'); return;
                case (byte)'t': Append(builder, '\t'); return;
                case (byte)'u':
                    break;
                default:
                    _pos = escapePosition;
                    throw Error("invalid escape");
            }

            int unit = ParseHex4();
            if (unit >= 0xDC00 && unit <= 0xDFFF)
            {
                throw new JsonException("lone low surrogate escape", escapePosition - _start);
            }

            if (unit >= 0xD800 && unit <= 0xDBFF)
            {
                if (_pos + 1 >= _end || _text[_pos] != '\\' || _text[_pos + 1] != 'u')
                {
                    throw new JsonException("lone high surrogate escape", escapePosition - _start);
                }

                _pos += 2;
                int low = ParseHex4();
                if (low < 0xDC00 || low > 0xDFFF)
                {
                    throw new JsonException("lone high surrogate escape", escapePosition - _start);
                }

                Append(builder, (char)unit);
                Append(builder, (char)low);
                return;
            }

            Append(builder, (char)unit);
        }

        private static void Append(StringBuilder builder, char c)
        {
            if (builder != null)
            {
                builder.Append(c);
            }
        }

        private int ParseHex4()
        {
            if (_pos + 4 > _end)
            {
                throw Error("truncated \\u escape");
            }

            int value = 0;
            for (int i = 0; i < 4; i++)
            {
                int c = _text[_pos];
                int digit;
                if (c >= '0' && c <= '9')
                {
                    digit = c - '0';
                }
                else if (c >= 'a' && c <= 'f')
                {
                    digit = c - 'a' + 10;
                }
                else if (c >= 'A' && c <= 'F')
                {
                    digit = c - 'A' + 10;
                }
                else
                {
                    throw Error("invalid hex digit in \\u escape");
                }

                value = (value << 4) | digit;
                _pos++;
            }

            return value;
        }

        private void SkipUtf8Sequence()
        {
            int length = Utf8.SequenceLength(_text, _pos, _end);
            if (length == Utf8.Truncated)
            {
                throw Error("truncated UTF-8 sequence");
            }

            if (length == Utf8.Invalid)
            {
                throw Error("invalid UTF-8");
            }

            _pos += length;
        }

        private JsonNode ParseNumber()
        {
            return ScanNumber(out long integer, out double number) == JsonKind.Integer ? JsonNode.FromLong(integer) : JsonNode.FromDouble(number);
        }

        /// <summary>Checks a number token: Integer when it is integral and fits a long, else Number (a double).</summary>
        private JsonKind ScanNumber(out long integer, out double number)
        {
            int start = _pos;
            if (_text[_pos] == '-')
            {
                _pos++;
            }

            if (_pos >= _end)
            {
                throw Error("truncated number");
            }

            if (_text[_pos] == '0')
            {
                _pos++;
            }
            else if (!SkipDigits())
            {
                throw Error("invalid number");
            }

            bool integral = true;
            if (_pos < _end && _text[_pos] == '.')
            {
                integral = false;
                _pos++;
                if (!SkipDigits())
                {
                    throw Error("digit expected after '.'");
                }
            }

            if (_pos < _end && (_text[_pos] == 'e' || _text[_pos] == 'E'))
            {
                integral = false;
                _pos++;
                if (_pos < _end && (_text[_pos] == '+' || _text[_pos] == '-'))
                {
                    _pos++;
                }

                if (!SkipDigits())
                {
                    throw Error("digit expected in exponent");
                }
            }

            int length = _pos - start;
            if (length > JsonLimits.MaxNumberLength)
            {
                throw new JsonException("number longer than " + JsonLimits.MaxNumberLength.ToString() + " characters", start - _start);
            }

            integer = 0;
            number = 0;
            if (integral && TryParseLong(start, length, out integer))
            {
                return JsonKind.Integer;
            }

            if (!Numbers.DecimalParser.TryParse(_text, start, length, out number))
            {
                throw new JsonException("number outside the double range", start - _start);
            }

            return JsonKind.Number;
        }

        /// <summary>Accumulates negatively so long.MinValue parses; false on overflow (the caller falls back to double).</summary>
        private bool TryParseLong(int start, int length, out long value)
        {
            bool negative = _text[start] == '-';
            long accumulator = 0;
            for (int i = negative ? start + 1 : start; i < start + length; i++)
            {
                int digit = _text[i] - '0';
                if (accumulator < (long.MinValue + digit) / 10)
                {
                    value = 0;
                    return false;
                }

                accumulator = accumulator * 10 - digit;
            }

            if (!negative && accumulator == long.MinValue)
            {
                value = 0;
                return false;
            }

            value = negative ? accumulator : -accumulator;
            return true;
        }

        private bool SkipDigits()
        {
            int start = _pos;
            while (_pos < _end && _text[_pos] >= '0' && _text[_pos] <= '9')
            {
                _pos++;
            }

            return _pos > start;
        }

        private void ExpectLiteral(string literal)
        {
            for (int i = 0; i < literal.Length; i++)
            {
                if (_pos >= _end || _text[_pos] != literal[i])
                {
                    throw Error("invalid literal");
                }

                _pos++;
            }
        }

        private int Peek() => _pos < _end ? _text[_pos] : -1;

        private void SkipWhitespace()
        {
            while (_pos < _end)
            {
                byte c = _text[_pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                {
                    return;
                }

                _pos++;
            }
        }

        private JsonException Error(string message) => new JsonException(message, _pos - _start);
    }
}
