using OpenAmi.Platform;

namespace OpenAmi.Dlms.Link
{
    /// <summary>
    /// Wraps a link whose receiver may hear its own transmitter (many optical heads, RS-485 adapters without
    /// receiver disable). After a write it reads back as many bytes as were written: only when all of them equal
    /// what was sent are they dropped as the echo. Anything else — silence, or a reply that merely starts like the
    /// request, as "/GRX…" after "/?!" or a UA after an SNRM — is handed to the caller byte for byte. The first
    /// write decides: a line that did not echo it is taken as echo-free and later writes are not waited on.
    /// </summary>
    public sealed class EchoSuppressingLink : IByteLink
    {
        private const int Unknown = 0, Echoing = 1, EchoFree = 2;
        private readonly IByteLink _inner;
        private readonly byte[] _echo;
        private readonly byte[] _heard;
        private readonly int _echoTimeoutMs;
        private int _mode;
        private int _heardCount;
        private int _heardOffset;

        public EchoSuppressingLink(IByteLink inner, int maxWrite, int echoTimeoutMs)
        {
            _inner = inner;
            _echo = new byte[maxWrite];
            _heard = new byte[maxWrite];
            _echoTimeoutMs = echoTimeoutMs;
        }

        /// <summary>Echo bytes that never came back (line without echo, or echo lost).</summary>
        public int MissingEchoBytes { get; private set; }

        /// <summary>True once a write came back complete; false while unknown or on an echo-free line.</summary>
        public bool EchoDetected => _mode == Echoing;

        public void Write(byte[] buffer, int offset, int count)
        {
            _inner.Write(buffer, offset, count);
            if (_mode == EchoFree)
            {
                return;
            }

            int keep = count < _echo.Length ? count : _echo.Length;
            System.Array.Copy(buffer, offset + count - keep, _echo, 0, keep);
            ListenForEcho(keep);
        }

        private void ListenForEcho(int expected)
        {
            // Bytes not yet delivered from an earlier listen would be lost below: keep them in front.
            int start = _heardCount - _heardOffset;
            if (start > 0 && _heardOffset > 0)
            {
                System.Array.Copy(_heard, _heardOffset, _heard, 0, start);
            }

            _heardOffset = 0;
            _heardCount = start;
            int matched = 0;
            while (matched < expected && _heardCount < _heard.Length)
            {
                if (_inner.Read(_heard, _heardCount, 1, _echoTimeoutMs) == 0)
                {
                    break;
                }

                bool same = _heard[_heardCount] == _echo[matched];
                _heardCount++;
                if (!same)
                {
                    break;
                }

                matched++;
            }

            if (matched == expected)
            {
                _mode = Echoing;
                _heardCount = start;
                return;
            }

            MissingEchoBytes += expected;
            if (_mode == Unknown)
            {
                _mode = EchoFree;
            }
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (count <= 0)
            {
                return 0;
            }

            int held = _heardCount - _heardOffset;
            if (held > 0)
            {
                int n = held < count ? held : count;
                System.Array.Copy(_heard, _heardOffset, buffer, offset, n);
                _heardOffset += n;
                return n;
            }

            return _inner.Read(buffer, offset, count, timeoutMs);
        }

        public void Configure(int baudRate, LineFormat format) => _inner.Configure(baudRate, format);

        public void DiscardInput()
        {
            _heardCount = 0;
            _heardOffset = 0;
            _inner.DiscardInput();
        }

        public void Delay(int milliseconds) => _inner.Delay(milliseconds);
    }
}
