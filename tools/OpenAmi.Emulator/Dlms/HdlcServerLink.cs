using OpenAmi.Dlms;
using OpenAmi.Dlms.Hdlc;

namespace OpenAmi.Emulator.Dlms;

/// <summary>
/// The secondary-station (meter) side of IEC 62056-46: answers SNRM/DISC, acknowledges segments, reassembles
/// requests, splits answers into frames of the negotiated size and window, repeats its last window when the
/// client repeats a request (lost answer) and resends from N(R) when the client polls with an old N(R).
/// </summary>
internal sealed class HdlcServerLink
{
    private readonly MeterProfile _profile;
    private readonly Func<byte[], byte[]?> _application;
    private readonly Action<byte[]> _send;
    private readonly MemoryStream _request = new();
    private readonly Queue<(byte[] Info, bool Last)> _pending = new();
    private List<byte[]> _lastWindow = new();
    private HdlcAddress _client;
    private bool _connected;
    private int _vs;
    private int _lastWindowVs;
    private int _vr;
    private int _maxInfoTx = 128;
    private int _windowTx = 1;

    public HdlcServerLink(MeterProfile profile, Func<byte[], byte[]?> application, Action<byte[]> send)
    {
        _profile = profile;
        _application = application;
        _send = send;
    }

    public bool Connected => _connected;
    public event Action? LinkReset;

    public bool IsForMe(HdlcFrame f) =>
        _profile.ServerAddress.SameAs(f.DestinationUpper, f.DestinationLower, f.DestinationSize) && f.SourceSize == 1;

    /// <summary>The link dropped without a frame (the meter's inactivity timeout ran out): disconnected, association gone.</summary>
    public void Drop()
    {
        _connected = false;
        LinkReset?.Invoke();
    }

    public void OnFrame(HdlcFrame f)
    {
        switch (f.Type)
        {
            case HdlcFrameType.SNRM:
                OnSnrm(f);
                break;
            case HdlcFrameType.DISC:
                Send(_connected ? HdlcControl.Unnumbered(HdlcControl.Ua, true) : HdlcControl.Unnumbered(HdlcControl.Dm, true), null);
                _connected = false;
                LinkReset?.Invoke();
                break;
            case HdlcFrameType.I:
                OnInformation(f);
                break;
            case HdlcFrameType.RR:
                OnReceiveReady(f);
                break;
        }
    }

    private void OnSnrm(HdlcFrame f)
    {
        _client = HdlcAddress.Client(f.SourceUpper);
        HdlcParameters proposal;
        try
        {
            proposal = HdlcParameters.Parse(f.Buffer, f.InfoOffset, f.InfoCount);
        }
        catch (DlmsException)
        {
            Send(HdlcControl.Unnumbered(HdlcControl.Frmr, true), null);
            return;
        }

        _maxInfoTx = Math.Min(_profile.MaxInfoLength, proposal.MaxInfoReceive);
        int maxInfoRx = Math.Min(_profile.MaxInfoLength, proposal.MaxInfoTransmit);
        _windowTx = Math.Max(1, Math.Min(_profile.Window, proposal.WindowReceive));
        int windowRx = Math.Max(1, Math.Min(_profile.Window, proposal.WindowTransmit));
        var agreed = new HdlcParameters { MaxInfoTransmit = _maxInfoTx, MaxInfoReceive = maxInfoRx, WindowTransmit = _windowTx, WindowReceive = windowRx };
        var info = new byte[32];
        int n = agreed.Write(info, 0);
        _connected = true;
        _vs = 0;
        _vr = 0;
        _pending.Clear();
        _lastWindow.Clear();
        _request.SetLength(0);
        LinkReset?.Invoke(); // a new link starts a new association
        Send(HdlcControl.Unnumbered(HdlcControl.Ua, true), info[..n]);
    }

    private void OnInformation(HdlcFrame f)
    {
        if (!_connected)
        {
            Send(HdlcControl.Unnumbered(HdlcControl.Dm, true), null);
            return;
        }

        if (f.SendSequence != _vr)
        {
            // The client repeated a request whose answer it lost: repeat the answer.
            if (((f.SendSequence + 1) & 7) == _vr && _lastWindow.Count > 0)
            {
                foreach (var frame in _lastWindow)
                {
                    _send(frame);
                }
            }

            return;
        }

        _vr = (_vr + 1) & 7;
        _request.Write(f.Buffer, f.InfoOffset, f.InfoCount);
        if (f.Segmented)
        {
            if (f.PollFinal)
            {
                SendAndRemember(HdlcControl.ReceiveReady(_vr, true), null, false);
            }

            return;
        }

        var request = _request.ToArray();
        _request.SetLength(0);
        if (request.Length < 3 || request[0] != 0xE6 || request[1] != 0xE6 || request[2] != 0x00)
        {
            Send(HdlcControl.Unnumbered(HdlcControl.Frmr, true), null);
            return;
        }

        var answer = _application(request[3..]);
        if (answer == null)
        {
            return;
        }

        var payload = new byte[answer.Length + 3];
        payload[0] = 0xE6;
        payload[1] = 0xE7;
        Array.Copy(answer, 0, payload, 3, answer.Length);
        _pending.Clear();
        for (int at = 0; at < payload.Length; at += _maxInfoTx)
        {
            int n = Math.Min(_maxInfoTx, payload.Length - at);
            _pending.Enqueue((payload[at..(at + n)], at + n == payload.Length));
        }

        SendWindow();
    }

    private void OnReceiveReady(HdlcFrame f)
    {
        if (!_connected)
        {
            Send(HdlcControl.Unnumbered(HdlcControl.Dm, true), null);
            return;
        }

        if (f.ReceiveSequence == _vs && _pending.Count > 0)
        {
            SendWindow();
        }
        else if (f.ReceiveSequence != _vs && _lastWindow.Count > 0)
        {
            // N(R) acknowledges every frame before it (IEC 62056-46): resend from the first one the client lacks.
            int from = (f.ReceiveSequence - _lastWindowVs) & 7;
            for (int i = from < _lastWindow.Count ? from : 0; i < _lastWindow.Count; i++)
            {
                _send(_lastWindow[i]);
            }
        }
        else
        {
            Send(HdlcControl.ReceiveReady(_vr, true), null);
        }
    }

    private void SendWindow()
    {
        _lastWindow = new List<byte[]>();
        _lastWindowVs = _vs;
        for (int i = 0; i < _windowTx && _pending.Count > 0; i++)
        {
            var (info, last) = _pending.Dequeue();
            bool final = last || i == _windowTx - 1 || _pending.Count == 0;
            byte control = HdlcControl.Information(_vs, _vr, final);
            _vs = (_vs + 1) & 7;
            SendAndRemember(control, info, !last);
        }
    }

    private void Send(byte control, byte[]? info) => _send(Build(control, info, false));

    private void SendAndRemember(byte control, byte[]? info, bool segmented)
    {
        var frame = Build(control, info, segmented);
        if ((control & 1) == 0)
        {
            _lastWindow.Add(frame);
        }

        _send(frame);
    }

    private byte[] Build(byte control, byte[]? info, bool segmented)
    {
        var buffer = new byte[HdlcCodec.MaxFrameLength + 2];
        int n = HdlcCodec.Encode(buffer, 0, _client, _profile.ServerAddress, control, segmented, info ?? buffer, 0, info?.Length ?? 0);
        return buffer[..n];
    }
}
