using System.Globalization;
using System.Text.Json;
using OpenAmi.Emulator.Feeder;
using OpenAmi.TestSupport;

namespace OpenAmi.Emulator.Tests.Feeder;

/// <summary>
/// The shipped meter-failure scenario (tools/scenarios/meter-failure.json on feeder-modbus.json: four Modbus meters,
/// 15-minute instantaneous interval, sweeps on the quarter hour from 06:00): mill-3 silent from 06:30 to 08:00,
/// clinic-12000004 from 07:00 to 09:00. Their telemetry intervals without a good reading are reported as data_gap
/// with the interval range (docs/northbound.md, "Events"); the other two meters report none.
/// </summary>
public class IntervalGapFeederTests
{
    [Fact]
    public void Each_silent_modbus_meter_reports_the_quarter_hours_it_left_empty()
    {
        var (scenario, config) = FeederEmulation.Load(Path.Combine(ScenarioFiles.Directory, "meter-failure.json"), null);
        var output = new StringWriter();
        FeederEmulation.Run(scenario, config, 0, new LineBrokerLink(output));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        var start = scenario.StartUtc;

        // mill-3: last good read at the 06:15 sweep (silent from the 06:30 sweep on, comms_lost at 06:30), so the first
        // empty slot is 06:30. It answers from 08:00, but its backoff skips sweeps: the sweep that finds it (its
        // comms_restored, 08:15 in this run) fills its own slot and closes the gap; 06:30..08:00 = 7 intervals.
        // clinic: last good 06:45, first empty 07:00; found again at 09:30 → 07:00..09:15 = 10 intervals.
        // The range is checked against the comms_restored the head-end also receives, and every slot in it against the
        // meter's telemetry: all comms_lost (republished last values), no good reading.
        foreach (var (meter, firstEmpty) in new[] { ("mill-3", start.AddMinutes(30)), ("clinic-12000004", start.AddMinutes(60)) })
        {
            DateTime restored = Ts(Events(lines, meter, "comms_restored").Single());
            DateTime restoredSlot = restored.AddTicks(-(restored.Ticks % (15 * TimeSpan.TicksPerMinute)));
            var gap = Events(lines, meter, "data_gap").Single();
            Schemas.AssertValid(Schemas.Event, gap.GetRawText());
            var data = gap.GetProperty("data");
            Assert.Equal("telemetry", data.GetProperty("stream").GetString());
            Assert.Equal(meter, data.GetProperty("meter").GetString());
            Assert.Equal(900, data.GetProperty("intervalS").GetInt32());
            Assert.Equal(firstEmpty, Parse(data.GetProperty("firstTs").GetString()!));
            Assert.Equal(restoredSlot.AddMinutes(-15), Parse(data.GetProperty("lastTs").GetString()!));
            Assert.Equal((int)((restoredSlot - firstEmpty).TotalMinutes / 15), data.GetProperty("count").GetInt32());
            Assert.Equal(restored, Ts(gap));
            var inGap = Telemetry(lines, meter).Where(p => Ts(p) >= firstEmpty && Ts(p) < restoredSlot).ToList();
            Assert.Equal(data.GetProperty("count").GetInt32(), inGap.Count);
            Assert.All(inGap.SelectMany(p => p.GetProperty("registers").EnumerateArray()), r => Assert.Equal("comms_lost", r.GetProperty("quality").GetString()));
        }

        Assert.Equal(7, Events(lines, "mill-3", "data_gap").Single().GetProperty("data").GetProperty("count").GetInt32());
        Assert.Equal(10, Events(lines, "clinic-12000004", "data_gap").Single().GetProperty("data").GetProperty("count").GetInt32());
        Assert.Empty(Events(lines, "head-12000001", "data_gap"));
        Assert.Empty(Events(lines, "shop-2", "data_gap"));
    }

    private static List<JsonElement> Telemetry(List<JsonElement> lines, string meter) =>
        lines.Where(l => l.GetProperty("topic").GetString() == $"openami/v1/feeder-demo-01/pole-0001/meter/{meter}/telemetry")
            .Select(l => l.GetProperty("payload")).ToList();

    private static List<JsonElement> Events(List<JsonElement> lines, string meter, string type) =>
        lines.Where(l => l.GetProperty("topic").GetString() == $"openami/v1/feeder-demo-01/pole-0001/meter/{meter}/event")
            .Select(l => l.GetProperty("payload"))
            .Where(p => p.GetProperty("type").GetString() == type)
            .ToList();

    private static DateTime Ts(JsonElement payload) => Parse(payload.GetProperty("ts").GetString()!);

    private static DateTime Parse(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
}
