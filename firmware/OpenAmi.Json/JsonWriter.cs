using System;
using System.Text;
using OpenAmi.Json.Numbers;

namespace OpenAmi.Json
{
    /// <summary>
    /// Compact UTF-8 JSON writer into a reusable buffer (after it has grown, writing allocates nothing except
    /// for the rare doubles that need the exact slow path). Integers are written without ".0"; doubles in the
    /// shortest form that reads back as the same double, laid out as ECMAScript's Number::toString does
    /// (plain decimals for 1e-7 ≤ |x| &lt; 1e21, otherwise d.ddde±n).
    /// Structure is checked: a misplaced name or value, or closing the wrong container, is an InvalidOperationException.
    /// </summary>
    public sealed class JsonWriter
    {
        private const int MaxDepth = 64;

        private static readonly byte[] HexDigits = { (byte)'0', (byte)'1', (byte)'2', (byte)'3', (byte)'4', (byte)'5', (byte)'6', (byte)'7', (byte)'8', (byte)'9', (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f' };

        // One bit per open container (bit d = depth d): a gateway keeps several writers, and two 64-entry bool arrays
        // each were most of a small writer's heap.
        private ulong _isObject;
        private ulong _hasItems;
        private readonly byte[] _integerDigits = new byte[20];

        // Only a writer that writes a fractional number needs it (the event writers never do).
        private ShortestDigits _shortest;
        private static readonly byte[] NoBuffer = new byte[0];

        // Made at the first byte written, at the capacity asked for: a writer kept for rare events (a data gap, a
        // safety trip, a token) holds no buffer until it has one to write.
        private readonly int _initialCapacity;
        private byte[] _buffer = NoBuffer;
        private int _length;
        private int _depth;
        private bool _afterName;
        private bool _rootWritten;

        public JsonWriter() : this(256)
        {
        }

        public JsonWriter(int initialCapacity)
        {
            _initialCapacity = initialCapacity > 16 ? initialCapacity : 16;
        }

        /// <summary>The UTF-8 text is Buffer[0..Length); the array is reused after <see cref="Reset"/>.</summary>
        public byte[] Buffer => _buffer;

        public int Length => _length;

        /// <summary>True once a complete top-level value has been written.</summary>
        public bool IsComplete => _rootWritten && _depth == 0;

        public void Reset()
        {
            _length = 0;
            _depth = 0;
            _afterName = false;
            _rootWritten = false;
        }

        public byte[] ToArray()
        {
            byte[] copy = new byte[_length];
            Array.Copy(_buffer, copy, _length);
            return copy;
        }

        public override string ToString() => Encoding.UTF8.GetString(_buffer, 0, _length);

        public void BeginObject()
        {
            BeforeValue();
            Push(true);
            Put((byte)'{');
        }

        public void EndObject()
        {
            Pop(true);
            Put((byte)'}');
        }

        public void BeginArray()
        {
            BeforeValue();
            Push(false);
            Put((byte)'[');
        }

        public void EndArray()
        {
            Pop(false);
            Put((byte)']');
        }

        public void Name(string name)
        {
            if (_depth == 0 || !IsSet(_isObject, _depth - 1) || _afterName)
            {
                throw new InvalidOperationException("a member name is only allowed inside an object, before its value");
            }

            if (IsSet(_hasItems, _depth - 1))
            {
                Put((byte)',');
            }

            _hasItems |= Bit(_depth - 1);
            QuotedString(name);
            Put((byte)':');
            _afterName = true;
        }

        public void String(string value)
        {
            if (value == null)
            {
                Null();
                return;
            }

            BeforeValue();
            QuotedString(value);
        }

        /// <summary>
        /// A string value given as printable ASCII bytes that need no escape (a timestamp formatted into a reused
        /// buffer), copied as they are without making a string. Any other byte is an ArgumentException.
        /// </summary>
        public void AsciiString(byte[] text, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                byte b = text[i];
                if (b < 0x20 || b > 0x7E || b == (byte)'"' || b == (byte)'\\')
                {
                    throw new ArgumentException("an ASCII string holds printable characters other than quote and backslash");
                }
            }

            BeforeValue();
            Put((byte)'"');
            PutRange(text, offset, count);
            Put((byte)'"');
        }

        public void Integer(long value)
        {
            BeforeValue();
            WriteInteger(value);
        }

        /// <summary>Writes the shortest round-trip form; NaN and infinities are refused (JSON has no such numbers).</summary>
        public void Number(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new JsonException("NaN and infinity are not JSON numbers");
            }

            BeforeValue();
            if (value == 0)
            {
                Put((byte)'0');
                return;
            }

            if (value < 0)
            {
                Put((byte)'-');
                value = -value;
            }

            if (_shortest == null)
            {
                _shortest = new ShortestDigits();
            }

            _shortest.Generate(value);
            WriteDigits(_shortest.Digits, _shortest.Count, _shortest.PointPosition);
        }

