using System.Text;
using OpenAmi.Dlms.Hdlc;
using OpenAmi.Dlms.Tests.Support;

namespace OpenAmi.Dlms.Tests.Hdlc;

public class Crc16Tests
{
    [Fact]
    public void CheckValueOfTheCatalogue()
    {
        // CRC-16/IBM-SDLC (alias X-25) check value for "123456789" = 0x906E:
        // Greg Cook, "Catalogue of parametrised CRC algorithms", https://reveng.sourceforge.io/crc-catalogue/16.htm
        var data = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0x906E, Crc16.Compute(data, 0, data.Length));
    }

    [Fact]
    public void HcsOfAPublishedHeader()
    {
        // u9n/dlms-cosem tests/test_hdlc/test_hdlc.py TestCrc: HCS of 03 3F is 5B EC (sent LSB first).
        var data = Hex.Bytes("03 3F 00 00");
        Crc16.Append(data, 0, 2);
        Assert.Equal("033F5BEC", Hex.Of(data));
        Assert.True(Crc16.Check(data, 0, 2));
    }
}
