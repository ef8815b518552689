using System.Text;
using OpenAmi.Dlms.Link;
using OpenAmi.Platform;

namespace OpenAmi.Dlms.Tests.Link;

/// <summary>
/// Echo handling on optical heads with and without echo. The replies start like their requests on purpose, as on
/// the line: the mode E identification "/GRX5\2GXMETER" answers "/?!" (IEC 62056-21 sign-on; the identification
/// is the one Gurux's meter sends, see the interop recordings' README), and a UA answers an SNRM with the same
/// flag, format and length bytes 7E A0 1F (IEC 62056-46; frames of interop case 01).
/// </summary>
public class EchoSuppressingLinkTests
{
    private static readonly byte[] SignOn = Encoding.ASCII.GetBytes("/?!\r\n");
    private static readonly byte[] Identification = Encoding.ASCII.GetBytes("/GRX5\\2GXMETER\r\n");
    private static readonly byte[] Snrm = Convert.FromHexString("7EA01F0223219321E0818012050180060180070400000001080400000001533B7E");
    private static readonly byte[] Ua = Convert.FromHexString("7EA01F21022373E6C7818012050180060180070400000001080400000001533B7E");

    /// <summary>A line that answers each write with a scripted reply, hearing the write itself first when it echoes.</summary>
    private sealed class ScriptedLine(bool echoes, params byte[][] replies) : IByteLink
    {
        private readonly Queue<byte> _rx = new();
        private int _writes;

        public int EmptyReads { get; private set; }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (echoes)
            {
                foreach (var b in buffer.AsSpan(offset, count).ToArray())
                {
                    _rx.Enqueue(b);
                }
            }

            foreach (var b in replies[_writes++])
            {
                _rx.Enqueue(b);
            }
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int n = 0;
            while (n < count && _rx.Count > 0)
            {
                buffer[offset + n++] = _rx.Dequeue();
            }

            if (n == 0)
            {
                EmptyReads++;
            }

            return n;
        }

        public void Configure(int baudRate, LineFormat format)
        {
        }

        public void DiscardInput() => _rx.Clear();

        public void Delay(int milliseconds)
        {
        }
    }

    private static byte[] ReadAll(IByteLink link)
    {
        var all = new List<byte>();
        var buffer = new byte[64];
        int n;
        while ((n = link.Read(buffer, 0, buffer.Length, 10)) > 0)
        {
            all.AddRange(buffer.Take(n));
        }

        return all.ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Replies_that_start_like_their_requests_arrive_whole(bool echoes)
    {
        var line = new ScriptedLine(echoes, Identification, Ua);
        var link = new EchoSuppressingLink(line, 64, 100);

        link.Write(SignOn, 0, SignOn.Length);
        Assert.Equal(Identification, ReadAll(link));
        link.Write(Snrm, 0, Snrm.Length);
        Assert.Equal(Ua, ReadAll(link));

        Assert.Equal(echoes, link.EchoDetected);
        Assert.Equal(echoes ? 0 : SignOn.Length, link.MissingEchoBytes);
    }

    [Fact]
    public void A_line_found_echo_free_is_not_waited_on_after_later_writes()
    {
        var line = new ScriptedLine(false, Array.Empty<byte>(), Array.Empty<byte>());
        var link = new EchoSuppressingLink(line, 64, 100);

        link.Write(SignOn, 0, SignOn.Length);
        int waitsAfterFirst = line.EmptyReads;
        link.Write(Snrm, 0, Snrm.Length);

        Assert.Equal(1, waitsAfterFirst);
        Assert.Equal(waitsAfterFirst, line.EmptyReads);
    }
}
