using System.Text;
using OpenAmi.Installer.Site;

namespace OpenAmi.Installer.Tests.Site;

/// <summary>
/// The events tap over envelopes written out by hand in the shape of docs/northbound.md "Events" (header, type, data)
/// with the rcm_* data members of docs/safety.md's event table.
/// </summary>
public sealed class PublishedEventsTests
{
    private const string LineTopic = "openami/v1/feeder-7/gw-1/meter/shop/event";

    private static void Emit(PublishedEvents events, string topic, string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes("xx" + json);
        events.Emit(topic, bytes, 2, bytes.Length - 2);
    }

    [Fact]
    public void A_trip_lands_on_its_line_and_in_the_ring_newest_first()
    {
        var events = new PublishedEvents(["L1", "L2"], new EventRing(32));
        Emit(events, LineTopic, """{"schemaVersion":"0.1","ts":"2026-12-07T03:12:00Z","feederId":"feeder-7","gatewayId":"gw-1","meterSerial":"shop","type":"rcm_trip","data":{"line":"L2","channel":"firmware_dsp","cause":"dc","class":"B","magnitudeMa":7.4,"duringProbe":false,"latencyMs":38}}""");
        Emit(events, "openami/v1/feeder-7/gw-1/event", """{"schemaVersion":"0.1","ts":"2026-12-07T03:13:00.5Z","feederId":"feeder-7","gatewayId":"gw-1","type":"gateway_fault","data":{"task":"poll rs485","cause":"timeout","faults":1,"totalFaults":1}}""");

        var l2 = new LineView();
        events.Fill(1, l2);
        Assert.Equal("dc", l2.LastTripCause);
        Assert.Equal(7.4, l2.LastTripMilliamps);
        Assert.Equal(new DateTime(2026, 12, 7, 3, 12, 0, DateTimeKind.Utc), l2.LastTripUtc);
        var l1 = new LineView();
        events.Fill(0, l1);
        Assert.Null(l1.LastTripCause);

        Assert.Equal(2, events.Ring.Count);
        events.Ring.Get(0, out DateTime at, out string kind, out string detail);
        Assert.Equal(("gateway_fault", new DateTime(2026, 12, 7, 3, 13, 0, 500, DateTimeKind.Utc)), (kind, at));
        Assert.Contains("\"task\":\"poll rs485\"", detail);
        events.Ring.Get(1, out _, out kind, out detail);
        Assert.Equal("rcm_trip", kind);
        Assert.StartsWith("shop {", detail);
    }

    [Fact]
    public void Self_tests_pass_on_rcm_self_test_and_fail_on_a_self_test_fault()
    {
        var events = new PublishedEvents(["L1", "L2"], new EventRing(32));
        Emit(events, LineTopic, """{"ts":"2026-12-07T00:00:00Z","type":"rcm_self_test","data":{"line":"L1","trigger":"daily","gainMvPerMa":2.5,"offsetMa":0.1}}""");
        Emit(events, LineTopic, """{"ts":"2026-12-07T00:00:05Z","type":"rcm_fault","data":{"line":"L2","fault":"self_test_no_trip","measured":0}}""");
        Emit(events, LineTopic, """{"ts":"2026-12-07T00:00:06Z","type":"rcm_fault","data":{"line":"L1","fault":"sensor_stuck","measured":0}}""");

        var l1 = new LineView();
        events.Fill(0, l1);
        var l2 = new LineView();
        events.Fill(1, l2);

        Assert.Equal(("passed", new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc)), (l1.LastSelfTest, l1.LastSelfTestUtc));
        Assert.Equal(("failed", new DateTime(2026, 12, 7, 0, 0, 5, DateTimeKind.Utc)), (l2.LastSelfTest, l2.LastSelfTestUtc));
    }

    [Fact]
    public void Telemetry_is_not_read_and_an_unreadable_event_is_counted_not_thrown()
    {
        var events = new PublishedEvents(["L1"], new EventRing(32));
        Emit(events, "openami/v1/feeder-7/gw-1/meter/shop/telemetry", "not json at all");
        Emit(events, LineTopic, "{\"ts\":\"yesterday\",\"type\":\"rcm_trip\",\"data\":{}}");
        Emit(events, LineTopic, "{\"type\":");

        Assert.Equal(2, events.Unreadable);
        Assert.Equal(0, events.Ring.Count);
    }
}
