using System.Text;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Mqtt;
using OpenAmi.Northbound.Outbox;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Northbound.Tests;

public class PublisherTests
{
    private static Outbox.Outbox Filled(MemoryFileStore store, int count)
    {
        Outbox.Outbox outbox = new(store, 64 * 1024, 8 * 1024);
        for (int i = 1; i <= count; i++)
        {
            byte[] payload = Encoding.UTF8.GetBytes("p" + i);
            outbox.Append("t/" + i, payload, 0, payload.Length);
        }

        return outbox;
    }

    [Fact]
    public void At_most_the_window_is_in_flight_and_records_are_released_only_on_puback()
    {
        MemoryFileStore store = new();
        Outbox.Outbox outbox = Filled(store, 10);
        FakeLink link = new();
        OutboxPublisher publisher = new(outbox, link, 4);

        publisher.Pump();
        Assert.Equal(["p1", "p2", "p3", "p4"], link.Published.Select(p => p.Payload));
        Assert.Equal(0, outbox.ReleasedThrough);

        link.Ack(link.Published[1].PacketId); // out of order: nothing released yet
        Assert.Equal(0, outbox.ReleasedThrough);
        link.Ack(link.Published[0].PacketId);
        Assert.Equal(2, outbox.ReleasedThrough);

        publisher.Pump();
        Assert.Equal(["p1", "p2", "p3", "p4", "p5", "p6"], link.Published.Select(p => p.Payload));
        Assert.Equal(10 - 2, new Outbox.Outbox(store, 64 * 1024, 8 * 1024).Depth);
    }

    [Fact]
    public void After_a_reconnect_unacknowledged_publishes_are_resent_with_dup_and_the_same_id()
    {
        Outbox.Outbox outbox = Filled(new MemoryFileStore(), 5);
        FakeLink link = new();
        OutboxPublisher publisher = new(outbox, link, 3);
        publisher.Pump();
        link.Ack(link.Published[0].PacketId);
        var firstIds = link.Published.Select(p => p.PacketId).ToArray();

        link.Drop();
        publisher.Pump(); // nothing goes out while down
        Assert.Equal(3, link.Published.Count);

        link.IsConnected = true;
        publisher.Resume();
        var resent = link.Published.Skip(3).ToList();
        Assert.Equal(["p2", "p3", "p4"], resent.Select(p => p.Payload));
        Assert.Equal([true, true, false], resent.Select(p => p.Duplicate));
        Assert.Equal(firstIds[1..], resent.Take(2).Select(p => p.PacketId));
    }

    [Fact]
    public void After_a_reboot_sending_restarts_at_the_first_unreleased_record()
    {
        MemoryFileStore store = new();
        Outbox.Outbox outbox = Filled(store, 6);
        FakeLink link = new();
        OutboxPublisher publisher = new(outbox, link, 8);
        publisher.Pump();
        link.Ack(link.Published[0].PacketId);
        link.Ack(link.Published[1].PacketId);

        FakeLink afterReboot = new();
        new OutboxPublisher(new Outbox.Outbox(store, 64 * 1024, 8 * 1024), afterReboot, 8).Pump();
        Assert.Equal(["p3", "p4", "p5", "p6"], afterReboot.Published.Select(p => p.Payload));
        Assert.All(afterReboot.Published, p => Assert.False(p.Duplicate));
    }

    private sealed class Info : IGatewayInfo
    {
        public string FirmwareVersion => "0.1.0";

        public long UptimeSeconds => 42;

        public int SignalDbm => -70;
    }

    [Fact]
    public void Uplink_connects_with_backoff_sets_the_will_and_publishes_a_retained_birth()
    {
        MemoryFileStore store = new();
        Topics topics = new("f", "g");
        FakeLink link = new() { IsConnected = false, FailConnect = true };
        MqttConnectOptions options = new() { ClientId = "g" };
        Uplink uplink = new(link, options, topics, new Outbox.Outbox(store, 64 * 1024, 8 * 1024), 4,
            new ReconnectBackoff(1000, 60000, 7), new TestClock(new DateTime(2026, 1, 1)), new Info());

        Assert.Equal("openami/v1/f/g/status", options.WillTopic);
        Assert.Equal("{\"schemaVersion\":\"0.1\",\"feederId\":\"f\",\"gatewayId\":\"g\",\"state\":\"offline\"}", Encoding.UTF8.GetString(options.WillPayload));
        Assert.True(options.WillRetain);

        uplink.Tick(0);
        uplink.Tick(500); // inside the first back-off (800-1200 ms): no attempt
        Assert.Equal(1, link.Connects);
        uplink.Tick(1300);
        Assert.Equal(2, link.Connects);

        link.FailConnect = false;
        uplink.Tick(100000);
        var birth = Assert.Single(link.Published);
        Assert.Equal("openami/v1/f/g/status", birth.Topic);
        Assert.True(birth.Retain);
        Schemas.AssertValid(Schemas.Status, birth.Payload);

        byte[] telemetry = Encoding.UTF8.GetBytes("{}");
        uplink.Emit(topics.Telemetry("M1"), telemetry, 0, telemetry.Length);
        Assert.Equal(topics.Telemetry("M1"), link.Published[^1].Topic);
    }

    [Fact]
    public void Backoff_doubles_with_jitter_up_to_the_cap()
    {
        ReconnectBackoff backoff = new(1000, 8000, 1);
        int[] delays = Enumerable.Range(0, 6).Select(_ => backoff.NextDelayMs()).ToArray();
        int[] bases = [1000, 2000, 4000, 8000, 8000, 8000];
        for (int i = 0; i < delays.Length; i++)
        {
            Assert.InRange(delays[i], bases[i] * 0.8, bases[i] * 1.2);
        }

        backoff.Reset();
        Assert.InRange(backoff.NextDelayMs(), 800, 1200);
    }
}
