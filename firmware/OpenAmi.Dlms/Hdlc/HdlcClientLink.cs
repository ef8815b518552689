using System;
using OpenAmi.Dlms.Link;
using OpenAmi.Platform;

namespace OpenAmi.Dlms.Hdlc
{
    /// <summary>
    /// The client (primary station) side of an IEC 62056-46 connection over one <see cref="IByteLink"/>:
    /// SNRM/UA with parameter negotiation, I-frame exchange with N(S)/N(R), segmentation both ways with the
    /// negotiated window, RR polling, retries on silence or corrupt frames, DISC. The LLC header
    /// (E6 E6 00 out, E6 E7 00 in) is added and stripped here.
    /// Buffers are allocated once in the constructor, sized from the information field lengths the settings propose
    /// (the meter may only lower them; without negotiation both sides use the default 128); an exchange allocates nothing.
    /// </summary>
    public sealed class HdlcClientLink : IApduTransport
    {
        /// <summary>Bytes a request must leave free before its offset: the LLC header is written there.</summary>
        public const int RequestHeadroom = 3;

        private readonly IByteLink _link;
        private readonly HdlcSettings _settings;
        /// <summary>The negotiation field of an SNRM: at most 4 parameters of up to 6 bytes behind a 3-byte group header.</summary>
        private const int ParametersLength = 32;

        private readonly HdlcFrameReader _reader;
        private readonly HdlcFrame _frame = new HdlcFrame();
        private readonly byte[] _tx;
        private readonly byte[] _params = new byte[ParametersLength];
        private readonly int _maxInfoTransmit;
        private readonly int _maxInfoReceive;
        private int _vs;
        private int _vr;

        public HdlcClientLink(IByteLink link, HdlcSettings settings)
        {
            _link = link;
            _settings = settings;
            _maxInfoTransmit = Clip(settings.MaxInfoTransmit);
            _maxInfoReceive = Clip(settings.MaxInfoReceive);
            int longestSent = _maxInfoTransmit > ParametersLength ? _maxInfoTransmit : ParametersLength;
            int longestReceived = settings.NegotiateParameters || _maxInfoReceive > HdlcParameters.DefaultInfoLength
                ? _maxInfoReceive : HdlcParameters.DefaultInfoLength;
            _tx = new byte[HdlcCodec.FrameLengthFor(longestSent) + 2];
            _reader = new HdlcFrameReader(HdlcFrameReader.CapacityFor(longestReceived));
        }

        public HdlcSettings Settings => _settings;
        public bool Connected { get; private set; }
        public int MaxInfoTransmit { get; private set; } = HdlcParameters.DefaultInfoLength;
        public int MaxInfoReceive { get; private set; } = HdlcParameters.DefaultInfoLength;
        public int WindowTransmit { get; private set; } = 1;
        public int WindowReceive { get; private set; } = 1;
        /// <summary>Frames sent again after a timeout or a corrupt answer.</summary>
        public int Retransmissions { get; private set; }
        /// <summary>Received frames dropped for a bad HCS/FCS or for being addressed to someone else.</summary>
        public int RejectedFrames { get; private set; }
        public int DiscardedBytes => _reader.DiscardedBytes;

        /// <summary>SNRM → UA; negotiates information field lengths and window sizes.</summary>
        public void Connect()
        {
            _reader.Clear();
            int infoCount = 0;
            if (_settings.NegotiateParameters)
            {
                var proposal = new HdlcParameters
                {
                    MaxInfoTransmit = _maxInfoTransmit,
                    MaxInfoReceive = _maxInfoReceive,
                    WindowTransmit = _settings.WindowTransmit,
                    WindowReceive = _settings.WindowReceive,
                };
                infoCount = proposal.Write(_params, 0);
            }

            int length = HdlcCodec.Encode(_tx, 0, _settings.Server, _settings.Client,
                HdlcControl.Unnumbered(HdlcControl.Snrm, true), false, _params, 0, infoCount);
            for (int attempt = 0; attempt <= _settings.Retries; attempt++)
            {
                if (attempt > 0)
                {
                    Retransmissions++;
                }

                _link.Write(_tx, 0, length);
                if (!ReceiveFrame(_settings.ResponseTimeoutMs))
                {
                    continue;
                }

                if (_frame.Type == HdlcFrameType.DM)
                {
                    throw new DlmsException(DlmsErrorCode.LinkRefused, "meter answered SNRM with DM (link refused)");
                }

                if (_frame.Type != HdlcFrameType.UA)
                {
                    continue;
                }

                var agreed = HdlcParameters.Parse(_frame.Buffer, _frame.InfoOffset, _frame.InfoCount);
                MaxInfoTransmit = Min(_maxInfoTransmit, agreed.MaxInfoReceive);
                MaxInfoReceive = Min(_maxInfoReceive, agreed.MaxInfoTransmit);
                WindowTransmit = Clamp(Min(_settings.WindowTransmit, agreed.WindowReceive));
                WindowReceive = Clamp(Min(_settings.WindowReceive, agreed.WindowTransmit));
                _vs = 0;
                _vr = 0;
                Connected = true;
                return;
            }

            throw new DlmsException(DlmsErrorCode.Timeout, "no UA to SNRM after retries");
        }