        public void Bool(bool value)
        {
            BeforeValue();
            Ascii(value ? "true" : "false");
        }

        public void Null()
        {
            BeforeValue();
            Ascii("null");
        }

        public void Property(string name, string value)
        {
            Name(name);
            String(value);
        }

        public void Property(string name, long value)
        {
            Name(name);
            Integer(value);
        }

        public void Property(string name, double value)
        {
            Name(name);
            Number(value);
        }

        public void Property(string name, bool value)
        {
            Name(name);
            Bool(value);
        }

        /// <summary>Writes a whole DOM node (members in their stored order).</summary>
        public void Node(JsonNode node)
        {
            switch (node.Kind)
            {
                case JsonKind.Null:
                    Null();
                    break;
                case JsonKind.Boolean:
                    Bool(node.BoolValue);
                    break;
                case JsonKind.Integer:
                    Integer(node.IntegerValue);
                    break;
                case JsonKind.Number:
                    Number(node.NumberValue);
                    break;
                case JsonKind.String:
                    String(node.StringValue);
                    break;
                case JsonKind.Array:
                    BeginArray();
                    for (int i = 0; i < node.Count; i++)
                    {
                        Node(node[i]);
                    }

                    EndArray();
                    break;
                default:
                    BeginObject();
                    for (int i = 0; i < node.Count; i++)
                    {
                        Name(node.NameAt(i));
                        Node(node[i]);
                    }

                    EndObject();
                    break;
            }
        }

        private void BeforeValue()
        {
            if (_depth == 0)
            {
                if (_rootWritten)
                {
                    throw new InvalidOperationException("a JSON text has exactly one top-level value");
                }

                _rootWritten = true;
                return;
            }

            if (IsSet(_isObject, _depth - 1))
            {
                if (!_afterName)
                {
                    throw new InvalidOperationException("an object member needs a name before its value");
                }

                _afterName = false;
                return;
            }

            if (IsSet(_hasItems, _depth - 1))
            {
                Put((byte)',');
            }

            _hasItems |= Bit(_depth - 1);
        }

        private void Push(bool isObject)
        {
            if (_depth == MaxDepth)
            {
                throw new InvalidOperationException("nesting deeper than " + MaxDepth.ToString());
            }

            _isObject = isObject ? _isObject | Bit(_depth) : _isObject & ~Bit(_depth);
            _hasItems &= ~Bit(_depth);
            _depth++;
        }

        private static ulong Bit(int depth)
        {
            return 1UL << depth;
        }

        private static bool IsSet(ulong bits, int depth)
        {
            return (bits & Bit(depth)) != 0;
        }

        private void Pop(bool isObject)
        {
            if (_depth == 0 || IsSet(_isObject, _depth - 1) != isObject || _afterName)
            {
                throw new InvalidOperationException("closing a container that is not open");
            }

            _depth--;
        }

        private void WriteInteger(long value)
        {
            // Work with the negative magnitude so long.MinValue needs no special case.
            long negative = value < 0 ? value : -value;
            if (value < 0)
            {
                Put((byte)'-');
            }

            int count = 0;
            do
            {
                _integerDigits[count++] = (byte)('0' - (int)(negative % 10));
                negative /= 10;
            }
            while (negative != 0);

            while (count > 0)
            {
                Put(_integerDigits[--count]);
            }
        }

