using OpenAmi.Platform;

namespace OpenAmi.Cellular.At
{
    /// <summary>
    /// Splits the modem's byte stream into lines (V.250 section 5.7.1: responses are framed by &lt;CR&gt;&lt;LF&gt;), the
    /// "&gt;" data prompt, and counted raw data, from one fixed receive buffer and one fixed line buffer. A partial line
    /// survives a timeout; an over-long line is dropped whole and counted, never delivered truncated.
    /// </summary>
    public sealed class AtLineReader
    {
        private const int MaxReadsPastDeadline = 64;

        private readonly IByteLink _port;
        private readonly IMonotonicClock _clock;
        private readonly byte[] _rx = new byte[128];
        private readonly byte[] _line;
        private int _rxPosition;
        private int _rxLength;
        private int _lineLength;
        private bool _lineDelivered;
        private bool _overflow;
        private bool _skipLineFeed;
        private int _readsPastDeadline;

        public AtLineReader(IByteLink port, IMonotonicClock clock, int lineCapacity)
        {
            _port = port;
            _clock = clock;
            _line = new byte[lineCapacity];
        }

        public byte[] Line => _line;

        public int LineLength => _lineLength;

        /// <summary>The receive buffer that <see cref="NextRaw"/> offsets point into.</summary>
        public byte[] RawBuffer => _rx;

        /// <summary>Lines longer than the line buffer, dropped.</summary>
        public int OverlongLines { get; private set; }

        /// <summary>The next line or prompt, or <see cref="AtToken.None"/> once <paramref name="deadlineMs"/> passes.</summary>
        public AtToken Next(long deadlineMs, bool promptAllowed)
        {
            if (_lineDelivered)
            {
                _lineLength = 0;
                _lineDelivered = false;
            }

            _readsPastDeadline = 0;
            while (true)
            {
                if (!Fill(deadlineMs))
                {
                    return AtToken.None;
                }

                byte b = _rx[_rxPosition++];
                if (_skipLineFeed)
                {
                    _skipLineFeed = false;
                    if (b == (byte)'\n')
                    {
                        continue;
                    }
                }

                if (b == (byte)'\r' || b == (byte)'\n')
                {
                    _skipLineFeed = b == (byte)'\r';
                    if (_overflow)
                    {
                        _overflow = false;
                        _lineLength = 0;
                        OverlongLines++;
                        continue;
                    }

                    if (_lineLength > 0)
                    {
                        _lineDelivered = true;
                        return AtToken.Line;
                    }

                    continue;
                }

                if (_lineLength == 0 && !_overflow)
                {
                    if (b == (byte)'>' && promptAllowed)
                    {
                        return AtToken.Prompt;
                    }

                    if (b == (byte)' ')
                    {
                        // Responses never start with a space; SIMCom follows its prompt with one.
                        continue;
                    }
                }

                if (_lineLength == _line.Length)
                {
                    _overflow = true;
                    continue;
                }

                if (!_overflow)
                {
                    _line[_lineLength++] = b;
                }
            }
        }

        /// <summary>
        /// Up to <paramref name="max"/> raw bytes that follow the last line, in the reader's receive buffer; returns the
        /// count (0 at the deadline) and the offset of the first byte.
        /// </summary>
        public int NextRaw(long deadlineMs, int max, out int offset)
        {
            _readsPastDeadline = 0;
            offset = 0;
            while (true)
            {
                if (!Fill(deadlineMs))
                {
                    return 0;
                }

                if (_skipLineFeed)
                {
                    _skipLineFeed = false;
                    if (_rx[_rxPosition] == (byte)'\n')
                    {
                        _rxPosition++;
                        continue;
                    }
                }

                int available = _rxLength - _rxPosition;
                int n = available < max ? available : max;
                offset = _rxPosition;
                _rxPosition += n;
                return n;
            }
        }

        private bool Fill(long deadlineMs)
        {
            if (_rxPosition < _rxLength)
            {
                return true;
            }

            long wait = deadlineMs - _clock.NowMs;
            if (wait <= 0)
            {
                // Zero-wait reads after the deadline finish what already arrived, but a modem that never stops talking
                // cannot hold the caller past its deadline for more than a bounded number of reads.
                if (_readsPastDeadline == MaxReadsPastDeadline)
                {
                    return false;
                }

                _readsPastDeadline++;
                wait = 0;
            }

            int n = _port.Read(_rx, 0, _rx.Length, (int)wait);
            if (n <= 0)
            {
                return false;
            }

            _rxPosition = 0;
            _rxLength = n;
            return true;
        }
    }
}
