using System;
using System.Collections;
using OpenAmi.Json;

namespace OpenAmi.Gateway.Config
{
    /// <summary>
    /// Typed member access on a JSON DOM that records a <see cref="ConfigError"/> (path + reason) instead of
    /// throwing, so one pass reports every problem in a file. A failed read returns the fallback; the
    /// caller never uses the result once an error exists.
    /// </summary>
    internal sealed class FieldReader
    {
        private readonly ArrayList _errors;

        public FieldReader(ArrayList errors)
        {
            _errors = errors;
        }

        public static string Member(string path, string name) => path + "." + name;

        public static string Item(string path, int index) => path + "[" + index.ToString() + "]";

        public void Error(string path, string reason) => _errors.Add(new ConfigError(path, reason));

        /// <summary>Misspelt keys are errors: a typo must not silently fall back to a default on a pole.</summary>
        public void RejectUnknown(JsonNode node, string path, string[] allowed)
        {
            // Built once per object: many unknown members must not each cost a copy of the allowed list.
            string unknownReason = null;
            for (int i = 0; i < node.Count; i++)
            {
                string name = node.NameAt(i);
                if (System.Array.IndexOf(allowed, name) < 0)
                {
                    if (unknownReason == null)
                    {
                        unknownReason = "unknown member (allowed: " + List(allowed) + ")";
                    }

                    Error(Member(path, name), unknownReason);
                }
            }
        }

        /// <summary>The member as an object, or null (with an error when required or of the wrong kind).</summary>
        public JsonNode Object(JsonNode parent, string name, string path, bool required)
        {
            return Kind(parent, name, path, required, JsonKind.Object, "an object");
        }

        public JsonNode Array(JsonNode parent, string name, string path, bool required)
        {
            return Kind(parent, name, path, required, JsonKind.Array, "an array");
        }

        /// <summary>An array item that must be an object; null (with an error) otherwise.</summary>
        public JsonNode ObjectItem(JsonNode array, int index, string path)
        {
            JsonNode item = array[index];
            if (item.Kind != JsonKind.Object)
            {
                Error(path, "must be an object, not " + JsonNode.KindName(item.Kind));
                return null;
            }

            return item;
        }

        public string String(JsonNode parent, string name, string path, bool required)
        {
            JsonNode node = Kind(parent, name, path, required, JsonKind.String, "a string");
            if (node == null)
            {
                return null;
            }

            string value = node.AsString();
            if (value.Length == 0)
            {
                Error(path, "must not be empty");
                return null;
            }

            return value;
        }

        public long Long(JsonNode parent, string name, string path, long min, long max, long fallback)
        {
            JsonNode node = Numeric(parent, name, path, "an integer");
            if (node == null)
            {
                return fallback;
            }

            long value;
            try
            {
                value = node.AsLong();
            }
            catch (JsonException)
            {
                Error(path, "must be an integer");
                return fallback;
            }

            if (value < min || value > max)
            {
                Error(path, "must be between " + min.ToString() + " and " + max.ToString() + ", not " + value.ToString());
                return fallback;
            }

            return value;
        }

        public int Int(JsonNode parent, string name, string path, int min, int max, int fallback)
        {
            return (int)Long(parent, name, path, min, max, fallback);
        }

        /// <summary>Required non-negative integer: a missing member is an error. Returns -1 when missing or invalid.</summary>
        public int RequiredIndex(JsonNode parent, string name, string path, int max)
        {
            if (parent.Get(name) == null)
            {
                Error(path, "required");
                return -1;
            }

            return Int(parent, name, path, 0, max, -1);
        }

        /// <summary>A number in (exclusiveMin, max].</summary>
        public double Number(JsonNode parent, string name, string path, double exclusiveMin, double max, double fallback)
        {
            JsonNode node = Numeric(parent, name, path, "a number");
            if (node == null)
            {
                return fallback;
            }

            double value = node.AsDouble();
            if (!(value > exclusiveMin) || value > max)
            {
                Error(path, "must be above " + exclusiveMin.ToString() + " and at most " + max.ToString() + ", not " + value.ToString());
                return fallback;
            }

            return value;
        }

