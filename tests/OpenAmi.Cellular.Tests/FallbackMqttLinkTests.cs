using System.Text;
using OpenAmi.Cellular.Fallback;
using OpenAmi.Cellular.Tests.Support;
using OpenAmi.Northbound;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Mqtt;
using OpenAmi.Northbound.Outbox;

namespace OpenAmi.Cellular.Tests;

public sealed class FallbackMqttLinkTests
{
    private sealed class Rig
    {
        public FakeLink Wifi { get; } = new() { IsConnected = false };

        public FakeLink Cell { get; } = new() { IsConnected = false };

        public Health WifiHealth { get; } = new() { IsUsable = true };

        public ManualClock Clock { get; } = new();

        public Outbox Outbox { get; } = new(new MemoryFileStore(), 64 * 1024, 8 * 1024);

        public Topics Topics { get; } = new("F1", "G1");

        public FallbackMqttLink Link { get; }

        public Uplink Uplink { get; }

        public int Lost { get; private set; }

        public Rig()
        {
            Link = new FallbackMqttLink(Wifi, Cell, WifiHealth, Clock, new FallbackOptions { PrimaryStableMs = 120000, PrimaryRetryMs = 300000 });
            Link.ConnectionLost += () => Lost++;
            Uplink = new Uplink(Link, new MqttConnectOptions { ClientId = "G1" }, Topics, Outbox, 8, new ReconnectBackoff(1000, 60000, 1), new FixedClock(), new GatewayInfo());
        }

        public void Emit(string payload) => Uplink.Emit(Topics.Telemetry("M1"), Encoding.UTF8.GetBytes(payload), 0, payload.Length);

        public static string[] Telemetry(FakeLink link) => link.Published.Where(p => p.Payload.StartsWith('r')).Select(p => p.Payload + (p.Duplicate ? "*" : "")).ToArray();
    }

    [Fact]
    public void Wifi_to_cellular_to_wifi_keeps_acknowledged_state()
    {
        Rig rig = new();
        rig.Uplink.Tick(rig.Clock.NowMs);
        Assert.Equal(LinkRoute.Primary, rig.Link.Route);
        rig.Emit("r1");
        rig.Emit("r2");
        rig.Wifi.AckAll();
        rig.Emit("r3");

        // Wi-Fi goes away with r3 unacknowledged: the session moves to cellular and only r3 is re-sent (DUP).
        rig.WifiHealth.IsUsable = false;
        rig.Wifi.Drop();
        Assert.Equal(1, rig.Lost);
        rig.Clock.NowMs = 1000;
        rig.Uplink.Tick(rig.Clock.NowMs);
        Assert.Equal(LinkRoute.Secondary, rig.Link.Route);
        Assert.Equal(1, rig.Wifi.Connects);
        rig.Emit("r4");
        Assert.Equal(["r3*", "r4"], Rig.Telemetry(rig.Cell));
        rig.Cell.AckAll();
        rig.Emit("r5");

        // Wi-Fi back: nothing happens until it has been usable for the whole hysteresis window.
        rig.WifiHealth.IsUsable = true;
        rig.Clock.NowMs = 2000;
        rig.Link.Service();
        rig.Clock.NowMs = 2000 + 119999;
        rig.Link.Service();
        Assert.Equal(LinkRoute.Secondary, rig.Link.Route);
        rig.Clock.NowMs = 2000 + 120000;
        rig.Link.Service();
        Assert.Equal(LinkRoute.None, rig.Link.Route);
        Assert.Equal(1, rig.Cell.Disconnects);
        Assert.Equal(2, rig.Lost);

        rig.Uplink.Tick(rig.Clock.NowMs);
        Assert.Equal(LinkRoute.Primary, rig.Link.Route);
        rig.Emit("r6");
        Assert.Equal(["r1", "r2", "r3", "r5*", "r6"], Rig.Telemetry(rig.Wifi));
        rig.Wifi.AckAll();
        Assert.Equal(0, rig.Outbox.Depth);
    }

    [Fact]
    public void Failed_wifi_connect_is_not_retried_before_the_retry_interval()
    {
        Rig rig = new();
        rig.Wifi.FailConnect = true;
        rig.Uplink.Tick(0);
        Assert.Equal(LinkRoute.Secondary, rig.Link.Route);
        Assert.StartsWith("refused", rig.Link.LastPrimaryError);

        // Cellular drops at 10 s: Wi-Fi looks usable but failed recently, so the reconnect stays on cellular.
        rig.Cell.Drop();
        rig.Clock.NowMs = 10000;
        rig.Uplink.Tick(rig.Clock.NowMs);
        Assert.Equal(1, rig.Wifi.Connects);
        Assert.Equal(LinkRoute.Secondary, rig.Link.Route);

        // Nor does the hysteresis start before the retry interval is over.
        rig.Wifi.FailConnect = false;
        rig.Clock.NowMs = 200000;
        rig.Link.Service();
        rig.Clock.NowMs = 200000 + 120000;
        rig.Link.Service();
        Assert.Equal(LinkRoute.Secondary, rig.Link.Route);
    }

    [Fact]
    public void Losing_an_inactive_link_changes_nothing_and_both_links_down_is_an_error()
    {
        Rig rig = new();
        rig.Uplink.Tick(0);
        rig.Cell.Drop();
        Assert.Equal(0, rig.Lost);
        Assert.True(rig.Link.IsConnected);

        rig.Wifi.FailConnect = true;
        rig.Cell.FailConnect = true;
        rig.Wifi.Drop();
        Assert.ThrowsAny<NorthboundException>(() => rig.Link.Connect(new MqttConnectOptions { ClientId = "G1" }));
        Assert.False(rig.Link.IsConnected);
        Assert.ThrowsAny<NorthboundException>(() => rig.Link.Publish("t", [1], 0, 1, 1, false, 1, false));
    }

    [Fact]
    public void Messages_from_the_active_link_are_forwarded()
    {
        Rig rig = new();
        List<string> got = [];
        rig.Link.MessageReceived += (t, p, o, c) => got.Add(t + "=" + Encoding.UTF8.GetString(p, o, c));
        rig.Uplink.Tick(0);
        rig.Wifi.Deliver("a/b", [(byte)'x']);
        Assert.Equal(["a/b=x"], got);
    }

    [Fact]
    public void A_primary_failing_with_a_platform_exception_still_leaves_cellular_to_try()
    {
        // The Wi-Fi adapter's certificate parser or socket layer may throw something that is no NorthboundException;
        // the pole must still come online over cellular and remember why Wi-Fi failed.
        FakeLink cell = new() { IsConnected = false };
        FallbackMqttLink link = new(new PlatformFailingLink(), cell, new Health { IsUsable = true }, new ManualClock(), new FallbackOptions());

        link.Connect(new MqttConnectOptions { ClientId = "G1" });

        Assert.Equal(LinkRoute.Secondary, link.Route);
        Assert.True(link.IsConnected);
        Assert.Equal("certificate parse failed", link.LastPrimaryError);
    }

    private sealed class PlatformFailingLink : IMqttLink
    {
        public bool IsConnected => false;

        public event MqttMessageHandler? MessageReceived { add { } remove { } }

        public event MqttAckHandler? PublishAcknowledged { add { } remove { } }

        public event MqttLinkHandler? ConnectionLost { add { } remove { } }

        public void Connect(MqttConnectOptions options) => throw new ArgumentException("certificate parse failed");

        public void Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, int packetId, bool duplicate) =>
            throw new NorthboundException("not connected");

        public void Subscribe(string topicFilter, int qos) => throw new NorthboundException("not connected");

        public void Disconnect()
        {
        }
    }
}
