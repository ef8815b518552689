using OpenAmi.Dlms.Link;
using OpenAmi.Dlms.Tests.Support;
using OpenAmi.Platform;

namespace OpenAmi.Dlms.Tests.Link;

public class WrapperTests
{
    // IEC 62056-47 §6.1 (wrapper protocol data unit): version 0x0001, source wPort, destination wPort and the
    // length of the APDU that follows, each an unsigned 16-bit big-endian field. Hand-encoded below:
    // public client (wPort 16 = 0x0010) to the management logical device (wPort 1), a 29-byte (0x1D) AARQ.
    [Fact]
    public void HeaderIsEncodedAsTheStandardSpellsIt()
    {
        var buffer = new byte[8];
        WrapperCodec.WriteHeader(16, 1, 0x1D, buffer, 0);
        Assert.Equal("000100100001001D", Hex.Of(buffer));
        Assert.Equal(0x1D, WrapperCodec.ReadHeader(buffer, 0, out int source, out int destination));
        Assert.Equal((16, 1), (source, destination));
    }

    [Fact]
    public void UnknownVersionAndOutOfRangeFieldsAreTypedErrors()
    {
        var buffer = Hex.Bytes("000200100001001D");
        Assert.Equal(DlmsErrorCode.Malformed, Assert.Throws<DlmsException>(() => WrapperCodec.ReadHeader(buffer, 0, out _, out _)).Code);
        Assert.Equal(DlmsErrorCode.LimitExceeded, Assert.Throws<DlmsException>(() => WrapperCodec.WriteHeader(16, 1, 65536, buffer, 0)).Code);
        Assert.Equal(DlmsErrorCode.InvalidArgument, Assert.Throws<DlmsException>(() => WrapperCodec.WriteHeader(-1, 1, 0, buffer, 0)).Code);
    }

    [Fact]
    public void ExchangeWrapsTheRequestAndUnwrapsTheAnswer()
    {
        // RLRQ with reason normal (62 03 80 01 00) and RLRE (63 03 80 01 00): Green Book / u9n dlms-cosem test_xdlms.
        var link = new ScriptedLink(Hex.Bytes("0001" + "0001" + "0010" + "0005" + "6303800100"));
        var transport = new WrapperClientLink(link, new WrapperSettings { ClientPort = 16, ServerPort = 1 });
        var request = new byte[8 + 5];
        Hex.Bytes("6203800100").CopyTo(request, 8);
        var response = new byte[64];
        int n = transport.Exchange(request, 8, 5, response, 0);
        Assert.Equal("0001001000010005" + "6203800100", Hex.Of(link.Written.ToArray()));
        Assert.Equal("6303800100", Hex.Of(response, 0, n));
    }

    [Theory]
    [InlineData("00010002001000056303800100", DlmsErrorCode.LinkProtocol)]  // from logical device 2, not 1
    [InlineData("00010001001100056303800100", DlmsErrorCode.LinkProtocol)]  // to client 17, not 16
    [InlineData("000100010010000563038001", DlmsErrorCode.Timeout)]         // one APDU byte short
    [InlineData("000100010010", DlmsErrorCode.Timeout)]                     // header cut off
    [InlineData("", DlmsErrorCode.Timeout)]                                 // silence
    [InlineData("00010001001000FF", DlmsErrorCode.LimitExceeded)]           // 255 bytes into a 64-byte buffer
    public void BadAnswersAreTypedErrors(string answer, DlmsErrorCode expected)
    {
        var transport = new WrapperClientLink(new ScriptedLink(Hex.Bytes(answer)), new WrapperSettings { ResponseTimeoutMs = 10, InterByteTimeoutMs = 10 });
        var request = new byte[13];
        Assert.Equal(expected, Assert.Throws<DlmsException>(() => transport.Exchange(request, 8, 5, new byte[64], 0)).Code);
    }

    [Fact]
    public void RequestWithoutHeadroomIsRefused()
    {
        var transport = new WrapperClientLink(new ScriptedLink(new byte[0]), new WrapperSettings());
        Assert.Equal(DlmsErrorCode.BufferTooSmall, Assert.Throws<DlmsException>(() => transport.Exchange(new byte[10], 3, 5, new byte[64], 0)).Code);
    }

    /// <summary>Hands out a fixed answer a few bytes at a time (as TCP segments arrive) and records what was written.</summary>
    private sealed class ScriptedLink(byte[] answer) : IByteLink
    {
        private int _read;

        public List<byte> Written { get; } = new();

        public void Write(byte[] buffer, int offset, int count) => Written.AddRange(buffer.Skip(offset).Take(count));

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int n = Math.Min(Math.Min(count, 3), answer.Length - _read);
            Array.Copy(answer, _read, buffer, offset, n);
            _read += n;
            return n;
        }

        public void Configure(int baudRate, LineFormat format)
        {
        }

        public void DiscardInput()
        {
        }

        public void Delay(int milliseconds)
        {
        }
    }
}
