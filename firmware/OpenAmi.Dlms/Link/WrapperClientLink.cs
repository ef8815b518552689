using OpenAmi.Platform;

namespace OpenAmi.Dlms.Link
{
    /// <summary>
    /// The client side of the IEC 62056-47 wrapper over a byte stream (a TCP connection as an <see cref="IByteLink"/>).
    /// TCP already delivers in order and without loss, so there is no sequence numbering and no retry: a missing
    /// answer is a <see cref="DlmsErrorCode.Timeout"/>, a wrong header a <see cref="DlmsErrorCode.LinkProtocol"/> error.
    /// </summary>
    public sealed class WrapperClientLink : IApduTransport
    {
        private readonly IByteLink _link;
        private readonly WrapperSettings _settings;
        private readonly byte[] _header = new byte[WrapperCodec.HeaderLength];

        public WrapperClientLink(IByteLink link, WrapperSettings settings)
        {
            _link = link;
            _settings = settings;
        }

        public WrapperSettings Settings => _settings;

        public void Connect()
        {
            _link.DiscardInput();
        }

        public void Disconnect()
        {
        }

        public int Exchange(byte[] request, int offset, int count, byte[] response, int responseOffset)
        {
            if (offset < WrapperCodec.HeaderLength)
            {
                throw new DlmsException(DlmsErrorCode.BufferTooSmall, "request needs 8 bytes of headroom for the wrapper header");
            }

            int start = offset - WrapperCodec.HeaderLength;
            WrapperCodec.WriteHeader(_settings.ClientPort, _settings.ServerPort, count, request, start);
            _link.Write(request, start, count + WrapperCodec.HeaderLength);
            ReadExactly(_header, 0, WrapperCodec.HeaderLength, _settings.ResponseTimeoutMs, "wrapper header");
            int source;
            int destination;
            int length = WrapperCodec.ReadHeader(_header, 0, out source, out destination);
            if (source != _settings.ServerPort || destination != _settings.ClientPort)
            {
                throw new DlmsException(DlmsErrorCode.LinkProtocol, "answer from wPort " + source.ToString() + " to " + destination.ToString() +
                    ", expected " + _settings.ServerPort.ToString() + " to " + _settings.ClientPort.ToString());
            }

            if (length > response.Length - responseOffset)
            {
                throw new DlmsException(DlmsErrorCode.LimitExceeded, "wrapped answer of " + length.ToString() + " bytes exceeds the receive buffer");
            }

            ReadExactly(response, responseOffset, length, _settings.InterByteTimeoutMs, "wrapped APDU");
            return length;
        }

        private void ReadExactly(byte[] buffer, int offset, int count, int firstTimeoutMs, string what)
        {
            int got = 0;
            int timeout = firstTimeoutMs;
            while (got < count)
            {
                int n = _link.Read(buffer, offset + got, count - got, timeout);
                if (n == 0)
                {
                    throw new DlmsException(DlmsErrorCode.Timeout, got == 0 ? "no " + what + " from the meter"
                        : what + " incomplete (" + got.ToString() + " of " + count.ToString() + " bytes)");
                }

                got += n;
                timeout = _settings.InterByteTimeoutMs;
            }
        }
    }
}
