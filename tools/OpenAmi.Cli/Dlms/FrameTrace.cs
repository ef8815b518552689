using System.Text;
using System.Text.Json.Nodes;
using OpenAmi.Dlms;
using OpenAmi.Platform;

namespace OpenAmi.Cli.Dlms;

/// <summary>
/// `dlms read --trace`: the bytes a link carries, cut into frames (HDLC by its format field, IEC 62056-47 wrapper by its
/// header, anything else — IEC 62056-21 sign-on — per burst) and printed one line each with what the frame says:
/// HDLC control, addresses, N(S)/N(R), HCS/FCS, the APDU kind; line speed changes and silences too.
/// </summary>
public sealed class FrameTrace : IByteLink, IDisposable
{
    private const byte Flag = 0x7E;
    private readonly IByteLink _link;
    private readonly TextWriter _out;
    private readonly List<byte> _sent = new();
    private readonly List<byte> _received = new();

    public FrameTrace(IByteLink link, TextWriter output)
    {
        _link = link;
        _out = output;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        Flush(_received, "<-");
        _sent.AddRange(buffer.Skip(offset).Take(count));
        Cut(_sent, "->");
        Flush(_sent, "->");
        _link.Write(buffer, offset, count);
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        int got = _link.Read(buffer, offset, count, timeoutMs);
        if (got == 0)
        {
            Flush(_received, "<-");
            _out.WriteLine($"trace <- nothing within {timeoutMs} ms");
            return 0;
        }

        _received.AddRange(buffer.Skip(offset).Take(got));
        Cut(_received, "<-");
        return got;
    }

    public void Configure(int baudRate, LineFormat format)
    {
        _out.WriteLine($"trace    line {baudRate} Bd {(format == LineFormat.SevenEvenOne ? "7E1" : "8N1")}");
        _link.Configure(baudRate, format);
    }

    public void DiscardInput() => _link.DiscardInput();

    public void Delay(int milliseconds) => _link.Delay(milliseconds);

    public void Dispose() => Flush(_received, "<-");

    /// <summary>Prints every complete frame at the head of <paramref name="pending"/>.</summary>
    private void Cut(List<byte> pending, string direction)
    {
        while (pending.Count > 0)
        {
            int length = FrameLength(pending);
            if (length == 0 || pending.Count < length)
            {
                return;
            }

            Print(direction, pending.GetRange(0, length).ToArray());
            pending.RemoveRange(0, length);
        }
    }

    /// <summary>Bytes of the frame starting <paramref name="pending"/>; 0 until its header is in; a burst of other bytes runs to the next flag.</summary>
    private static int FrameLength(List<byte> pending)
    {
        if (pending[0] == Flag)
        {
            if (pending.Count >= 2 && pending[1] == Flag)
            {
                return 1; // the closing flag of one frame doubling as the opening of the next
            }

            return pending.Count < 3 ? 0 : ((pending[1] & 0x07) << 8 | pending[2]) + 2;
        }

        if (pending.Count >= 2 && pending[0] == 0x00 && pending[1] == 0x01)
        {
            return pending.Count < 8 ? 0 : 8 + (pending[6] << 8 | pending[7]);
        }

        int flag = pending.IndexOf(Flag);
        return flag > 0 ? flag : 0;
    }

    private void Flush(List<byte> pending, string direction)
    {
        if (pending.Count > 0)
        {
            Print(direction, pending.ToArray());
            pending.Clear();
        }
    }

    private void Print(string direction, byte[] frame)
    {
        if (frame.Length == 1 && frame[0] == Flag)
        {
            return;
        }

        _out.WriteLine($"trace {direction} {Annotate(frame, direction == "->")}: {Convert.ToHexString(frame)}");
    }

    public static string Annotate(byte[] frame, bool fromClient)
    {
        try
        {
            if (frame[0] == Flag)
            {
                return Hdlc(DlmsDecoder.Decode(frame), fromClient);
            }

            if (frame.Length >= 8 && frame[0] == 0x00 && frame[1] == 0x01)
            {
                int source = frame[2] << 8 | frame[3], destination = frame[4] << 8 | frame[5];
                return $"wrapper wPort {source} -> {destination}, {frame.Length - 8} bytes" + Apdu(DlmsDecoder.Decode(frame[8..]));
            }

            var iec21 = DlmsDecoder.DecodeIec21(frame)["iec21"]!;
            return $"IEC 62056-21 {iec21["kind"]} \"{Printable(frame)}\"";
        }
        catch (DlmsException e)
        {
            return $"not a frame ({e.Message}) \"{Printable(frame)}\"";
        }
    }

    private static string Hdlc(JsonObject decoded, bool fromClient)
    {
        var frame = decoded["hdlc"]![0]!;
        var text = new StringBuilder("HDLC ").Append(frame["control"]);
        if (frame["pf"]!.GetValue<bool>())
        {
            text.Append(" P/F");
        }

        foreach (string counter in new[] { "ns", "nr" })
        {
            if (frame[counter] != null)
            {
                text.Append(counter == "ns" ? " N(S)=" : " N(R)=").Append(frame[counter]);
            }
        }

        text.Append(fromClient ? $" client {frame["src"]} -> server {Server(frame["dst"]!)}" : $" server {Server(frame["src"]!)} -> client {Client(frame["dst"]!)}");
        if (frame["segmented"]!.GetValue<bool>())
        {
            text.Append(", segmented");
        }

        text.Append(", info ").Append(frame["info"]!.GetValue<string>().Length / 2).Append(" bytes");
        text.Append(", HCS ").Append(frame["hcsValid"]!.GetValue<bool>() ? "ok" : "BAD");
        text.Append(", FCS ").Append(frame["fcsValid"]!.GetValue<bool>() ? "ok" : "BAD");
        return text.Append(Apdu(decoded)).ToString();
    }

    /// <summary>The decoder gives a one-byte address as a number and a longer one as upper/lower.</summary>
    private static string Server(JsonNode address) => address is not JsonObject split ? address.ToJsonString()
        : split["lower"] == null ? $"{split["upper"]}" : $"{split["upper"]}:{split["lower"]}";

    private static string Client(JsonNode address) => address is JsonObject split ? $"{split["upper"]}" : address.ToJsonString();

    private static string Apdu(JsonObject decoded)
    {
        if (decoded["apdu"] is not JsonObject apdu)
        {
            return "";
        }

        string variant = apdu["variant"] is JsonNode v ? " " + v : "";
        return $", APDU {apdu["type"]}{variant}";
    }

    private static string Printable(byte[] bytes) =>
        new(bytes.Select(b => b is >= 0x20 and < 0x7F && b != (byte)'"' ? (char)b : '.').ToArray());
}