        public bool Bool(JsonNode parent, string name, string path, bool fallback)
        {
            JsonNode node = Kind(parent, name, path, false, JsonKind.Boolean, "true or false");
            return node == null ? fallback : node.AsBool();
        }

        /// <summary>One of <paramref name="names"/>; returns its index (the enum value) or the fallback.</summary>
        public int Choice(JsonNode parent, string name, string path, string[] names, int fallback)
        {
            JsonNode node = Kind(parent, name, path, false, JsonKind.String, "a string");
            if (node == null)
            {
                return fallback;
            }

            int index = System.Array.IndexOf(names, node.AsString());
            if (index < 0)
            {
                Error(path, "must be one of " + List(names) + ", not '" + node.AsString() + "'");
                return fallback;
            }

            return index;
        }

        /// <summary>A hex string of exactly <paramref name="bytes"/> bytes, or at least that many when <paramref name="atLeast"/>.</summary>
        public byte[] Hex(JsonNode parent, string name, string path, int bytes, bool atLeast)
        {
            string text = String(parent, name, path, true);
            if (text == null)
            {
                return null;
            }

            if (text.Length % 2 != 0 || !IsHex(text))
            {
                Error(path, "must be hexadecimal digits, two per byte");
                return null;
            }

            int count = text.Length / 2;
            if (atLeast ? count < bytes : count != bytes)
            {
                Error(path, "must be " + (atLeast ? "at least " : "exactly ") + bytes.ToString() + " bytes, not " + count.ToString());
                return null;
            }

            var result = new byte[count];
            for (int i = 0; i < count; i++)
            {
                result[i] = (byte)((HexValue(text[2 * i]) << 4) | HexValue(text[2 * i + 1]));
            }

            return result;
        }

        /// <summary>The member when it is a JSON number; null when absent or (with an error) of another kind.</summary>
        private JsonNode Numeric(JsonNode parent, string name, string path, string what)
        {
            JsonNode node = parent.Get(name);
            if (node != null && node.Kind != JsonKind.Integer && node.Kind != JsonKind.Number)
            {
                Error(path, "must be " + what + ", not " + JsonNode.KindName(node.Kind));
                return null;
            }

            return node;
        }

        /// <summary>Reads one item of an array; <paramref name="item"/> is null when it was not an object (already reported).</summary>
        public delegate void ItemAction(JsonNode item, string path, int index);

        /// <summary>
        /// Calls <paramref name="read"/> for every item of the array member, in order, so positions match the paths
        /// later rules report; returns the array's length (0 when absent or not an array).
        /// </summary>
        public int ForEachObject(JsonNode parent, string name, string path, bool required, string[] allowed, ItemAction read)
        {
            JsonNode array = Array(parent, name, path, required);
            if (array == null)
            {
                return 0;
            }

            for (int i = 0; i < array.Count; i++)
            {
                string itemPath = Item(path, i);
                JsonNode item = ObjectItem(array, i, itemPath);
                if (item != null)
                {
                    RejectUnknown(item, itemPath, allowed);
                }

                read(item, itemPath, i);
            }

            return array.Count;
        }

        private JsonNode Kind(JsonNode parent, string name, string path, bool required, JsonKind kind, string what)
        {
            JsonNode node = parent.Get(name);
            if (node == null)
            {
                if (required)
                {
                    Error(path, "required");
                }

                return null;
            }

            if (node.Kind != kind)
            {
                Error(path, "must be " + what + ", not " + JsonNode.KindName(node.Kind));
                return null;
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

        private static string List(string[] names)
        {
            // One concatenation of all parts: appending in a loop copies the growing text once per name.
            var parts = new string[names.Length * 2];
            for (int i = 0; i < names.Length; i++)
            {
                parts[i * 2] = i == 0 ? "" : ", ";
                parts[i * 2 + 1] = names[i];
            }

            return string.Concat(parts);
        }
    }
}
