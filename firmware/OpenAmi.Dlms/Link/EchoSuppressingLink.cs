namespace OpenAmi.Dlms.Link
{
    /// <summary>
    /// Wraps a link whose receiver hears its own transmitter (many optical heads, RS-485 adapters without
    /// receiver disable): after each write, the same bytes are read back and dropped before the caller sees
    /// anything. A mismatching byte ends suppression and is delivered, so a reply is never lost.
    /// </summary>
    public sealed class EchoSuppressingLink : IByteLink
    {
        private readonly IByteLink _inner;
        private readonly byte[] _echo;
        private readonly int _echoTimeoutMs;
        private int _pendingEcho;
        private int _pendingOffset;
        private readonly byte[] _one = new byte[1];
        private int _held = -1;

        public EchoSuppressingLink(IByteLink inner, int maxWrite, int echoTimeoutMs)
        {
            _inner = inner;
            _echo = new byte[maxWrite];
            _echoTimeoutMs = echoTimeoutMs;
        }

        /// <summary>Echo bytes that never came back (line without echo, or echo lost).</summary>
        public int MissingEchoBytes { get; private set; }

        public void Write(byte[] buffer, int offset, int count)
        {
            _inner.Write(buffer, offset, count);
            int keep = count < _echo.Length ? count : _echo.Length;
            System.Array.Copy(buffer, offset + count - keep, _echo, 0, keep);
            _pendingEcho = keep;
            _pendingOffset = 0;
            SwallowEcho();
        }

        private void SwallowEcho()
        {
            while (_pendingEcho > 0)
            {
                int n = _inner.Read(_one, 0, 1, _echoTimeoutMs);
                if (n == 0)
                {
                    MissingEchoBytes += _pendingEcho;
                    _pendingEcho = 0;
                    return;
                }

                if (_one[0] != _echo[_pendingOffset])
                {
                    _held = _one[0];
                    MissingEchoBytes += _pendingEcho;
                    _pendingEcho = 0;
                    return;
                }

                _pendingOffset++;
                _pendingEcho--;
            }
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (count <= 0)
            {
                return 0;
            }

            if (_held >= 0)
            {
                buffer[offset] = (byte)_held;
                _held = -1;
                return 1;
            }

            return _inner.Read(buffer, offset, count, timeoutMs);
        }

        public void Configure(int baudRate, LineFormat format) => _inner.Configure(baudRate, format);

        public void DiscardInput()
        {
            _held = -1;
            _inner.DiscardInput();
        }

        public void Delay(int milliseconds) => _inner.Delay(milliseconds);
    }
}
