using System.Text;
using OpenAmi.Storage.Records;
using OpenAmi.TestVectors;

namespace OpenAmi.Storage.Tests.Records;

public class Crc32Tests
{
    [Fact]
    public void MatchesTheCatalogueCheckValue()
    {
        // The catalogue check value of tests/vectors/Crc32Vectors.cs (source cited there).
        var data = Encoding.ASCII.GetBytes(Crc32Vectors.CheckInput);
        Assert.Equal(Crc32Vectors.CheckValue, Crc32.Compute(data, 0, data.Length));
    }

    [Fact]
    public void MatchesThePublishedPangramValue()
    {
        // The Rosetta Code pangram of tests/vectors/Crc32Vectors.cs (source cited there).
        var data = Encoding.ASCII.GetBytes(Crc32Vectors.Pangram);
        Assert.Equal(Crc32Vectors.PangramValue, Crc32.Compute(data, 0, data.Length));
    }

    [Fact]
    public void CoversOnlyTheGivenRange()
    {
        // The catalogue check string inside other bytes: the result must not depend on its neighbours.
        var framed = Encoding.ASCII.GetBytes("xx" + Crc32Vectors.CheckInput + "yyy");
        Assert.Equal(Crc32Vectors.CheckValue, Crc32.Compute(framed, 2, Crc32Vectors.CheckInput.Length));
    }

    [Fact]
    public void OfNothingIsZero()
    {
        // Init 0xFFFFFFFF and final XOR 0xFFFFFFFF cancel when no byte is processed (catalogue parameters above).
        Assert.Equal(0u, Crc32.Compute([0x55], 1, 0));
    }
}
