using OpenAmi.Json;

namespace OpenAmi.Northbound.Commands
{
    /// <summary>
    /// The JSON Canonicalization Scheme of RFC 8785 for the values commands carry: members sorted by their names'
    /// UTF-16 code units, no whitespace, ECMAScript number form (the JsonWriter's), minimal string escaping
    /// (also the JsonWriter's). Integers beyond ±2^53 are written as the double they denote, as RFC 8785 requires.
    /// </summary>
    public static class CanonicalJson
    {
        private const long MaxExactInteger = 9007199254740992;

        /// <summary>Writes <paramref name="node"/> canonically, leaving out the top-level member <paramref name="omit"/> (may be null).</summary>
        public static void Write(JsonWriter writer, JsonNode node, string omit)
        {
            switch (node.Kind)
            {
                case JsonKind.Object:
                    WriteObject(writer, node, omit);
                    break;
                case JsonKind.Array:
                    writer.BeginArray();
                    for (int i = 0; i < node.Count; i++)
                    {
                        Write(writer, node[i], null);
                    }

                    writer.EndArray();
                    break;
                case JsonKind.Integer:
                    long value = node.AsLong();
                    if (value > MaxExactInteger || value < -MaxExactInteger)
                    {
                        writer.Number(value);
                    }
                    else
                    {
                        writer.Integer(value);
                    }

                    break;
                default:
                    writer.Node(node);
                    break;
            }
        }

        private static void WriteObject(JsonWriter writer, JsonNode node, string omit)
        {
            int count = node.Count;
            int[] order = node.MemberOrder();

            writer.BeginObject();
            for (int i = 0; i < count; i++)
            {
                string name = node.NameAt(order[i]);
                if (name == omit)
                {
                    continue;
                }

                writer.Name(name);
                Write(writer, node[order[i]], null);
            }

            writer.EndObject();
        }
    }
}
