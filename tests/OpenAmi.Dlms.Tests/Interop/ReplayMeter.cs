using OpenAmi.Platform;

namespace OpenAmi.Dlms.Tests.Interop;

/// <summary>The replay went off the recording: the client sent something the recorded meter never saw.</summary>
public sealed class ReplayMismatchException(string message) : Exception(message);

/// <summary>
/// Plays the meter side of a <see cref="Recording"/> behind the client's <see cref="IByteLink"/>. Each client write
/// (one HDLC frame or one IEC 62056-21 message) must equal the recorded client frame at the cursor — the same
/// HDLC kind, P/F, segmentation, addresses, N(S)/N(R) and APDU (for glo- APDUs the same plain APDU under the same
/// invocation counter) — and is answered with the recorded meter frames up to the next client frame. Two client
/// frames in a row are silence. Time is simulated: a read with nothing queued returns at once, empty.
/// </summary>
public sealed class ReplayMeter : IByteLink
{
    private const byte DiscControl = 0x53;
    private readonly RecordedFrame[] _frames;
    private readonly Queue<byte[]> _pending = new();
    private int _cursor;
    private int _pendingOffset;
    private int _baud = 9600;
    private LineFormat _format = LineFormat.EightNoneOne;

    public ReplayMeter(Recording recording)
    {
        _frames = recording.Frames;
    }

    /// <summary>The client closed early with DISC (allowed in deviation cases) and got the recorded final UA.</summary>
    public bool EndedEarly { get; private set; }

    /// <summary>Every recorded frame was played.</summary>
    public bool Complete => _cursor == _frames.Length;

    /// <summary>The client frame that left the recording, if any.</summary>
    public byte[]? Unmatched { get; private set; }

    /// <summary>Recorded frames (by n) the client sent.</summary>
    public List<int> MatchedClientFrames { get; } = new();

    public void Write(byte[] buffer, int offset, int count)
    {
        var sent = buffer.AsSpan(offset, count).ToArray();
        if (EndedEarly || _cursor >= _frames.Length)
        {
            throw new ReplayMismatchException("client frame after the end of the recording: " + Convert.ToHexString(sent));
        }

        var expected = _frames[_cursor];
        if (!expected.FromClient)
        {
            throw new ReplayMismatchException($"frame {expected.N}: client sent {Convert.ToHexString(sent)} while the meter was still to answer");
        }

        if (!sent.AsSpan().SequenceEqual(expected.Bytes))
        {
            if (IsDisc(sent) && !IsDisc(expected.Bytes))
            {
                // Early end: answer with the recorded final UA.
                _pending.Enqueue(_frames[^1].Bytes);
                EndedEarly = true;
                return;
            }

            Unmatched = sent;
            throw new ReplayMismatchException($"frame {expected.N}: expected {Convert.ToHexString(expected.Bytes)}, client sent {Convert.ToHexString(sent)}");
        }

        if (expected.Baud is int baud && (baud != _baud || expected.Format != _format))
        {
            throw new ReplayMismatchException($"frame {expected.N}: sent at {_baud} Bd {_format}, recorded at {baud} Bd {expected.Format}");
        }

        MatchedClientFrames.Add(expected.N);
        _cursor++;
        while (_cursor < _frames.Length && !_frames[_cursor].FromClient)
        {
            _pending.Enqueue(_frames[_cursor++].Bytes);
        }
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        if (_pending.Count == 0 || count <= 0)
        {
            return 0;
        }

        var head = _pending.Peek();
        int n = Math.Min(count, head.Length - _pendingOffset);
        Array.Copy(head, _pendingOffset, buffer, offset, n);
        _pendingOffset += n;
        if (_pendingOffset == head.Length)
        {
            _pending.Dequeue();
            _pendingOffset = 0;
        }

        return n;
    }

    public void Configure(int baudRate, LineFormat format)
    {
        _baud = baudRate;
        _format = format;
    }

    public void DiscardInput()
    {
        _pending.Clear();
        _pendingOffset = 0;
    }

    public void Delay(int milliseconds)
    {
    }

    /// <summary>An HDLC frame whose control field (after the format field and both addresses) is DISC with P set.</summary>
    private static bool IsDisc(byte[] frame)
    {
        if (frame.Length < 6 || frame[0] != 0x7E)
        {
            return false;
        }

        int at = 3;
        for (int address = 0; address < 2; address++)
        {
            while (at < frame.Length && (frame[at] & 1) == 0)
            {
                at++;
            }

            at++;
        }

        return at < frame.Length && frame[at] == DiscControl;
    }
}
