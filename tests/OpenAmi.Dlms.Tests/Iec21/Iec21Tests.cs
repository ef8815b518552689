using System.Text;
using OpenAmi.Dlms.Iec21;
using OpenAmi.Dlms.Tests.Support;

namespace OpenAmi.Dlms.Tests.Iec21;

public class Iec21Tests
{
    [Fact]
    public void PublishedIdentificationOfAnIskraemecoMeter()
    {
        // "/ISk5\2MT382-1000": the identification line of the example telegram of the Dutch DSMR P1 companion
        // standard (reproduced in many public P1 parsers, e.g. domoticx.com "P1 poort slimme meter").
        // IEC 62056-21 §6.3.2: manufacturer "ISk" (lowercase 3rd letter = 20 ms reaction), '5' = 9600 Bd, "\2" = mode E.
        var bytes = Encoding.ASCII.GetBytes("/ISk5\\2MT382-1000\r\n");
        var id = Iec21Identification.Parse(bytes, 0, bytes.Length);
        Assert.Equal(("ISk", '5', 9600, true, true, "MT382-1000"), (id.Manufacturer, id.BaudCharacter, id.BaudRate, id.ModeE, id.FastReaction, id.Identification));
    }

    [Theory]
    [InlineData("ISk5MT382\r\n")]      // no leading '/'
    [InlineData("/ISk5MT382")]         // no CR LF
    [InlineData("/IS\r\n")]            // too short
    [InlineData("/ISk5MT\u0001382\r\n")] // control character
    public void MalformedIdentificationIsATypedError(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        Assert.Equal(DlmsErrorCode.Iec21Protocol, Assert.Throws<DlmsException>(() => Iec21Identification.Parse(bytes, 0, bytes.Length)).Code);
    }

    [Fact]
    public void MessagesAreBuiltAsTheStandardSpellsThem()
    {
        // IEC 62056-21 §6.3.1 request "/?!" CR LF and §6.3.3 acknowledgement "ACK V Z Y" CR LF.
        var buffer = new byte[40];
        Assert.Equal("2F3F210D0A", Hex.Of(buffer, 0, OpenAmi.Dlms.Iec21.Iec21.WriteSignOn(null, buffer, 0)));
        Assert.Equal("2F3F31323334210D0A", Hex.Of(buffer, 0, OpenAmi.Dlms.Iec21.Iec21.WriteSignOn("1234", buffer, 0)));
        Assert.Equal("063235320D0A", Hex.Of(buffer, 0, OpenAmi.Dlms.Iec21.Iec21.WriteAck('2', '5', '2', buffer, 0)));
        Assert.Throws<DlmsException>(() => OpenAmi.Dlms.Iec21.Iec21.WriteSignOn("a!b", buffer, 0));
    }

    [Fact]
    public void DataMessageWithBccAndMultipleValues()
    {
        var body = Encoding.ASCII.GetBytes("0.0.0(12345678)\r\n1.8.0(001234.5*kWh)\r\nF.F(00)\r\n!\r\n\u0003");
        byte bcc = 0;
        foreach (var b in body)
        {
            bcc ^= b; // BCC: XOR of every byte after STX up to and including ETX (§6.3.3)
        }

        var message = new[] { OpenAmi.Dlms.Iec21.Iec21.Stx }.Concat(body).Append(bcc).ToArray();
        var parsed = Iec21DataMessage.Parse(message, 0, message.Length);
        Assert.True(parsed.BccValid);
        Assert.Equal(3, parsed.DataSets.Length);
        Assert.Equal(("1.8.0", "001234.5", "kWh"), (parsed.DataSets[1].Address, parsed.DataSets[1].Value, parsed.DataSets[1].Unit));
        Assert.Null(parsed.DataSets[2].Unit);
        message[^1] ^= 0x01;
        Assert.False(Iec21DataMessage.Parse(message, 0, message.Length).BccValid);
        Assert.Equal(DlmsErrorCode.Iec21Protocol, Assert.Throws<DlmsException>(() => Iec21DataMessage.Parse(message, 0, message.Length - 2)).Code);
    }
}