        /// <summary>DISC → UA/DM. The link is considered closed afterwards even if the meter stays silent.</summary>
        public void Disconnect()
        {
            int length = HdlcCodec.Encode(_tx, 0, _settings.Server, _settings.Client,
                HdlcControl.Unnumbered(HdlcControl.Disc, true), false, _tx, 0, 0);
            Connected = false;
            for (int attempt = 0; attempt <= _settings.Retries; attempt++)
            {
                _link.Write(_tx, 0, length);
                if (ReceiveFrame(_settings.ResponseTimeoutMs) &&
                    (_frame.Type == HdlcFrameType.UA || _frame.Type == HdlcFrameType.DM))
                {
                    return;
                }
            }
        }

        /// <summary>
        /// Sends one APDU and returns the length of the answer APDU written at response[responseOffset].
        /// request[offset - 3 .. offset) is overwritten with the LLC header.
        /// </summary>
        public int Exchange(byte[] request, int offset, int count, byte[] response, int responseOffset)
        {
            if (!Connected)
            {
                throw new DlmsException(DlmsErrorCode.NotSupported, "HDLC link is not connected");
            }

            if (offset < RequestHeadroom)
            {
                throw new DlmsException(DlmsErrorCode.BufferTooSmall, "request needs 3 bytes of headroom for the LLC header");
            }

            int start = offset - RequestHeadroom;
            request[start] = 0xE6;
            request[start + 1] = 0xE6;
            request[start + 2] = 0x00;
            int total = count + RequestHeadroom;
            int sent = 0;
            while (true)
            {
                int windowStart = sent;
                int windowVs = _vs;
                bool lastWindow = SendWindow(request, start, total, ref sent);
                if (lastWindow)
                {
                    return ReceiveResponse(request, start + windowStart, sent - windowStart, windowVs, response, responseOffset);
                }

                AwaitAcknowledgement(request, start, total, windowStart, ref sent, windowVs);
            }
        }

        private bool SendWindow(byte[] request, int start, int total, ref int sent)
        {
            for (int framesInWindow = 0; framesInWindow < WindowTransmit; framesInWindow++)
            {
                int chunk = Min(MaxInfoTransmit, total - sent);
                bool last = sent + chunk == total;
                bool poll = last || framesInWindow == WindowTransmit - 1;
                int length = HdlcCodec.Encode(_tx, 0, _settings.Server, _settings.Client,
                    HdlcControl.Information(_vs, _vr, poll), !last, request, start + sent, chunk);
                _link.Write(_tx, 0, length);
                _vs = (_vs + 1) & 7;
                sent += chunk;
                if (last)
                {
                    return true;
                }
            }

            return false;
        }

        private void AwaitAcknowledgement(byte[] request, int start, int total, int windowStart, ref int sent, int windowVs)
        {
            for (int attempt = 0; attempt <= _settings.Retries; attempt++)
            {
                if (ReceiveFrame(_settings.ResponseTimeoutMs))
                {
                    if (_frame.Type == HdlcFrameType.RR && _frame.ReceiveSequence == _vs)
                    {
                        return;
                    }

                    FailOnLinkError();
                    if (_frame.Type == HdlcFrameType.RNR)
                    {
                        _link.Delay(_settings.InterFrameTimeoutMs);
                    }
                }

                // No (or a wrong) acknowledgement: resend the whole window.
                Retransmissions++;
                _vs = windowVs;
                sent = windowStart;
                SendWindow(request, start, total, ref sent);
            }

            throw new DlmsException(DlmsErrorCode.Timeout, "segment not acknowledged after retries");
        }

        private int ReceiveResponse(byte[] request, int lastWindowAt, int lastWindowCount, int windowVs,
            byte[] response, int responseOffset)
        {
            int received = 0;
            bool anyReceived = false;
            int failures = 0;
            while (true)
            {
                if (!ReceiveFrame(_settings.ResponseTimeoutMs))
                {
                    if (++failures > _settings.Retries)
                    {
                        throw new DlmsException(DlmsErrorCode.Timeout, "no answer from the meter after retries");
                    }

                    Retransmissions++;
                    if (anyReceived)
                    {
                        SendReceiveReady();
                    }
                    else
                    {
                        ResendLastWindow(request, lastWindowAt, lastWindowCount, windowVs);
                    }

                    continue;
                }

                FailOnLinkError();
                if (_frame.Type == HdlcFrameType.RR || _frame.Type == HdlcFrameType.RNR)
                {
                    if (_frame.Type == HdlcFrameType.RNR)
                    {
                        _link.Delay(_settings.InterFrameTimeoutMs);
                        SendReceiveReady();
                    }

                    continue;
                }

                if (_frame.Type != HdlcFrameType.I)
                {
                    continue;
                }

                if (_frame.SendSequence != _vr)
                {
                    // A repeat of a frame we already have: re-acknowledge so the meter moves on.
                    if (_frame.PollFinal)
                    {
                        SendReceiveReady();
                    }

                    continue;
                }

                _vr = (_vr + 1) & 7;
                received = AppendInfo(response, responseOffset, received);
                anyReceived = true;
                failures = 0;
                if (!_frame.Segmented)
                {
                    return StripLlc(response, responseOffset, received);
                }

                if (_frame.PollFinal)
                {
                    SendReceiveReady();
                }
            }
        }

