using OpenAmi.Prepaid.OpenPayGo;
using OpenAmi.TestVectors;

namespace OpenAmi.Prepaid.Tests.OpenPayGo;

public class SipHash24Tests
{
    // SipHash-2-4 reference vectors: tests/vectors/SipHashVectors.cs (source cited there), shared with the board tests.
    private static readonly ulong[] Expected = SipHashVectors.ByLength;

    [Fact]
    public void MatchesAllSixtyFourReferenceVectors()
    {
        SipHash24.ReadKey(SipHashVectors.Key(), out var k0, out var k1);
        var message = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        for (var length = 0; length < 64; length++)
        {
            Assert.Equal(Expected[length], SipHash24.Hash(k0, k1, message, 0, length));
        }
    }

    [Fact]
    public void PaperAppendixExampleOfFifteenBytes()
    {
        // SipHash paper (2012), Appendix A (tests/vectors/SipHashVectors.cs): key 00..0f, 15-byte message 00..0e.
        SipHash24.ReadKey(SipHashVectors.Key(), out var k0, out var k1);
        var buffer = new byte[40];
        for (var i = 0; i < SipHashVectors.PaperMessageLength; i++)
        {
            buffer[7 + i] = (byte)i;
        }

        Assert.Equal(SipHashVectors.PaperAppendixHash, SipHash24.Hash(k0, k1, buffer, 7, SipHashVectors.PaperMessageLength));
    }

    [Fact]
    public void HashingAllocatesNothing()
    {
        SipHash24.ReadKey(new byte[16], out var k0, out var k1);
        var message = new byte[8];
        SipHash24.Hash(k0, k1, message, 0, 8);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            SipHash24.Hash(k0, k1, message, 0, 8);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void RejectsAKeyThatIsNotSixteenBytes()
    {
        Assert.Throws<ArgumentException>(() => SipHash24.ReadKey(new byte[15], out _, out _));
    }
}
