using System.Text;
using OpenAmi.Dlms.Iec21;
using OpenAmi.Dlms.Tests.Support;

namespace OpenAmi.Dlms.Tests.Iec21;

/// <summary>
/// Programming-mode command messages, IEC 62056-21 §6.3.7: SOH C D [STX data-set] ETX BCC; BCC = XOR of every
/// byte after SOH through ETX (§6.3.3). Each expected frame below was written out by hand from that layout, and
/// its BCC is recomputed here by <see cref="IndependentBcc"/>, not by the library's <c>Iec21.Bcc</c>.
/// </summary>
public class Iec21CommandTests
{
    [Theory]
    // B0 break, no data: 'B' 0x42 ^ '0' 0x30 ^ ETX 0x03 = 0x71 ('q').
    [InlineData('B', '0', null, "0142300371")]
    // P1 "(00000000)": 0x50^0x31^0x02^0x28^(eight 0x30 cancel)^0x29^0x03 = 0x61 ('a').
    [InlineData('P', '1', "(00000000)", "0150310228303030303030303029" + "03" + "61")]
    // R1 "1.8.0()": 0x52^0x31^0x02^"1.8.0()"^0x03 = 0x5A ('Z').
    [InlineData('R', '1', "1.8.0()", "01523102312E382E30282903" + "5A")]
    public void HandEncodedCommandsMatch(char command, char type, string? data, string expected)
    {
        var buffer = new byte[64];
        int n = Iec21CommandMessage.Write(command, type, data, buffer, 0);
        Assert.Equal(expected, Hex.Of(buffer, 0, n));
        Assert.Equal(IndependentBcc(buffer, n), buffer[n - 1]);
        var parsed = Iec21CommandMessage.Parse(buffer, 0, n);
        Assert.Equal((command, type, data, true), (parsed.Command, parsed.Type, parsed.Data, parsed.BccValid));
    }

    [Theory]
    [InlineData('P', '0', "(12345678)")]
    [InlineData('P', '2', "(A5C3)")]
    [InlineData('W', '1', "0.9.1(12:00:00)")]
    [InlineData('W', '2', "C.7.0(0000)")]
    [InlineData('R', '2', "0.9.2()")]
    [InlineData('E', '2', "0.0.1()")]
    [InlineData('B', '1', null)]
    public void EveryDefinedCommandRoundTripsWithAnIndependentBcc(char command, char type, string? data)
    {
        var buffer = new byte[64];
        int n = Iec21CommandMessage.Write(command, type, data, buffer, 0);
        Assert.Equal(IndependentBcc(buffer, n), buffer[n - 1]);
        Assert.Equal(0x01, buffer[0]);
        Assert.Equal(data == null ? "" : "\u0002" + data, Encoding.ASCII.GetString(buffer, 3, n - 5));
        var parsed = Iec21CommandMessage.Parse(buffer, 0, n);
        Assert.Equal((command, type, data), (parsed.Command, parsed.Type, parsed.Data));
        Assert.NotNull(Iec21CommandMessage.Meaning(command, type));
    }

    [Fact]
    public void WrongBccIsReportedNotHidden()
    {
        var bytes = Hex.Bytes("0142300370");
        var parsed = Iec21CommandMessage.Parse(bytes, 0, bytes.Length);
        Assert.False(parsed.BccValid);
        Assert.Equal(0x70, parsed.Bcc);
    }

    [Theory]
    [InlineData("0242300371")]                   // STX, not SOH
    [InlineData("01423003")]                     // too short (no BCC)
    [InlineData("0158300309")]                   // 'X0' is no command
    [InlineData("01523128290371")]               // R1 data without STX
    [InlineData("01523102310A290308")]           // control character in the data
    [InlineData("015231022829")]                 // no ETX
    public void MalformedCommandsAreTypedErrors(string hex)
    {
        var bytes = Hex.Bytes(hex);
        Assert.Equal(DlmsErrorCode.Iec21Protocol, Assert.Throws<DlmsException>(() => Iec21CommandMessage.Parse(bytes, 0, bytes.Length)).Code);
    }

    [Fact]
    public void UndefinedCommandsAndUnprintableDataAreRefusedWhenEncoding()
    {
        var buffer = new byte[32];
        Assert.Equal(DlmsErrorCode.InvalidArgument, Assert.Throws<DlmsException>(() => Iec21CommandMessage.Write('R', '9', "1.8.0()", buffer, 0)).Code);
        Assert.Equal(DlmsErrorCode.InvalidArgument, Assert.Throws<DlmsException>(() => Iec21CommandMessage.Write('W', '1', "a\rb", buffer, 0)).Code);
        Assert.Equal(DlmsErrorCode.BufferTooSmall, Assert.Throws<DlmsException>(() => Iec21CommandMessage.Write('R', '1', "1.8.0()", new byte[8], 0)).Code);
    }

    [Fact]
    public void ProgrammingModeAnswerHasNoEndOfDataMarker()
    {
        // §6.3.7: the meter answers R1 with STX data-set ETX BCC; a readout's "!" CR LF is absent.
        var body = Encoding.ASCII.GetBytes("1.8.0(001234.5*kWh)\u0003");
        var message = new byte[] { 0x02 }.Concat(body).Append(IndependentBcc(new byte[] { 0x01 }.Concat(body).Append((byte)0).ToArray(), body.Length + 2)).ToArray();
        var parsed = Iec21DataMessage.ParseAnswer(message, 0, message.Length);
        Assert.True(parsed.BccValid);
        Assert.Equal(("1.8.0", "001234.5", "kWh"), (parsed.DataSets[0].Address, parsed.DataSets[0].Value, parsed.DataSets[0].Unit));
        Assert.Equal(DlmsErrorCode.Iec21Protocol, Assert.Throws<DlmsException>(() => Iec21DataMessage.Parse(message, 0, message.Length)).Code);
    }

    /// <summary>XOR of bytes [1, n-1): after the leading SOH/STX, through ETX, excluding the BCC itself.</summary>
    private static byte IndependentBcc(byte[] frame, int n) => frame.Skip(1).Take(n - 2).Aggregate((byte)0, (acc, b) => (byte)(acc ^ b));
}