        private int AppendInfo(byte[] response, int responseOffset, int received)
        {
            int n = _frame.InfoCount;
            if (responseOffset + received + n > response.Length)
            {
                throw new DlmsException(DlmsErrorCode.LimitExceeded, "answer larger than the receive buffer");
            }

            Array.Copy(_frame.Buffer, _frame.InfoOffset, response, responseOffset + received, n);
            return received + n;
        }

        private static int StripLlc(byte[] response, int offset, int count)
        {
            if (count < 3 || response[offset] != 0xE6 || response[offset + 1] != 0xE7 || response[offset + 2] != 0x00)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "answer does not start with the LLC header E6 E7 00");
            }

            Array.Copy(response, offset + 3, response, offset, count - 3);
            return count - 3;
        }

        private void ResendLastWindow(byte[] request, int at, int count, int windowVs)
        {
            _vs = windowVs;
            int sent = 0;
            SendWindow(request, at, count, ref sent);
        }

        private void SendReceiveReady()
        {
            int length = HdlcCodec.Encode(_tx, 0, _settings.Server, _settings.Client,
                HdlcControl.ReceiveReady(_vr, true), false, _tx, 0, 0);
            _link.Write(_tx, 0, length);
        }

        private void FailOnLinkError()
        {
            if (_frame.Type == HdlcFrameType.DM || _frame.Type == HdlcFrameType.FRMR)
            {
                Connected = false;
                throw new DlmsException(DlmsErrorCode.LinkProtocol,
                    "meter answered " + HdlcControl.Name(_frame.Type) + ": link no longer connected");
            }

            if (_frame.Type == HdlcFrameType.I || _frame.Type == HdlcFrameType.RR || _frame.Type == HdlcFrameType.RNR)
            {
                _vs = _frame.ReceiveSequence;
            }
        }

        /// <summary>
        /// Waits for the next valid frame from our server to us. Corrupt, foreign and partial frames are
        /// dropped; a partial frame is abandoned after the inter-frame timeout.
        /// </summary>
        private bool ReceiveFrame(int timeoutMs)
        {
            long deadline = Environment.TickCount64 + timeoutMs;

            // A read that returns nothing has used its whole wait; counting those too ends the wait on a link
            // whose time is not the host's (the feeder emulator's simulated line) as it does on a real one.
            long silentMs = 0;
            while (true)
            {
                while (_reader.TryRead(_frame))
                {
                    if (_frame.Valid && IsForUs())
                    {
                        return true;
                    }

                    RejectedFrames++;
                }

                long now = Environment.TickCount64;
                if (now < deadline - timeoutMs + silentMs)
                {
                    now = deadline - timeoutMs + silentMs;
                }

                if (now >= deadline)
                {
                    return false;
                }

                int wait = (int)(deadline - now);
                if (_reader.Buffered > 0 && wait > _settings.InterFrameTimeoutMs)
                {
                    wait = _settings.InterFrameTimeoutMs;
                }

                int at = _reader.FreeOffset;
                int n = _link.Read(_reader.Storage, at, _reader.FreeCount, wait);
                if (n > 0)
                {
                    _reader.Commit(n);
                    continue;
                }

                silentMs += wait;
                if (_reader.Buffered > 0)
                {
                    _reader.Clear();
                }
            }
        }

        private bool IsForUs() =>
            _settings.Client.SameAs(_frame.DestinationUpper, _frame.DestinationLower, _frame.DestinationSize) &&
            _settings.Server.SameAs(_frame.SourceUpper, _frame.SourceLower, _frame.SourceSize);

        private static int Min(int a, int b) => a < b ? a : b;

        /// <summary>An information length a frame can carry: 1 up to what the 11-bit length field leaves.</summary>
        private static int Clip(int maxInfo) =>
            maxInfo < 1 ? HdlcParameters.DefaultInfoLength : Min(maxInfo, HdlcCodec.MaxFrameLength - HdlcCodec.MaxFrameOverhead);

        private static int Clamp(int window) => window < 1 ? 1 : window > 7 ? 7 : window;
    }
}
