using OpenAmi.Dlms.Hdlc;
using OpenAmi.Emulator.Dlms;

namespace OpenAmi.Emulator.Tests.Dlms;

/// <summary>
/// The emulated meter's HDLC window handling. IEC 62056-46: N(R) in an RR acknowledges every I-frame up to
/// N(R) − 1, so a secondary station resends from N(R), not the whole window.
/// </summary>
public class HdlcServerLinkTests
{
    private static readonly HdlcAddress Client = HdlcAddress.Client(16);

    [Fact]
    public void A_poll_with_an_old_receive_sequence_resends_from_that_frame_on()
    {
        var profile = MeterProfile.Sunbird with { Window = 3, MaxInfoLength = 32 };
        var sent = new List<byte[]>();
        // An answer of 100 bytes (+3 LLC) in frames of 32: four frames, the first window carries N(S) 0, 1, 2.
        var link = new HdlcServerLink(profile, _ => new byte[100], sent.Add);
        var proposal = new HdlcParameters { MaxInfoTransmit = 32, MaxInfoReceive = 32, WindowTransmit = 3, WindowReceive = 3 };
        var parameters = new byte[32];
        int n = proposal.Write(parameters, 0);
        link.OnFrame(Frame(profile, HdlcControl.Unnumbered(HdlcControl.Snrm, true), parameters[..n]));
        link.OnFrame(Frame(profile, HdlcControl.Information(0, 0, true), [0xE6, 0xE6, 0x00, 0xC0, 0x01, 0xC1]));
        Assert.Equal([0, 1, 2], SendSequences(sent.Skip(1)));

        sent.Clear();
        link.OnFrame(Frame(profile, HdlcControl.ReceiveReady(1, true), []));

        Assert.Equal([1, 2], SendSequences(sent));
    }

    private static HdlcFrame Frame(MeterProfile profile, byte control, byte[] info)
    {
        var bytes = new byte[HdlcCodec.MaxFrameLength + 2];
        int length = HdlcCodec.Encode(bytes, 0, profile.ServerAddress, Client, control, false, info, 0, info.Length);
        var reader = new HdlcFrameReader(0);
        reader.Append(bytes, 0, length);
        var frame = new HdlcFrame();
        Assert.True(reader.TryRead(frame) && frame.Valid);
        return frame;
    }

    private static int[] SendSequences(IEnumerable<byte[]> frames) => frames.Select(bytes =>
    {
        var reader = new HdlcFrameReader(0);
        reader.Append(bytes, 0, bytes.Length);
        var frame = new HdlcFrame();
        Assert.True(reader.TryRead(frame) && frame.Type == HdlcFrameType.I);
        return frame.SendSequence;
    }).ToArray();
}
