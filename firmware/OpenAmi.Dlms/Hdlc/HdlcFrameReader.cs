namespace OpenAmi.Dlms.Hdlc
{
    /// <summary>
    /// Accumulates received bytes and hands out whole frames, resynchronising after garbage. The buffer is
    /// owned by the reader and sized once (two of the longest frames expected), so steady-state decoding allocates
    /// nothing. A frame whose length field says more than the buffer holds is dropped as garbage.
    /// </summary>
    public sealed class HdlcFrameReader
    {
        private readonly byte[] _buffer;
        private int _start;
        private int _count;

        /// <param name="capacity">Buffer bytes; 0 or less for two of the longest frames the format allows (any peer).</param>
        public HdlcFrameReader(int capacity)
        {
            _buffer = new byte[capacity > 0 ? capacity : CapacityFor(HdlcCodec.MaxFrameLength)];
        }

        /// <summary>Room for two frames (flags included) carrying up to <paramref name="maxInfoLength"/> information bytes each.</summary>
        public static int CapacityFor(int maxInfoLength)
        {
            return 2 * (HdlcCodec.FrameLengthFor(maxInfoLength) + 2);
        }

        /// <summary>Bytes dropped while resynchronising (noise, truncated or foreign frames).</summary>
        public int DiscardedBytes { get; private set; }

        public int Buffered => _count;

        /// <summary>Where the next received bytes should be written, and how many fit.</summary>
        public int FreeOffset
        {
            get
            {
                Compact();
                return _start + _count;
            }
        }

        public int FreeCount => _buffer.Length - _start - _count;

        public byte[] Storage => _buffer;

        /// <summary>Declares that <paramref name="n"/> bytes were written at <see cref="FreeOffset"/>.</summary>
        public void Commit(int n) => _count += n;

        /// <summary>Copies bytes in (for callers that receive into their own buffer).</summary>
        public void Append(byte[] data, int offset, int count)
        {
            Compact();
            if (count > FreeCount)
            {
                // Oldest bytes cannot form a frame that fits anyway: drop them rather than fail.
                int drop = count - FreeCount;
                if (drop > _count)
                {
                    drop = _count;
                }

                _start += drop;
                _count -= drop;
                DiscardedBytes += drop;
                Compact();
                if (count > FreeCount)
                {
                    offset += count - FreeCount;
                    count = FreeCount;
                }
            }

            System.Array.Copy(data, offset, _buffer, _start + _count, count);
            _count += count;
        }

        /// <summary>
        /// Next complete frame (valid or not) into <paramref name="frame"/>, or false when more bytes are needed.
        /// The frame views the reader's buffer and stays valid until the next call that changes the buffer.
        /// </summary>
        public bool TryRead(HdlcFrame frame)
        {
            while (_count > 0)
            {
                var result = HdlcCodec.Scan(_buffer, _start, _count, frame, out int consumed);
                if (result == HdlcScanResult.Frame)
                {
                    _start += consumed;
                    _count -= consumed;
                    return true;
                }

                if (result == HdlcScanResult.NeedMore)
                {
                    _start += consumed;
                    _count -= consumed;
                    if (_start + _count == _buffer.Length && _start == 0)
                    {
                        // A full buffer that still "needs more" is a bogus length: skip its flag.
                        _start++;
                        _count--;
                        DiscardedBytes++;
                        continue;
                    }

                    return false;
                }

                // A lone flag is a closing or fill flag, not noise.
                if (consumed != 1 || _buffer[_start] != HdlcCodec.Flag)
                {
                    DiscardedBytes += consumed;
                }

                _start += consumed;
                _count -= consumed;
            }

            return false;
        }

        public void Clear()
        {
            _start = 0;
            _count = 0;
        }

        private void Compact()
        {
            if (_start == 0)
            {
                return;
            }

            if (_count > 0)
            {
                System.Array.Copy(_buffer, _start, _buffer, 0, _count);
            }

            _start = 0;
        }
    }
}
