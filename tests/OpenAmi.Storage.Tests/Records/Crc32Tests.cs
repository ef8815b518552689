using System.Text;
using OpenAmi.Storage.Records;

namespace OpenAmi.Storage.Tests.Records;

public class Crc32Tests
{
    [Fact]
    public void MatchesTheCatalogueCheckValue()
    {
        // CRC-32/ISO-HDLC check value for ASCII "123456789" (Greg Cook, "Catalogue of parametrised CRC
        // algorithms", https://reveng.sourceforge.io/crc-catalogue/17plus.htm#crc.cat.crc-32-iso-hdlc).
        var data = "123456789"u8.ToArray();
        Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
    }

    [Fact]
    public void MatchesThePublishedPangramValue()
    {
        // CRC-32 of "The quick brown fox jumps over the lazy dog" is 0x414FA339 (Rosetta Code, "CRC-32" task,
        // https://rosettacode.org/wiki/CRC-32).
        var data = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog");
        Assert.Equal(0x414FA339u, Crc32.Compute(data, 0, data.Length));
    }

    [Fact]
    public void CoversOnlyTheGivenRange()
    {
        // The catalogue check string inside other bytes: the result must not depend on its neighbours.
        var framed = Encoding.ASCII.GetBytes("xx123456789yyy");
        Assert.Equal(0xCBF43926u, Crc32.Compute(framed, 2, 9));
    }

    [Fact]
    public void OfNothingIsZero()
    {
        // Init 0xFFFFFFFF and final XOR 0xFFFFFFFF cancel when no byte is processed (catalogue parameters above).
        Assert.Equal(0u, Crc32.Compute([0x55], 1, 0));
    }
}
