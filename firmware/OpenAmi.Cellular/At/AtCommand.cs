using System.Text;

namespace OpenAmi.Cellular.At
{
    /// <summary>
    /// A reusable command line buffer ("AT+CMQTTPUB=0,1,60" …) built without string concatenation; the channel appends
    /// the &lt;CR&gt; terminator (ITU-T V.250 section 5.2.1).
    /// </summary>
    public sealed class AtCommand
    {
        private readonly byte[] _buffer;
        private int _length;

        public AtCommand(int capacity)
        {
            _buffer = new byte[capacity + 1];
        }

        public byte[] Buffer => _buffer;

        public int Length => _length;

        public AtCommand Begin(string text)
        {
            _length = 0;
            return Append(text);
        }

        /// <summary>Appends printable ASCII (command names and separators).</summary>
        public AtCommand Append(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < ' ' || c > '~')
                {
                    throw new ModemException(ModemErrorKind.InvalidArgument, -1, "non-printable character in an AT command");
                }

                Put((byte)c);
            }

            return this;
        }

        public AtCommand Append(int value)
        {
            if (value < 0)
            {
                Put((byte)'-');
                value = -value;
            }

            int divisor = 1;
            while (value / divisor >= 10)
            {
                divisor *= 10;
            }

            while (divisor > 0)
            {
                Put((byte)('0' + ((value / divisor) % 10)));
                divisor /= 10;
            }

            return this;
        }

        public AtCommand Comma()
        {
            Put((byte)',');
            return this;
        }

        /// <summary>
        /// A "string" parameter (V.250 section 5.4.2.2). The SIMCom parser has no escape for '"', so a value containing
        /// one (or a control character) is refused rather than sent truncated.
        /// </summary>
        public AtCommand Quoted(string value)
        {
            if (value == null)
            {
                throw new ModemException(ModemErrorKind.InvalidArgument, -1, "missing string parameter");
            }

            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] == '"' || value[i] < ' ')
                {
                    throw new ModemException(ModemErrorKind.InvalidArgument, -1, "a quote or control character cannot be sent in an AT string");
                }
            }

            Put((byte)'"');
            if (_length + (value.Length * 3) + 1 > _buffer.Length - 1)
            {
                throw new ModemException(ModemErrorKind.InvalidArgument, -1, "AT command too long");
            }

            _length += Encoding.UTF8.GetBytes(value, 0, value.Length, _buffer, _length);
            Put((byte)'"');
            return this;
        }

        /// <summary>Adds the terminator and returns the number of bytes to write.</summary>
        internal int Terminate()
        {
            _buffer[_length] = (byte)'\r';
            return _length + 1;
        }

        private void Put(byte b)
        {
            // One byte stays reserved for the terminator.
            if (_length == _buffer.Length - 1)
            {
                throw new ModemException(ModemErrorKind.InvalidArgument, -1, "AT command too long");
            }

            _buffer[_length++] = b;
        }
    }
}
