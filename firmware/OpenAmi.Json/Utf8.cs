namespace OpenAmi.Json
{
    /// <summary>UTF-8 well-formedness (RFC 3629 section 4: no overlongs, no surrogates, at most U+10FFFF), for every reader of text from the wire.</summary>
    public static class Utf8
    {
        /// <summary>Returned by <see cref="SequenceLength"/> for bytes that are not UTF-8.</summary>
        public const int Invalid = 0;

        /// <summary>Returned by <see cref="SequenceLength"/> for a sequence cut off by <c>end</c>.</summary>
        public const int Truncated = -1;

        /// <summary>Length of the well-formed sequence at <paramref name="position"/> (1–4), or <see cref="Invalid"/> or <see cref="Truncated"/>.</summary>
        public static int SequenceLength(byte[] text, int position, int end)
        {
            byte lead = text[position];
            if (lead < 0x80)
            {
                return 1;
            }

            int continuation;
            int min = 0x80;
            int max = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF)
            {
                continuation = 1;
            }
            else if (lead >= 0xE0 && lead <= 0xEF)
            {
                continuation = 2;
                if (lead == 0xE0)
                {
                    min = 0xA0;
                }
                else if (lead == 0xED)
                {
                    max = 0x9F;
                }
            }
            else if (lead >= 0xF0 && lead <= 0xF4)
            {
                continuation = 3;
                if (lead == 0xF0)
                {
                    min = 0x90;
                }
                else if (lead == 0xF4)
                {
                    max = 0x8F;
                }
            }
            else
            {
                return Invalid;
            }

            if (position + continuation >= end)
            {
                return Truncated;
            }

            for (int i = 1; i <= continuation; i++)
            {
                int b = text[position + i];
                int low = i == 1 ? min : 0x80;
                int high = i == 1 ? max : 0xBF;
                if (b < low || b > high)
                {
                    return Invalid;
                }
            }

            return continuation + 1;
        }
    }
}
