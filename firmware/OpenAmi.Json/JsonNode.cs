using System;
using System.Collections;

namespace OpenAmi.Json
{
    /// <summary>
    /// One JSON value (a non-generic DOM). Objects keep member order and refuse duplicate names on parse;
    /// lookups are linear, which is the right trade for the small messages the gateway handles.
    /// Typed accessors throw <see cref="JsonException"/> naming the member, so message decoders need no checks of their own.
    /// </summary>
    public sealed class JsonNode
    {
        public static readonly JsonNode Null = new JsonNode(JsonKind.Null);
        public static readonly JsonNode True = new JsonNode(JsonKind.Boolean) { _bool = true };
        public static readonly JsonNode False = new JsonNode(JsonKind.Boolean);

        private bool _bool;
        private long _integer;
        private double _number;
        private string _string;
        private ArrayList _values;
        private ArrayList _names;

        private JsonNode(JsonKind kind)
        {
            Kind = kind;
        }

        public JsonKind Kind { get; }

        public static JsonNode NewObject() => new JsonNode(JsonKind.Object) { _values = new ArrayList(), _names = new ArrayList() };

        public static JsonNode NewArray() => new JsonNode(JsonKind.Array) { _values = new ArrayList() };

        public static JsonNode FromString(string value)
        {
            if (value == null)
            {
                return Null;
            }

            return new JsonNode(JsonKind.String) { _string = value };
        }

        public static JsonNode FromLong(long value) => new JsonNode(JsonKind.Integer) { _integer = value };

        /// <summary>NaN and infinities have no JSON form and are refused here rather than when writing.</summary>
        public static JsonNode FromDouble(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new JsonException("NaN and infinity are not JSON numbers");
            }

            return new JsonNode(JsonKind.Number) { _number = value };
        }

        public static JsonNode FromBool(bool value) => value ? True : False;

        /// <summary>Array length or number of object members; 0 for scalars.</summary>
        public int Count => _values == null ? 0 : _values.Count;

        /// <summary>Array item, or object member value in document order.</summary>
        public JsonNode this[int index]
        {
            get
            {
                if (_values == null)
                {
                    throw new JsonException("value must be array or object, not " + KindName(Kind));
                }

                if (index < 0 || index >= _values.Count)
                {
                    throw new JsonException("index " + index.ToString() + " outside " + KindName(Kind) + " of " + _values.Count.ToString());
                }

                return (JsonNode)_values[index];
            }
        }

        /// <summary>Object member name in document order.</summary>
        public string NameAt(int index)
        {
            RequireKind(JsonKind.Object, "object");
            return (string)_names[index];
        }

        /// <summary>The member value, or null (C# null) when the object has no such member.</summary>
        public JsonNode Get(string name)
        {
            RequireKind(JsonKind.Object, "object");
            int index = IndexOf(name);
            return index < 0 ? null : (JsonNode)_values[index];
        }

        public bool Has(string name) => Kind == JsonKind.Object && IndexOf(name) >= 0;

        /// <summary>The member value; a missing member is a <see cref="JsonException"/>.</summary>
        public JsonNode Require(string name)
        {
            JsonNode value = Get(name);
            if (value == null)
            {
                throw new JsonException("missing member '" + name + "'");
            }

            return value;
        }

        public string GetString(string name) => Member(name, JsonKind.String)._string;

        public long GetLong(string name) => Require(name).AsLongFor(name);

        public double GetDouble(string name) => Require(name).AsDoubleFor(name);

        public bool GetBool(string name) => Member(name, JsonKind.Boolean)._bool;

        public string AsString()
        {
            RequireKind(JsonKind.String, "string");
            return _string;
        }

        public bool AsBool()
        {
            RequireKind(JsonKind.Boolean, "boolean");
            return _bool;
        }

        /// <summary>An integer, or a number with an exactly integral value inside the long range (e.g. 1e3).</summary>
        public long AsLong() => AsLongFor(null);

        public double AsDouble() => AsDoubleFor(null);

        /// <summary>Appends to an array; returns this node so construction can be chained.</summary>
        public JsonNode Add(JsonNode item)
        {
            RequireKind(JsonKind.Array, "array");
            _values.Add(item ?? Null);
            return this;
        }

        /// <summary>Sets (or replaces) an object member; returns this node so construction can be chained.</summary>
        public JsonNode Set(string name, JsonNode value)
        {
            RequireKind(JsonKind.Object, "object");
            int index = IndexOf(name);
            if (index >= 0)
            {
                _values[index] = value ?? Null;
            }
            else
            {
                _names.Add(name);
                _values.Add(value ?? Null);
            }

            return this;
        }

        public JsonNode Set(string name, string value) => Set(name, FromString(value));

