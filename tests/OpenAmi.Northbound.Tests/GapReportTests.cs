using System.Text;
using System.Text.Json;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Mqtt;
using OpenAmi.Northbound.Outbox;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Northbound.Tests;

/// <summary>
/// Issue 25: what eviction lost is reported as data_gap when the link returns, from a ledger eviction cannot
/// erase, and cleared only on PUBACK. Expected counts come from the test's own bookkeeping of what it emitted
/// (two meters, 15-minute envelopes, stamps built by the test).
/// </summary>
public class GapReportTests
{
    private const int Capacity = 8 * 1024;
    private const int Segment = 1024;
    private static readonly DateTime Start = new(2026, 6, 22, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Topics Topics = new("f", "g");
    private static readonly string[] Meters = ["A", "B"];

    private sealed class Info : IGatewayInfo
    {
        public string FirmwareVersion => "0.1.0";

        public long UptimeSeconds => 1;

        public int SignalDbm => -70;
    }

    private sealed class Gateway
    {
        public Gateway(MemoryFileStore store, bool connected)
        {
            Link = new FakeLink { IsConnected = connected, FailConnect = !connected };
            Outbox = new Outbox.Outbox(store, Capacity, Segment);
            Uplink = new Uplink(Link, new MqttConnectOptions { ClientId = "g" }, Topics, Outbox, 4, new ReconnectBackoff(1000, 1000, 1), new TestClock(Start.AddDays(3)), new Info());
        }

        public FakeLink Link { get; }

        public Outbox.Outbox Outbox { get; }

        public Uplink Uplink { get; }

        public void Connect()
        {
            Link.FailConnect = false;
            Uplink.Tick(long.MaxValue / 2);
        }
    }

    /// <summary>Envelopes of both meters, one pair per 15-minute slot, emitted while the link is down.</summary>
    private static int EmitOutage(Gateway gateway, int slots)
    {
        for (int slot = 0; slot < slots; slot++)
        {
            foreach (string meter in Meters)
            {
                byte[] envelope = Encoding.UTF8.GetBytes("{\"schemaVersion\":\"0.1\",\"ts\":\"" + Start.AddMinutes(15 * slot).ToString("yyyy-MM-ddTHH:mm:ssZ") + "\",\"meterSerial\":\"" + meter + "\"}");
                gateway.Uplink.Emit(Topics.Telemetry(meter), envelope, 0, envelope.Length);
            }
        }

        return slots;
    }

    private static List<(string Topic, string Payload, int PacketId, bool Duplicate, bool Retain)> Gaps(FakeLink link) =>
        link.Published.Where(p => p.Payload.Contains("\"type\":\"data_gap\"")).ToList();

    private static JsonElement Data(string payload) => JsonDocument.Parse(payload).RootElement.GetProperty("data");

    [Fact]
    public void The_reports_go_out_ahead_of_the_replay_one_at_a_time_and_leave_the_ledger_only_on_puback()
    {
        MemoryFileStore store = new();
        Gateway gateway = new(store, connected: false);
        int slots = EmitOutage(gateway, 300);
        Assert.Equal(2, gateway.Outbox.Gaps.Count);
        Assert.Empty(gateway.Link.Published);

        gateway.Connect();
        Assert.Equal("openami/v1/f/g/status", gateway.Link.Published[0].Topic);
        var first = gateway.Link.Published[1];
        Assert.Equal(Topics.GatewayEvent, first.Topic);
        Schemas.AssertValid(Schemas.Event, first.Payload);
        Assert.Single(Gaps(gateway.Link));

        // Meter A's range first (it lost the first record); the span starts at the first slot.
        JsonElement a = Data(first.Payload);
        Assert.Equal("A", a.GetProperty("meter").GetString());
        Assert.Equal("telemetry", a.GetProperty("stream").GetString());
        Assert.Equal(1, a.GetProperty("firstSeq").GetInt64());
        Assert.Equal("2026-06-22T00:00:00Z", a.GetProperty("firstTs").GetString());
        Assert.Equal(0, a.GetProperty("unconfirmed").GetInt32());

        // Not acknowledged: still in the ledger, and no second report yet while the replay proceeds.
        gateway.Link.Ack(gateway.Link.Published[2].PacketId);
        Assert.Equal(2, new Outbox.Outbox(store.Clone(), Capacity, Segment).Gaps.Count);
        gateway.Link.Ack(first.PacketId);
        Assert.Equal(1, new Outbox.Outbox(store.Clone(), Capacity, Segment).Gaps.Count);
        var second = Gaps(gateway.Link)[1];
        Assert.Equal("B", Data(second.Payload).GetProperty("meter").GetString());
        gateway.Link.Ack(second.PacketId);
        Assert.Equal(0, gateway.Outbox.Gaps.Count);

        // Drain: per meter, delivered envelopes + the reported count = envelopes emitted, and the delivered ones
        // start right after the reported span.
        for (int i = 0; i < 1000 && gateway.Outbox.Depth > 0; i++)
        {
            gateway.Link.AckAll();
            gateway.Uplink.Tick(0);
        }

        Assert.Equal(0, gateway.Outbox.Depth);
        foreach (string meter in Meters)
        {
            var report = Data(Gaps(gateway.Link).Single(g => Data(g.Payload).GetProperty("meter").GetString() == meter).Payload);
            var delivered = gateway.Link.Published.Where(p => p.Topic == Topics.Telemetry(meter)).Select(p => p.Payload).Distinct().ToList();
            Assert.Equal(slots, report.GetProperty("count").GetInt32() + delivered.Count);
            DateTime lastLost = DateTime.Parse(report.GetProperty("lastTs").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
            Assert.Contains("\"ts\":\"" + lastLost.AddMinutes(15).ToString("yyyy-MM-ddTHH:mm:ssZ") + "\"", delivered[0]);
        }
    }

    [Fact]
    public void A_reboot_between_a_report_and_its_puback_re_sends_the_same_report()
    {
        MemoryFileStore store = new();
        Gateway before = new(store, connected: false);
        EmitOutage(before, 300);
        before.Connect();
        string sent = Assert.Single(Gaps(before.Link)).Payload;

        // Power cut: nothing acknowledged. The next boot reports the same range, byte for byte, before anything else.
        Gateway after = new(store, connected: false);
        after.Connect();
        var resent = after.Link.Published[1];
        Assert.Equal(sent, resent.Payload);
        Assert.False(resent.Duplicate);
        after.Link.Ack(resent.PacketId);
        Assert.Equal(1, new Outbox.Outbox(store.Clone(), Capacity, Segment).Gaps.Count);
    }

    [Fact]
    public void After_a_reconnect_the_unacknowledged_report_is_re_sent_with_dup_and_its_packet_id()
    {
        MemoryFileStore store = new();
        Gateway gateway = new(store, connected: false);
        EmitOutage(gateway, 300);
        gateway.Connect();
        var first = Assert.Single(Gaps(gateway.Link));

        gateway.Link.Drop();
        gateway.Connect();
        var again = Gaps(gateway.Link)[1];
        Assert.Equal((first.Payload, first.PacketId, true), (again.Payload, again.PacketId, again.Duplicate));
    }
}
