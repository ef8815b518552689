using OpenAmi.Emulator.Mqtt;
using OpenAmi.Northbound;

namespace OpenAmi.Emulator.Tests.Mqtt;

/// <summary>
/// Issue 18 D10: the host client read a packet's claimed remaining length (MQTT 3.1.1 §2.2.3, up to 268,435,455)
/// into one array before reading a byte of it: 256 MiB from 10 bytes.
/// </summary>
public class HostMqttPacketReadTests
{
    private static long AllocatedBy(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void A_claimed_length_beyond_the_bound_is_refused_before_allocating_it()
    {
        // PUBLISH (0x30), remaining length FF FF FF 7F = 268,435,455 (the largest, §2.2.3 table 2.4), then 5 bytes.
        var stream = new MemoryStream([0x30, 0xFF, 0xFF, 0xFF, 0x7F, 0x00, 0x01, (byte)'t', (byte)'x', (byte)'y']);
        NorthboundException? error = null;
        long allocated = AllocatedBy(() => error = Assert.Throws<NorthboundException>(() => HostMqttClient.ReadPacket(stream)));
        Assert.Contains("268435455 bytes", error!.Message);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_claimed_length_within_the_bound_costs_memory_only_as_its_bytes_arrive()
    {
        // Remaining length 200,000 (C0 9A 0C), but the connection ends after 3 bytes of body.
        var stream = new MemoryStream([0x30, 0xC0, 0x9A, 0x0C, 0x00, 0x01, (byte)'t']);
        NorthboundException? error = null;
        long allocated = AllocatedBy(() => error = Assert.Throws<NorthboundException>(() => HostMqttClient.ReadPacket(stream)));
        Assert.Equal("connection closed inside a packet", error!.Message);
        Assert.True(allocated < 16 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_packet_longer_than_the_first_chunk_arrives_whole()
    {
        // PUBLISH QoS 0 with topic "t" and a 10,000-byte payload: remaining length 3 + 10,000 = 10,003 (93 4E).
        byte[] payload = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();
        var stream = new MemoryStream([0x30, 0x93, 0x4E, 0x00, 0x01, (byte)'t', .. payload]);
        var packet = HostMqttClient.ReadPacket(stream)!.Value;
        Assert.Equal(3, packet.type);
        Assert.Equal(10_003, packet.body.Length);
        Assert.Equal(payload, packet.body[3..]);
    }
}
