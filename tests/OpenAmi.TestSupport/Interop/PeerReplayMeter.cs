using System.Security.Cryptography;
using OpenAmi.Dlms.Hdlc;
using OpenAmi.Platform;

namespace OpenAmi.TestSupport;

/// <summary>
/// Plays Gurux's meter from a <see cref="ProfileRecording"/> to this project's client. The recorded client frames are
/// Gurux's own, so a client write is held to what matters rather than to Gurux's bytes: the same HDLC control field
/// (kind, N(S), N(R), P/F) and segmentation, and for GET-requests and general-block-transfer acknowledgements the
/// same APDU after the invoke-id (so the same attribute and the same selective-access parameters; ciphered requests
/// are compared in plain). AARQ and RLRQ only need the same tag (the proposals differ by design).
/// A meter echoes the request's invoke-id; Gurux's client always used 1, so answers to another invoke-id are
/// re-issued with it (deciphered and ciphered again under the meter's own invocation counter when ciphered).
/// </summary>
public sealed class PeerReplayMeter(ProfileRecording recording) : IByteLink
{
    private const int LlcLength = 3;
    private const byte GetRequestTag = 0xC0, GetResponseTag = 0xC4, GloGetRequestTag = 0xC8, GloGetResponseTag = 0xCC, GeneralBlockTransferTag = 0xE0;
    private readonly (bool FromClient, byte[] Bytes)[] _frames = recording.Frames.Select(f => (f.FromClient, (byte[])f.Bytes.Clone())).ToArray();
    private readonly Queue<byte> _pending = new();
    private int _cursor;

    public bool Complete => _cursor == _frames.Length;

    /// <summary>The client's GET-request APDUs in plain, in order.</summary>
    public List<byte[]> Requests { get; } = new();

    public void Write(byte[] buffer, int offset, int count)
    {
        var sent = buffer.AsSpan(offset, count).ToArray();
        Assert.True(_cursor < _frames.Length, "client frame after the end of the recording: " + Convert.ToHexString(sent));
        var expected = _frames[_cursor].Bytes;
        Assert.True(_frames[_cursor].FromClient, $"frame {_cursor}: client sent {Convert.ToHexString(sent)} while the meter was still to answer");
        int at = ControlAt(expected);
        Assert.True(expected[at] == sent[ControlAt(sent)] && (expected[1] & 0x08) == (sent[1] & 0x08),
            $"frame {_cursor}: HDLC control/segmentation differ: expected {Convert.ToHexString(expected)}, sent {Convert.ToHexString(sent)}");
        byte invokeId = 0xC1;
        if ((expected[at] & 1) == 0)
        {
            invokeId = CompareApdus(Info(expected), Info(sent));
        }

        _cursor++;
        if (invokeId != 0xC1)
        {
            EchoInvokeId(_cursor, invokeId);
        }

        while (_cursor < _frames.Length && !_frames[_cursor].FromClient)
        {
            foreach (var b in _frames[_cursor++].Bytes)
            {
                _pending.Enqueue(b);
            }
        }
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        int n = 0;
        while (n < count && _pending.Count > 0)
        {
            buffer[offset + n++] = _pending.Dequeue();
        }

        return n;
    }

    public void Configure(int baudRate, LineFormat format)
    {
    }

    public void DiscardInput() => _pending.Clear();

    public void Delay(int milliseconds)
    {
    }

    /// <summary>Returns the invoke-id-and-priority of the client's GET-request (0xC1 for anything else).</summary>
    private byte CompareApdus(byte[] recorded, byte[] sent)
    {
        Assert.Equal(recorded[0], sent[0]);
        if (recorded[0] == GloGetRequestTag)
        {
            recorded = Decipher(recorded, recording.ClientSystemTitle);
            sent = Decipher(sent, recording.ClientSystemTitle);
        }

        switch (recorded[0])
        {
            case GetRequestTag:
                Requests.Add(sent);
                Assert.Equal(Convert.ToHexString(recorded, 3, recorded.Length - 3), Convert.ToHexString(sent, 3, sent.Length - 3));
                Assert.Equal(recorded[1], sent[1]);
                return sent[2];
            case 0x60: // AARQ: this client proposes its own context
            case 0x62: // RLRQ
            case 0xCB: // glo-action-request (HLS pass 3): checked by the meter's own f(StoC) verification in the recording
                return 0xC1;
            default:
                Assert.Equal(Convert.ToHexString(recorded), Convert.ToHexString(sent));
                return 0xC1;
        }
    }

