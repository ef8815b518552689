namespace OpenAmi.Json
{
    /// <summary>
    /// Typed member access on a <see cref="JsonIndex"/> that reports each problem with its JSON path (such as
    /// <c>$.meters[2].address</c>) through <see cref="Error"/> instead of throwing, so one pass names everything wrong
    /// with a document. A failed read returns the fallback; the caller never uses the result once an error exists.
    /// Members are addressed by their owner's path and their name: a member's path is built only for an error, and the
    /// document is never turned into a tree. The reasons are worded as the gateway configuration words them
    /// ("must be …, not …"); a document family whose messages people already know in other words overrides them.
    /// </summary>
    public abstract class JsonPathReader
    {
        private readonly JsonIndex _doc;

        protected JsonPathReader(JsonIndex document)
        {
            _doc = document;
        }

        public JsonIndex Document => _doc;

        /// <summary>Reads one item of an array; <paramref name="item"/> is <see cref="JsonIndex.None"/> when it was not an object (already reported).</summary>
        public delegate void ItemAction(int item, string path, int index);

        public static string Member(string owner, string name) => owner + "." + name;

        public static string Item(string owner, int index) => owner + "[" + index.ToString() + "]";

        /// <summary>Records one problem; the reader goes on reading.</summary>
        public abstract void Error(string path, string reason);

        /// <param name="what">The kind wanted, with its article: "an integer", "a string", "true or false".</param>
        protected virtual string WrongKind(string what, JsonKind actual) => "must be " + what + ", not " + JsonNode.KindName(actual);

        protected virtual string OutOfRange(long value, long min, long max) =>
            "must be between " + min.ToString() + " and " + max.ToString() + ", not " + value.ToString();

        protected virtual string NotAChoice(string[] choices, string actual) => "must be one of " + List(choices) + ", not '" + actual + "'";

        /// <summary>Built once per object, however many of its members are unknown.</summary>
        protected virtual string UnknownMember(string[] allowed) => "unknown member (allowed: " + List(allowed) + ")";

        /// <summary>The reason a member is refused with rather than reported as unknown (a secret in a shared file), or null.</summary>
        protected virtual string Forbidden(string name) => null;

        /// <summary>Misspelt keys are errors: a typo must not silently fall back to a default on a pole. Names are matched in place.</summary>
        public void RejectUnknown(int node, string path, string[] allowed)
        {
            string unknownReason = null;
            int count = _doc.Count(node);
            for (int i = 0; i < count; i++)
            {
                if (_doc.NameIndex(node, i, allowed) >= 0)
                {
                    continue;
                }

                string name = _doc.NameAt(node, i);
                string forbidden = Forbidden(name);
                if (forbidden != null)
                {
                    Error(Member(path, name), forbidden);
                    continue;
                }

                if (unknownReason == null)
                {
                    unknownReason = UnknownMember(allowed);
                }

                Error(Member(path, name), unknownReason);
            }
        }

        /// <summary>The member as an object, or <see cref="JsonIndex.None"/> (with an error when required or of another kind).</summary>
        public int Object(int parent, string name, string owner, bool required) => Kind(parent, name, owner, required, JsonKind.Object, "an object");

        public int Array(int parent, string name, string owner, bool required) => Kind(parent, name, owner, required, JsonKind.Array, "an array");

        /// <summary>Item <paramref name="index"/> of an array (or member value of an object) when it is an object; otherwise None, with an error at <paramref name="path"/>.</summary>
        public int ObjectItem(int container, int index, string path)
        {
            int item = _doc.At(container, index);
            JsonKind kind = _doc.Kind(item);
            if (kind != JsonKind.Object)
            {
                Error(path, WrongKind("an object", kind));
                return JsonIndex.None;
            }

            return item;
        }

        /// <summary>
        /// Calls <paramref name="read"/> for every item of the array member, in order, so positions match the paths
        /// later rules report; returns the array's length (0 when absent or not an array).
        /// </summary>
        public int ForEachObject(int parent, string name, string owner, bool required, string[] allowed, ItemAction read)
        {
            int array = Array(parent, name, owner, required);
            if (array == JsonIndex.None)
            {
                return 0;
            }

            string path = Member(owner, name);
            int count = _doc.Count(array);
            for (int i = 0; i < count; i++)
            {
                string itemPath = Item(path, i);
                int item = ObjectItem(array, i, itemPath);
                if (item != JsonIndex.None)
                {
                    RejectUnknown(item, itemPath, allowed);
                }

                read(item, itemPath, i);
            }

            return count;
        }

        /// <summary>A string member, empty or not; null when absent (an error when required) or of another kind.</summary>
        public string String(int parent, string name, string owner, bool required)
        {
            int node = Kind(parent, name, owner, required, JsonKind.String, "a string");
            return node == JsonIndex.None ? null : _doc.AsString(node);
        }

        /// <summary>A string member that must not be empty.</summary>
        public string NonEmptyString(int parent, string name, string owner, bool required)
        {
            string value = String(parent, name, owner, required);
            if (value != null && value.Length == 0)
            {
                Error(Member(owner, name), "must not be empty");
                return null;
            }

            return value;
        }

        /// <summary>An optional integer in [min, max].</summary>
        public long Long(int parent, string name, string owner, long min, long max, long fallback)
        {
            int node = Kind(parent, name, owner, false, JsonKind.Integer, "an integer");
            if (node == JsonIndex.None)
            {
                return fallback;
            }

            long value = _doc.AsLong(node);
            if (value < min || value > max)
            {
                Error(Member(owner, name), OutOfRange(value, min, max));
                return fallback;
            }

            return value;
        }

        public int Int(int parent, string name, string owner, int min, int max, int fallback) => (int)Long(parent, name, owner, min, max, fallback);

        /// <summary>A required integer in [min, max] (min at least 0); -1 when missing or invalid.</summary>
        public int RequiredInt(int parent, string name, string owner, int min, int max)
        {
            if (!_doc.Has(parent, name))
            {
                Error(Member(owner, name), "required");
                return -1;
            }

            return Int(parent, name, owner, min, max, -1);
        }

        /// <summary>A number in (exclusiveMin, max].</summary>
        public double NumberAbove(int parent, string name, string owner, double exclusiveMin, double max, double fallback)
        {
            int node = Numeric(parent, name, owner, false);
            if (node == JsonIndex.None)
            {
                return fallback;
            }

            double value = _doc.AsDouble(node);
            if (!(value > exclusiveMin) || value > max)
            {
                Error(Member(owner, name), "must be above " + exclusiveMin.ToString() + " and at most " + max.ToString() + ", not " + value.ToString());
                return fallback;
            }

            return value;
        }

        /// <summary>A number in [min, max]; the fallback when absent (an error when required) or invalid.</summary>
        public double NumberBetween(int parent, string name, string owner, double min, double max, bool required, double fallback)
        {
            int node = Numeric(parent, name, owner, required);
            if (node == JsonIndex.None)
            {
                return fallback;
            }

            double value = _doc.AsDouble(node);
            if (value < min || value > max)
            {
                Error(Member(owner, name), "must be between " + min.ToString() + " and " + max.ToString() + ", not " + value.ToString());
                return fallback;
            }

            return value;
        }

        public bool Bool(int parent, string name, string owner, bool fallback)
        {
            int node = Kind(parent, name, owner, false, JsonKind.Boolean, "true or false");
            return node == JsonIndex.None ? fallback : _doc.AsBool(node);
        }

        /// <summary>
        /// Where the string member stands in <paramref name="choices"/> (the enum value), compared in place: no choice
        /// becomes a string. Required when <paramref name="fallback"/> is negative (then 0 stands in for a missing or
        /// wrong value); otherwise the fallback does.
        /// </summary>
        public int Choice(int parent, string name, string owner, string[] choices, int fallback)
        {
            int otherwise = fallback < 0 ? 0 : fallback;
            int node = Kind(parent, name, owner, fallback < 0, JsonKind.String, "a string");
            if (node == JsonIndex.None)
            {
                return otherwise;
            }

            for (int i = 0; i < choices.Length; i++)
            {
                if (_doc.StringEquals(node, choices[i]))
                {
                    return i;
                }
            }

            Error(Member(owner, name), NotAChoice(choices, _doc.AsString(node)));
            return otherwise;
        }

        /// <summary>A required hex string of exactly <paramref name="bytes"/> bytes, or at least that many when <paramref name="atLeast"/>.</summary>
        public byte[] Hex(int parent, string name, string owner, int bytes, bool atLeast)
        {
            string text = NonEmptyString(parent, name, owner, true);
            if (text == null)
            {
                return null;
            }

            if (text.Length % 2 != 0 || !IsHex(text))
            {
                Error(Member(owner, name), "must be hexadecimal digits, two per byte");
                return null;
            }

            int count = text.Length / 2;
            if (atLeast ? count < bytes : count != bytes)
            {
                Error(Member(owner, name), "must be " + (atLeast ? "at least " : "exactly ") + bytes.ToString() + " bytes, not " + count.ToString());
                return null;
            }

            var result = new byte[count];
            for (int i = 0; i < count; i++)
            {
                result[i] = (byte)((HexValue(text[2 * i]) << 4) | HexValue(text[2 * i + 1]));
            }

            return result;
        }

        /// <summary>"a, b, c" built in one concatenation: appending in a loop copies the growing text once per name.</summary>
        public static string List(string[] names)
        {
            var parts = new string[names.Length * 2];
            for (int i = 0; i < names.Length; i++)
            {
                parts[i * 2] = i == 0 ? "" : ", ";
                parts[i * 2 + 1] = names[i];
            }

            return string.Concat(parts);
        }

        /// <summary>The member when it is a JSON number (integer or not); None when absent or (with an error) of another kind.</summary>
        private int Numeric(int parent, string name, string owner, bool required)
        {
            int node = _doc.Get(parent, name);
            if (node == JsonIndex.None)
            {
                if (required)
                {
                    Error(Member(owner, name), "required");
                }

                return JsonIndex.None;
            }

            JsonKind kind = _doc.Kind(node);
            if (kind != JsonKind.Integer && kind != JsonKind.Number)
            {
                Error(Member(owner, name), WrongKind("a number", kind));
                return JsonIndex.None;
            }

            return node;
        }

        private int Kind(int parent, string name, string owner, bool required, JsonKind kind, string what)
        {
            int node = _doc.Get(parent, name);
            if (node == JsonIndex.None)
            {
                if (required)
                {
                    Error(Member(owner, name), "required");
                }

                return JsonIndex.None;
            }

            JsonKind actual = _doc.Kind(node);
            if (actual != kind)
            {
                Error(Member(owner, name), WrongKind(what, actual));
                return JsonIndex.None;
            }

            return node;
        }

        private static bool IsHex(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (HexValue(text[i]) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }
    }
}
