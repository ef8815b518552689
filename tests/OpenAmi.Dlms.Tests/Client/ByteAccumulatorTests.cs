using OpenAmi.Dlms.Client;

namespace OpenAmi.Dlms.Tests.Client;

/// <summary>
/// Issue 15: a client's block-transfer accumulator (IEC 62056-5-3 GET/SET with-datablock: the pieces of one long
/// answer joined) holds no array until the first piece arrives; every meter's client is made at composition and most
/// meters never answer in blocks. Expected sizes follow the accumulator's rule: the first array has the initial size,
/// each growth doubles it, never past the cap.
/// </summary>
public class ByteAccumulatorTests
{
    [Fact]
    public void No_array_is_held_before_the_first_piece()
    {
        var blocks = new ByteAccumulator(256, 4096);

        Assert.Empty(blocks.Data);
        Assert.Equal(0, blocks.Count);
    }

    [Fact]
    public void The_first_piece_gets_the_initial_array_and_later_pieces_double_it_up_to_the_cap()
    {
        var blocks = new ByteAccumulator(256, 600);
        byte[] first = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();
        byte[] second = Enumerable.Range(0, 150).Select(i => (byte)(255 - i)).ToArray();

        blocks.Append(first, 0, first.Length);
        Assert.Equal(256, blocks.Data.Length);

        blocks.Append(second, 0, second.Length);
        Assert.Equal(512, blocks.Data.Length);
        Assert.Equal(350, blocks.Count);
        Assert.Equal(first.Concat(second).ToArray(), blocks.Data.Take(blocks.Count).ToArray());

        // 350 + 251 bytes would pass the 600-byte cap.
        var over = Assert.Throws<DlmsException>(() => blocks.Append(new byte[251], 0, 251));
        Assert.Equal(DlmsErrorCode.LimitExceeded, over.Code);
    }
}