        /// <summary>ECMA-262 Number::toString layout of the digits d1…dk with value 0.d1…dk × 10^point.</summary>
        private void WriteDigits(byte[] digits, int count, int point)
        {
            if (point >= count && point <= 21)
            {
                PutRange(digits, 0, count);
                PutRepeated((byte)'0', point - count);
            }
            else if (point > 0 && point <= 21)
            {
                PutRange(digits, 0, point);
                Put((byte)'.');
                PutRange(digits, point, count - point);
            }
            else if (point > -6 && point <= 0)
            {
                Put((byte)'0');
                Put((byte)'.');
                PutRepeated((byte)'0', -point);
                PutRange(digits, 0, count);
            }
            else
            {
                Put(digits[0]);
                if (count > 1)
                {
                    Put((byte)'.');
                    PutRange(digits, 1, count - 1);
                }

                int exponent = point - 1;
                Put((byte)'e');
                Put(exponent < 0 ? (byte)'-' : (byte)'+');
                WriteInteger(exponent < 0 ? -exponent : exponent);
            }
        }

        private void QuotedString(string value)
        {
            Put((byte)'"');
            int length = value.Length;
            for (int i = 0; i < length; i++)
            {
                char c = value[i];
                if (c >= 0x20 && c < 0x80)
                {
                    if (c == '"' || c == '\\')
                    {
                        Put((byte)'\\');
                    }

                    Put((byte)c);
                }
                else if (c < 0x20)
                {
                    EscapeControl(c);
                }
                else if (c < 0x800)
                {
                    Put((byte)(0xC0 | (c >> 6)));
                    Put((byte)(0x80 | (c & 0x3F)));
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < length && value[i + 1] >= 0xDC00 && value[i + 1] <= 0xDFFF)
                {
                    int codePoint = 0x10000 + ((c - 0xD800) << 10) + (value[++i] - 0xDC00);
                    Put((byte)(0xF0 | (codePoint >> 18)));
                    Put((byte)(0x80 | ((codePoint >> 12) & 0x3F)));
                    Put((byte)(0x80 | ((codePoint >> 6) & 0x3F)));
                    Put((byte)(0x80 | (codePoint & 0x3F)));
                }
                else
                {
                    // A lone surrogate has no UTF-8 form: U+FFFD stands in for it.
                    int unit = c >= 0xD800 && c <= 0xDFFF ? 0xFFFD : c;
                    Put((byte)(0xE0 | (unit >> 12)));
                    Put((byte)(0x80 | ((unit >> 6) & 0x3F)));
                    Put((byte)(0x80 | (unit & 0x3F)));
                }
            }

            Put((byte)'"');
        }

        private void EscapeControl(char c)
        {
            Put((byte)'\\');
            switch (c)
            {
                case '\b': Put((byte)'b'); return;
                case '\f': Put((byte)'f'); return;
                case '\n': Put((byte)'n'); return;
                case '\r': Put((byte)'r'); return;
                case '\t': Put((byte)'t'); return;
            }

            Put((byte)'u');
            Put((byte)'0');
            Put((byte)'0');
            Put(HexDigits[c >> 4]);
            Put(HexDigits[c & 0xF]);
        }

        private void Ascii(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                Put((byte)text[i]);
            }
        }

        private void PutRange(byte[] source, int offset, int count)
        {
            Ensure(count);
            Array.Copy(source, offset, _buffer, _length, count);
            _length += count;
        }

        private void PutRepeated(byte b, int count)
        {
            for (int i = 0; i < count; i++)
            {
                Put(b);
            }
        }

        private void Put(byte b)
        {
            if (_length == _buffer.Length)
            {
                Ensure(1);
            }

            _buffer[_length++] = b;
        }

        private void Ensure(int extra)
        {
            if (_length + extra > _buffer.Length)
            {
                int size = _buffer.Length == 0 ? _initialCapacity : _buffer.Length * 2;
                byte[] grown = new byte[size > _length + extra ? size : _length + extra];
                Array.Copy(_buffer, grown, _length);
                _buffer = grown;
            }
        }
    }
}
