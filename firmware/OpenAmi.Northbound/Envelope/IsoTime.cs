using System;
using System.Text;
using OpenAmi.Json;

namespace OpenAmi.Northbound.Envelope
{
    /// <summary>
    /// ISO 8601 / RFC 3339 UTC timestamps "YYYY-MM-DDTHH:MM:SSZ" (milliseconds only when non-zero), written and
    /// parsed by hand: the device has no custom DateTime formats.
    /// </summary>
    public static class IsoTime
    {
        /// <summary>The longest text <see cref="Format(DateTime, byte[], int)"/> writes ("YYYY-MM-DDTHH:MM:SS.mmmZ").</summary>
        public const int MaxLength = 24;

        // The envelope writers' buffer for "ts" (they run on the polling, safety and network threads, hence the lock).
        private static readonly byte[] Scratch = new byte[MaxLength];

        public static string Format(DateTime utc)
        {
            byte[] text = new byte[MaxLength];
            int length = Format(utc, text, 0);
            return Encoding.UTF8.GetString(text, 0, length);
        }

        /// <summary>Writes the timestamp as ASCII at <paramref name="offset"/> (up to <see cref="MaxLength"/> bytes); returns its length.</summary>
        public static int Format(DateTime utc, byte[] into, int offset)
        {
            int at = offset;
            at = Pad(into, at, utc.Year, 4);
            into[at++] = (byte)'-';
            at = Pad(into, at, utc.Month, 2);
            into[at++] = (byte)'-';
            at = Pad(into, at, utc.Day, 2);
            into[at++] = (byte)'T';
            at = Pad(into, at, utc.Hour, 2);
            into[at++] = (byte)':';
            at = Pad(into, at, utc.Minute, 2);
            into[at++] = (byte)':';
            at = Pad(into, at, utc.Second, 2);
            if (utc.Millisecond != 0)
            {
                into[at++] = (byte)'.';
                at = Pad(into, at, utc.Millisecond, 3);
            }

            into[at++] = (byte)'Z';
            return at - offset;
        }

        /// <summary>Writes the timestamp as a JSON string value without making a string (every envelope's "ts").</summary>
        public static void Write(JsonWriter writer, DateTime utc)
        {
            lock (Scratch)
            {
                int length = Format(utc, Scratch, 0);
                writer.AsciiString(Scratch, 0, length);
            }
        }

        /// <summary>Parses the form <see cref="Format"/> writes (fraction of 1-3 digits optional); anything else is a JsonException.</summary>
        public static DateTime Parse(string text)
        {
            if (text == null || (text.Length != 20 && (text.Length < 22 || text.Length > 24)))
            {
                throw Invalid(text);
            }

            if (text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[text.Length - 1] != 'Z')
            {
                throw Invalid(text);
            }

            int millisecond = 0;
            if (text.Length > 20)
            {
                if (text[19] != '.')
                {
                    throw Invalid(text);
                }

                int digits = text.Length - 21;
                millisecond = Digits(text, 20, digits);
                for (int i = digits; i < 3; i++)
                {
                    millisecond *= 10;
                }
            }

            int year = Digits(text, 0, 4);
            int month = Digits(text, 5, 2);
            int day = Digits(text, 8, 2);
            int hour = Digits(text, 11, 2);
            int minute = Digits(text, 14, 2);
            int second = Digits(text, 17, 2);
            if (year < 2000 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            {
                throw Invalid(text);
            }

            return new DateTime(year, month, day, hour, minute, second, millisecond);
        }

        private static int Digits(string text, int start, int count)
        {
            int value = 0;
            for (int i = start; i < start + count; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    throw Invalid(text);
                }

                value = value * 10 + (c - '0');
            }

            return value;
        }

        private static int Pad(byte[] into, int at, int value, int width)
        {
            int divisor = 1;
            for (int i = 1; i < width; i++)
            {
                divisor *= 10;
            }

            for (; divisor > 0; divisor /= 10)
            {
                into[at++] = (byte)('0' + (value / divisor) % 10);
            }

            return at;
        }

        private static JsonException Invalid(string text) => new JsonException("timestamp must be UTC ISO 8601 like 2026-06-22T14:30:00Z, got '" + text + "'");
    }
}