    /// <summary>
    /// Rewrites the invoke-id of the get-response that answers the request just matched, every length kept: the
    /// answer's bytes are found through the meter's I-frames from <paramref name="from"/> (the client's RRs and GBT
    /// acknowledgements in between carry nothing of it) — one HDLC-segmented APDU, or the joined data of
    /// general-block-transfer APDUs up to the last block.
    /// </summary>
    private void EchoInvokeId(int from, byte invokeId)
    {
        var answer = new List<(byte[] Frame, int Index)>();
        int next = from;
        while (true)
        {
            var apdu = NextApdu(ref next);
            if (apdu.Count == 0)
            {
                return;
            }

            byte Byte(int i) => apdu[i].Frame[apdu[i].Index];
            if (Byte(0) != GeneralBlockTransferTag)
            {
                answer.AddRange(apdu);
                break;
            }

            // E0, block-control, block-number(2), block-number-ack(2), then the block data as an octet string.
            int lengthAt = 6;
            int lengthBytes = Byte(lengthAt) < 0x80 ? 1 : 1 + (Byte(lengthAt) & 0x7F);
            answer.AddRange(apdu.Skip(lengthAt + lengthBytes));
            if ((Byte(1) & 0x80) != 0)
            {
                break;
            }
        }

        var joined = answer.Select(p => p.Frame[p.Index]).ToArray();
        if (joined[0] == GetResponseTag)
        {
            joined[2] = invokeId;
        }
        else if (joined[0] == GloGetResponseTag)
        {
            Recipher(joined, 0, invokeId);
        }
        else
        {
            return;
        }

        for (int i = 0; i < joined.Length; i++)
        {
            answer[i].Frame[answer[i].Index] = joined[i];
        }

        foreach (var frame in answer.Select(p => p.Frame).Distinct())
        {
            Crc16.Append(frame, 1, frame.Length - 4);
        }
    }

    /// <summary>Where the bytes of the meter's next APDU lie: its I-frames from <paramref name="next"/> on, the LLC header left out.</summary>
    private List<(byte[] Frame, int Index)> NextApdu(ref int next)
    {
        var apdu = new List<(byte[] Frame, int Index)>();
        for (; next < _frames.Length; next++)
        {
            var f = _frames[next].Bytes;
            if (_frames[next].FromClient || !IsInformation(f))
            {
                continue;
            }

            int start = ControlAt(f) + 3 + (apdu.Count == 0 ? LlcLength : 0);
            apdu.AddRange(Enumerable.Range(start, f.Length - 3 - start).Select(i => (f, i)));
            if ((f[1] & 0x08) == 0)
            {
                next++;
                break;
            }
        }

        return apdu;
    }

    /// <summary>glo-get-response at data[at]: deciphered, invoke-id set, ciphered again under the same counter.</summary>
    private void Recipher(byte[] data, int at, byte invokeId)
    {
        var glo = Glo.At(data, at, recording.MeterSystemTitle, recording.AuthenticationKey);
        var plain = new byte[glo.CipherLength];
        using var gcm = new AesGcm(recording.BlockCipherKey, Glo.TagLength);
        gcm.Decrypt(glo.Nonce, data.AsSpan(glo.CipherAt, glo.CipherLength), data.AsSpan(glo.CipherAt + glo.CipherLength, Glo.TagLength), plain, glo.Aad);
        plain[2] = invokeId;
        gcm.Encrypt(glo.Nonce, plain, data.AsSpan(glo.CipherAt, glo.CipherLength), data.AsSpan(glo.CipherAt + glo.CipherLength, Glo.TagLength), glo.Aad);
    }

    private byte[] Decipher(byte[] apdu, byte[] systemTitle)
    {
        var glo = Glo.At(apdu, 0, systemTitle, recording.AuthenticationKey);
        var plain = new byte[glo.CipherLength];
        using var gcm = new AesGcm(recording.BlockCipherKey, Glo.TagLength);
        gcm.Decrypt(glo.Nonce, apdu.AsSpan(glo.CipherAt, glo.CipherLength), apdu.AsSpan(glo.CipherAt + glo.CipherLength, Glo.TagLength), plain, glo.Aad);
        return plain;
    }

    /// <summary>
    /// A glo- APDU (tag, length, SC, IC(4), ciphertext, 12-byte tag) as the Green Book's suite 0 reads it:
    /// nonce = sender's system title ‖ IC, AAD = SC ‖ AK.
    /// </summary>
    private sealed record Glo(byte[] Nonce, byte[] Aad, int CipherAt, int CipherLength)
    {
        public const int TagLength = 12;

        public static Glo At(byte[] data, int at, byte[] systemTitle, byte[] authenticationKey)
        {
            int lengthBytes = data[at + 1] < 0x80 ? 1 : 1 + (data[at + 1] & 0x7F);
            int length = lengthBytes == 1 ? data[at + 1] : (int)Convert.ToUInt32(Convert.ToHexString(data, at + 2, lengthBytes - 1), 16);
            int sc = at + 1 + lengthBytes;
            var nonce = systemTitle.Concat(data.AsSpan(sc + 1, 4).ToArray()).ToArray();
            var aad = new[] { data[sc] }.Concat(authenticationKey).ToArray();
            return new Glo(nonce, aad, sc + 5, length - 5 - TagLength);
        }
    }

    private static bool IsInformation(byte[] frame) => (frame[ControlAt(frame)] & 1) == 0;

    /// <summary>The APDU of an unsegmented I-frame: the information field without the LLC header.</summary>
    private static byte[] Info(byte[] frame)
    {
        int start = ControlAt(frame) + 3 + LlcLength;
        return frame.AsSpan(start, frame.Length - 3 - start).ToArray();
    }

    /// <summary>The control field's index: after the flag, the format field and both addresses (each ends with LSB 1).</summary>
    private static int ControlAt(byte[] frame)
    {
        int at = 3;
        for (int address = 0; address < 2; address++)
        {
            while ((frame[at] & 1) == 0)
            {
                at++;
            }

            at++;
        }

        return at;
    }
}
