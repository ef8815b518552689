using System;
using System.Text;

namespace OpenAmi.Json
{
    /// <summary>
    /// A JSON text checked exactly as <see cref="JsonParser"/> checks it, kept as the positions of its values rather than
    /// a tree of nodes: a value is an int handle, and a string or number is decoded only when asked for. For a document
    /// read once into objects of one's own (a vendor profile) that costs the UTF-8 text and 20 bytes per value instead of
    /// a node, lists and strings per value. Member names are matched in place, without building them. Objects hold at
    /// most <see cref="MaxMembers"/> members, because their duplicate-name check here is pairwise.
    /// </summary>
    public sealed class JsonIndex
    {
        public const int MaxMembers = 64;

        /// <summary>The handle <see cref="Get"/> returns for an absent member.</summary>
        public const int None = -1;

        // Per value: kind, first byte, end (exclusive), values in its subtree including itself, its member name's quote or -1.
        private const int Fields = 5;
        private const int KindField = 0;
        private const int StartField = 1;
        private const int EndField = 2;
        private const int SizeField = 3;
        private const int NameField = 4;

        private readonly byte[] _text;
        private readonly int _offset;
        private readonly JsonParser _parser;
        private int[] _values;
        private int _count;

        private JsonIndex(byte[] text, int offset, int count, JsonLimits limits)
        {
            _text = text;
            _offset = offset;
            _parser = new JsonParser(text, offset, offset + count, limits, this);
        }

        /// <summary>The top-level value's handle.</summary>
        public int Root => 0;

        public static JsonIndex Parse(string json)
        {
            if (json == null)
            {
                throw new ArgumentNullException(nameof(json));
            }

            byte[] utf8 = Encoding.UTF8.GetBytes(json);
            return Parse(utf8, 0, utf8.Length, JsonLimits.Default);
        }

        /// <summary>Keeps <paramref name="utf8"/> (not a copy): the caller must not change it while the index is in use.</summary>
        public static JsonIndex Parse(byte[] utf8, int offset, int count, JsonLimits limits) => Parse(utf8, offset, count, limits, null);

        /// <summary>
        /// As <see cref="Parse(byte[], int, int, JsonLimits)"/>, recording into <paramref name="table"/> when it holds the
        /// <see cref="TableLength"/> of the text (else into a table of its own): documents read one after the other
        /// (the vendor profiles at boot) then share one table, sized for the largest. The caller must not use
        /// <paramref name="table"/> for another document while this index is in use.
        /// </summary>
        public static JsonIndex Parse(byte[] utf8, int offset, int count, JsonLimits limits, int[] table)
        {
            var index = Counted(utf8, offset, count, limits);
            int length = index._count * Fields;
            index._values = table != null && table.Length >= length ? table : new int[length];
            index._count = 0;
            index._parser.ParseDocument();
            return index;
        }

        /// <summary>The ints an index of the text records (its table for <see cref="Parse(byte[], int, int, JsonLimits, int[])"/>).</summary>
        public static int TableLength(byte[] utf8, int offset, int count, JsonLimits limits) => Counted(utf8, offset, count, limits)._count * Fields;

        /// <summary>A counting pass: sizes the table exactly, so an index of its own holds no spare capacity.</summary>
        private static JsonIndex Counted(byte[] utf8, int offset, int count, JsonLimits limits)
        {
            JsonParser.CheckInput(utf8, offset, count, limits);
            var index = new JsonIndex(utf8, offset, count, limits);
            index._parser.ParseDocument();
            return index;
        }

        public JsonKind Kind(int value) => (JsonKind)Field(value, KindField);

        /// <summary>Array length or number of object members; 0 for scalars.</summary>
        public int Count(int value)
        {
            JsonKind kind = Kind(value);
            if (kind != JsonKind.Object && kind != JsonKind.Array)
            {
                return 0;
            }

            int count = 0;
            int end = value + Field(value, SizeField);
            for (int child = value + 1; child < end; child += Field(child, SizeField))
            {
                count++;
            }

            return count;
        }

        /// <summary>Array item, or object member value in document order.</summary>
        public int At(int value, int index)
        {
            JsonKind kind = Kind(value);
            if (kind != JsonKind.Object && kind != JsonKind.Array)
            {
                throw new JsonException("value must be array or object, not " + JsonNode.KindName(kind));
            }

            int end = value + Field(value, SizeField);
            int child = value + 1;
            for (int i = 0; child < end; i++, child += Field(child, SizeField))
            {
                if (i == index)
                {
                    return child;
                }
            }

            throw new JsonException("index " + index.ToString() + " outside " + JsonNode.KindName(kind) + " of " + Count(value).ToString());
        }

        /// <summary>Object member name in document order.</summary>
        public string NameAt(int value, int index)
        {
            RequireKind(value, JsonKind.Object);
            return _parser.StringAt(Field(At(value, index), NameField));
        }