        public JsonNode Set(string name, long value) => Set(name, FromLong(value));

        public JsonNode Set(string name, double value) => Set(name, FromDouble(value));

        public JsonNode Set(string name, bool value) => Set(name, FromBool(value));

        /// <summary>Removes a member if present; returns whether it was.</summary>
        public bool Remove(string name)
        {
            RequireKind(JsonKind.Object, "object");
            int index = IndexOf(name);
            if (index < 0)
            {
                return false;
            }

            _names.RemoveAt(index);
            _values.RemoveAt(index);
            return true;
        }

        /// <summary>Compact JSON text of this node.</summary>
        public string ToJson()
        {
            JsonWriter writer = new JsonWriter();
            writer.Node(this);
            return writer.ToString();
        }

        public override string ToString() => ToJson();

        /// <summary>Used by the parser, which has already checked that the name is new.</summary>
        internal void AddMember(string name, JsonNode value)
        {
            _names.Add(name);
            _values.Add(value);
        }

        internal long IntegerValue => _integer;

        internal double NumberValue => _number;

        internal string StringValue => _string;

        internal bool BoolValue => _bool;

        /// <summary>
        /// Member positions ordered by name, comparing UTF-16 code units (RFC 8785 section 3.2.3); equal names keep
        /// document order. A merge sort: O(n log n) whatever order a hostile sender chose.
        /// </summary>
        public int[] MemberOrder()
        {
            RequireKind(JsonKind.Object, "object");
            int count = _names.Count;
            int[] order = new int[count];
            for (int i = 0; i < count; i++)
            {
                order[i] = i;
            }

            int[] scratch = new int[count];
            for (int width = 1; width < count; width *= 2)
            {
                for (int left = 0; left < count; left += 2 * width)
                {
                    int middle = Math.Min(left + width, count);
                    int right = Math.Min(left + (2 * width), count);
                    Merge(order, scratch, left, middle, right);
                }

                int[] swap = order;
                order = scratch;
                scratch = swap;
            }

            return order;
        }

        /// <summary>Ordinal comparison by UTF-16 code units (string.CompareOrdinal is not on the device).</summary>
        private static int CompareOrdinal(string a, string b)
        {
            int length = a.Length < b.Length ? a.Length : b.Length;
            for (int i = 0; i < length; i++)
            {
                if (a[i] != b[i])
                {
                    return a[i] - b[i];
                }
            }

            return a.Length - b.Length;
        }

        internal int IndexOf(string name)
        {
            for (int i = 0; i < _names.Count; i++)
            {
                if ((string)_names[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }

        private void Merge(int[] from, int[] to, int left, int middle, int right)
        {
            int a = left;
            int b = middle;
            for (int k = left; k < right; k++)
            {
                if (a < middle && (b >= right || CompareOrdinal((string)_names[from[a]], (string)_names[from[b]]) <= 0))
                {
                    to[k] = from[a++];
                }
                else
                {
                    to[k] = from[b++];
                }
            }
        }

        private JsonNode Member(string name, JsonKind kind)
        {
            JsonNode value = Require(name);
            if (value.Kind != kind)
            {
                throw new JsonException("member '" + name + "' must be " + KindName(kind));
            }

            return value;
        }

        private long AsLongFor(string name)
        {
            if (Kind == JsonKind.Integer)
            {
                return _integer;
            }

            // 2^63 is exactly representable; anything at or above it does not fit a long.
            if (Kind == JsonKind.Number && _number == Math.Floor(_number) && _number >= -9223372036854775808.0 && _number < 9223372036854775808.0)
            {
                return (long)_number;
            }

            throw new JsonException(Subject(name) + " must be an integer");
        }

        private double AsDoubleFor(string name)
        {
            if (Kind == JsonKind.Integer)
            {
                return _integer;
            }

            if (Kind == JsonKind.Number)
            {
                return _number;
            }

            throw new JsonException(Subject(name) + " must be a number");
        }

        private void RequireKind(JsonKind kind, string what)
        {
            if (Kind != kind)
            {
                throw new JsonException("value must be " + what + ", not " + KindName(Kind));
            }
        }

        private static string Subject(string name) => name == null ? "value" : "member '" + name + "'";

        /// <summary>Enum names are not available on the device (ToString gives the number).</summary>
        public static string KindName(JsonKind kind)
        {
            switch (kind)
            {
                case JsonKind.Null: return "null";
                case JsonKind.Boolean: return "boolean";
                case JsonKind.Integer: return "integer";
                case JsonKind.Number: return "number";
                case JsonKind.String: return "string";
                case JsonKind.Array: return "array";
                default: return "object";
            }
        }
    }
}
