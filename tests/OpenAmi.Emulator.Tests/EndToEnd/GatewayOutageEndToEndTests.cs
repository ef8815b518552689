using OpenAmi.Metering.Profiles;

namespace OpenAmi.Emulator.Tests.EndToEnd;

/// <summary>
/// Issue 17's scenario end to end (tools/scenarios/gateway-outage.json over a real mosquitto, the independent
/// subscriber's record): 06:00–14:00 on the mixed feeder, shop-2 silent 07:00–08:00, the pole without power
/// 10:00–12:00 while the meters run on. What the head-end must hold is reckoned from the scenario file and the rules
/// of docs/metering.md ("Gap-free telemetry") alone, not from the gateway.
/// </summary>
public class GatewayOutageEndToEndTests
{
    private const int SlotS = 900;

    [Fact]
    public void Every_dlms_meter_has_one_interval_envelope_for_every_slot_of_the_run_oldest_first()
    {
        var run = BrokerScenarioRun.Of("gateway-outage");

        // The gateway first sees each meter just after 06:00 (a new gateway: its mark starts at the 06:00 boundary, so
        // nothing before is owed). Every slot that closes before the run's end is owed: the intervals captured at
        // 06:15, 06:30, … 13:45, 31 per meter — across shop-2's silent hour and the two hours without power, whose
        // intervals only the meters' load profiles hold. The one closing at 14:00 is captured at the end instant.
        var owed = Enumerable.Range(1, (28800 / SlotS) - 1).Select(k => run.StartUtc.AddSeconds(k * SlotS)).ToList();
        var dlms = run.Config.Meters.Where(m => m.Protocol == MeterProtocol.Dlms).Select(m => m.Id).ToList();
        Assert.Equal(["head-12000001", "shop-2", "clinic-12000004", "kiosk-6"], dlms);

        var intervals = run.FirstArrivals("telemetry").Where(BrokerScenarioRun.IsInterval).ToList();
        foreach (string meter in dlms)
        {
            // Arrival order is capture order (oldest first) and each slot comes once: 0 missing, 0 duplicated.
            var times = intervals.Where(m => m.Meter == meter).Select(m => m.Ts).ToList();
            Assert.True(owed.SequenceEqual(times), $"{meter}: missing {string.Join(", ", owed.Except(times).Select(t => t.ToString("HH:mm")))}; got {string.Join(", ", times.Select(t => t.ToString("HH:mm")))}");
            Assert.All(intervals.Where(m => m.Meter == meter).SelectMany(m => m.Json.GetProperty("registers").EnumerateArray()), r => Assert.Equal("good", r.GetProperty("quality").GetString()));
        }

        // The gateway built no interval twice (a repeat would carry the same payload and hide among the first arrivals).
        Assert.Equal(dlms.Count * owed.Count, run.Summary.IntervalEnvelopesBuilt);
        Assert.DoesNotContain(intervals, m => !dlms.Contains(m.Meter!));
    }

    [Fact]
    public void The_modbus_meters_report_the_quarter_hours_without_power_as_their_data_gap()
    {
        var run = BrokerScenarioRun.Of("gateway-outage");

        // mill-3 and pump-5 keep no load profile. Their last good reading before the cut is the 09:45 sweep (the cut
        // comes at 10:00, before that sweep), the next the first sweep of the boot at 12:00: the empty slots are 10:00,
        // 10:15, … 11:45 — 8 of 900 s — reported once, stamped at the 12:00 reading. The DLMS meters report none.
        foreach (string meter in new[] { "mill-3", "pump-5" })
        {
            var gap = run.Events("data_gap").Where(m => m.Meter == meter).Single();
            var data = gap.Json.GetProperty("data");
            Assert.Equal("telemetry", data.GetProperty("stream").GetString());
            Assert.Equal(900, data.GetProperty("intervalS").GetInt32());
            Assert.Equal(run.StartUtc.AddHours(4), DateTime.Parse(data.GetProperty("firstTs").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal));
            Assert.Equal(run.StartUtc.AddHours(5.75), DateTime.Parse(data.GetProperty("lastTs").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal));
            Assert.Equal(8, data.GetProperty("count").GetInt32());
            Assert.InRange(gap.Ts, run.StartUtc.AddHours(6), run.StartUtc.AddHours(6).AddSeconds(SlotS));
        }

        Assert.Equal(2, run.Events("data_gap").Count());
    }
}
