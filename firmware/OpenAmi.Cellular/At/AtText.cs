using System.Text;

namespace OpenAmi.Cellular.At
{
    /// <summary>Byte-level helpers for AT lines, so parsing a result never allocates a string.</summary>
    public static class AtText
    {
        /// <summary>Value returned by <see cref="IntField"/> when the field is missing or not a number.</summary>
        public const int NoValue = int.MinValue;

        /// <summary>ASCII bytes of a constant; call once at start-up, never per line.</summary>
        public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

        public static bool StartsWith(byte[] line, int count, byte[] prefix)
        {
            if (count < prefix.Length)
            {
                return false;
            }

            for (int i = 0; i < prefix.Length; i++)
            {
                if (line[i] != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }

        public static bool IsExactly(byte[] line, int count, byte[] text) => count == text.Length && StartsWith(line, count, text);

        /// <summary>
        /// The integer in comma-separated field <paramref name="index"/> between <paramref name="start"/> (the end of
        /// the "+XYZ:" prefix) and <paramref name="end"/>; spaces and double quotes around the number are skipped.
        /// </summary>
        public static int IntField(byte[] line, int start, int end, int index)
        {
            int position = start;
            for (int field = 0; field < index; field++)
            {
                while (position < end && line[position] != (byte)',')
                {
                    position++;
                }

                if (position == end)
                {
                    return NoValue;
                }

                position++;
            }

            while (position < end && (line[position] == (byte)' ' || line[position] == (byte)'"'))
            {
                position++;
            }

            bool negative = position < end && line[position] == (byte)'-';
            if (negative)
            {
                position++;
            }

            int digits = 0;
            int value = 0;
            while (position < end && line[position] >= (byte)'0' && line[position] <= (byte)'9')
            {
                if (digits == 9)
                {
                    return NoValue;
                }

                value = (value * 10) + (line[position] - (byte)'0');
                digits++;
                position++;
            }

            if (digits == 0 || (position < end && line[position] != (byte)',' && line[position] != (byte)' ' && line[position] != (byte)'"'))
            {
                return NoValue;
            }

            return negative ? -value : value;
        }

        /// <summary>The printable text of a line for an error message (only on failure paths).</summary>
        public static string Describe(byte[] line, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                byte b = line[i];
                chars[i] = b >= 0x20 && b < 0x7F ? (char)b : '?';
            }

            return new string(chars);
        }
    }
}
