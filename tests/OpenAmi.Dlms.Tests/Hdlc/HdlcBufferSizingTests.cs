using OpenAmi.Dlms.Hdlc;
using OpenAmi.Dlms.Tests.Support;

namespace OpenAmi.Dlms.Tests.Hdlc;

/// <summary>
/// A link's buffers follow the information field lengths it proposes, not the 2,047-byte ceiling of the 11-bit length
/// field. IEC 62056-46 6.4.4.4.3.2: the default maximum information field length is 128 bytes each way; a frame of
/// format type 3 adds at most format 2 + destination 4 + source 4 + control 1 + HCS 2 + FCS 2 = 15 bytes, plus 2 flags.
/// </summary>
public class HdlcBufferSizingTests
{
    [Fact]
    public void The_longest_frame_for_an_information_length_adds_fifteen_bytes_and_stops_at_the_length_field()
    {
        Assert.Equal(128 + 15, HdlcCodec.FrameLengthFor(128));
        Assert.Equal(0x7FF, HdlcCodec.FrameLengthFor(4000));
        Assert.Equal(2 * (128 + 15 + 2), HdlcFrameReader.CapacityFor(128));
    }

    [Fact]
    public void A_link_proposing_the_default_128_bytes_holds_about_two_received_frames_and_one_sent()
    {
        var link = new NoLink();
        var settings = new HdlcSettings();
        long before = GC.GetAllocatedBytesForCurrentThread();

        var hdlc = new HdlcClientLink(link, settings);

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(hdlc);
        // Buffers: sent frame 145 + 2 flags, received 2 × 147, parameters 32; the rest is the objects themselves.
        Assert.InRange(allocated, 147 + 294 + 32, 1024);
    }

    [Fact]
    public void A_link_proposing_1024_bytes_sizes_for_1024()
    {
        var settings = new HdlcSettings { MaxInfoReceive = 1024, MaxInfoTransmit = 1024 };
        long before = GC.GetAllocatedBytesForCurrentThread();

        var hdlc = new HdlcClientLink(new NoLink(), settings);

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(hdlc);
        Assert.InRange(allocated, (1039 + 2) * 3, (1039 + 2) * 3 + 1024);
    }
}