        /// <summary>Where the name of member <paramref name="index"/> stands in <paramref name="names"/>, or -1; builds no string.</summary>
        public int NameIndex(int value, int index, string[] names)
        {
            RequireKind(value, JsonKind.Object);
            int name = Field(At(value, index), NameField);
            for (int i = 0; i < names.Length; i++)
            {
                if (NameEquals(name, names[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The member's value handle, or <see cref="None"/> when the object has no such member.</summary>
        public int Get(int value, string name)
        {
            RequireKind(value, JsonKind.Object);
            int end = value + Field(value, SizeField);
            for (int child = value + 1; child < end; child += Field(child, SizeField))
            {
                if (NameEquals(Field(child, NameField), name))
                {
                    return child;
                }
            }

            return None;
        }

        public bool Has(int value, string name) => Kind(value) == JsonKind.Object && Get(value, name) != None;

        /// <summary>Whether string <paramref name="value"/> is <paramref name="text"/>, compared in place: builds no string.</summary>
        public bool StringEquals(int value, string text)
        {
            RequireKind(value, JsonKind.String);
            return NameEquals(Field(value, StartField), text);
        }

        public string AsString(int value)
        {
            RequireKind(value, JsonKind.String);
            return _parser.StringAt(Field(value, StartField));
        }

        public bool AsBool(int value)
        {
            RequireKind(value, JsonKind.Boolean);
            return _text[Field(value, StartField)] == 't';
        }

        /// <summary>An integer token's value (a number with a fraction or exponent is not one).</summary>
        public long AsLong(int value)
        {
            RequireKind(value, JsonKind.Integer);
            return _parser.LongAt(Field(value, StartField), Field(value, EndField));
        }

        /// <summary>An integer or number token's value as a double.</summary>
        public double AsDouble(int value)
        {
            JsonKind kind = Kind(value);
            if (kind != JsonKind.Integer && kind != JsonKind.Number)
            {
                throw new JsonException("value must be number, not " + JsonNode.KindName(kind));
            }

            return _parser.DoubleAt(Field(value, StartField), Field(value, EndField));
        }

        /// <summary>The parser starts a value at <paramref name="start"/>; returns its handle.</summary>
        internal int Open(int start, int namePosition)
        {
            if (_values != null)
            {
                int at = _count * Fields;
                _values[at + StartField] = start;
                _values[at + NameField] = namePosition;
            }

            return _count++;
        }

        /// <summary>The parser ends value <paramref name="value"/> before <paramref name="end"/>.</summary>
        internal void Close(int value, JsonKind kind, int end)
        {
            if (_values == null)
            {
                return;
            }

            int at = value * Fields;
            _values[at + KindField] = (int)kind;
            _values[at + EndField] = end;
            _values[at + SizeField] = _count - value;
            if (kind == JsonKind.Object)
            {
                RefuseDuplicateNames(value);
            }
        }

        private void RefuseDuplicateNames(int value)
        {
            int end = value + Field(value, SizeField);
            for (int child = value + 1; child < end; child += Field(child, SizeField))
            {
                int name = Field(child, NameField);
                for (int earlier = value + 1; earlier < child; earlier += Field(earlier, SizeField))
                {
                    if (SameName(Field(earlier, NameField), name))
                    {
                        throw new JsonException("duplicate member name '" + _parser.StringAt(name) + "'", name - _offset);
                    }
                }
            }
        }

        /// <summary>Whether two member names, given by their opening quotes, are the same; builds strings only for escapes.</summary>
        private bool SameName(int quoteA, int quoteB)
        {
            for (int a = quoteA + 1, b = quoteB + 1; ; a++, b++)
            {
                if (_text[a] == '\\' || _text[b] == '\\')
                {
                    return _parser.StringAt(quoteA) == _parser.StringAt(quoteB);
                }

                if (_text[a] != _text[b])
                {
                    return false;
                }

                if (_text[a] == '"')
                {
                    return true;
                }
            }
        }

        /// <summary>Whether the name or string whose opening quote is at <paramref name="quote"/> is <paramref name="name"/>.</summary>
        private bool NameEquals(int quote, string name)
        {
            int at = quote + 1;
            for (int i = 0; i < name.Length; i++, at++)
            {
                byte b = _text[at];
                if (b == '"')
                {
                    return false;
                }

                if (b == '\\' || b >= 0x80)
                {
                    // Escapes and multi-byte characters: compare the decoded name (rare in the documents indexed).
                    return _parser.StringAt(quote) == name;
                }

                if (b != name[i])
                {
                    return false;
                }
            }

            return _text[at] == '"';
        }

        private void RequireKind(int value, JsonKind kind)
        {
            JsonKind actual = Kind(value);
            if (actual != kind)
            {
                throw new JsonException("value must be " + JsonNode.KindName(kind) + ", not " + JsonNode.KindName(actual));
            }
        }

        private int Field(int value, int field)
        {
            if (value < 0 || value >= _count)
            {
                throw new JsonException("no value " + value.ToString() + " in the document");
            }

            return _values[value * Fields + field];
        }
    }
}
