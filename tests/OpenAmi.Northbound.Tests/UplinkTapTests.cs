using System.Text;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Events;
using OpenAmi.Northbound.Mqtt;
using OpenAmi.Northbound.Ports;
using OpenAmi.TestSupport;

namespace OpenAmi.Northbound.Tests;

/// <summary>
/// The uplink's tap (the installer page's events, docs/installer.md): shown every payload once it is in the outbox,
/// whether the broker is reachable or not. Payloads are the test's own bytes.
/// </summary>
public sealed class UplinkTapTests
{
    private sealed class Info : IGatewayInfo
    {
        public string FirmwareVersion => "0.1.0";

        public long UptimeSeconds => 1;

        public int SignalDbm => -70;
    }

    private sealed class Recorder : IEventSink
    {
        public List<(string Topic, string Payload)> Seen { get; } = [];

        public void Emit(string topic, byte[] payload, int offset, int count) => Seen.Add((topic, Encoding.UTF8.GetString(payload, offset, count)));
    }

    [Fact]
    public void The_tap_sees_a_payload_emitted_while_the_broker_is_down_and_it_is_still_kept_for_sending()
    {
        var link = new FakeLink { IsConnected = false, FailConnect = true };
        var outbox = new Outbox.Outbox(new MemoryFileStore(), 8 * 1024, 1024);
        var uplink = new Uplink(link, new MqttConnectOptions { ClientId = "g" }, new Topics("f", "g"), outbox, 4, new ReconnectBackoff(1000, 1000, 1), new TestClock(new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc)), new Info());
        var tap = new Recorder();
        uplink.Tap = tap;

        byte[] framed = Encoding.UTF8.GetBytes("[{\"type\":\"rcm_trip\"}]");
        uplink.Emit("openami/v1/f/g/event", framed, 1, framed.Length - 2);

        Assert.Equal([("openami/v1/f/g/event", "{\"type\":\"rcm_trip\"}")], tap.Seen);
        Assert.Empty(link.Published);
        Assert.Equal(1, outbox.Depth);
    }
}
