using OpenAmi.Metering.Data;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Tests.Support;
using OpenAmi.Metering.Theft;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Tests.Theft;

public class TheftMonitorTests
{
    private readonly RecordingSink _sink = new();
    private readonly TheftMonitor _monitor;
    private readonly VendorProfile _profile = ProfileReader.Load("""
        { "id": "t", "protocol": "dlms", "link": { "medium": "rs485" }, "importOnly": true,
          "items": { "1.8.0": {}, "2.8.0": {}, "1.7.0": {}, "32.7.0": {}, "96.5.0": {} },
          "statusBits": [ { "bit": 0, "name": "cover_open", "tamper": true }, { "bit": 1, "name": "magnetic_field", "tamper": true },
                          { "bit": 2, "name": "low_battery", "tamper": false } ] }
        """).Profile!;

    public TheftMonitorTests() => _monitor = new TheftMonitor(_sink, new TheftOptions { LossAllowancePercent = 8 });

    private MeterRecord Meter(int address, MeterRole role = MeterRole.Customer) =>
        new(new FakeCosemMeters(), address, _profile) { Serial = "M" + address, Role = role };

    private void Feed(MeterRecord meter, string code, double value, long ms) => _monitor.OnReading(new Reading
    {
        Meter = meter, Item = VmrsCatalogue.Find(code)!, ValueKind = ReadingValueKind.Number, Number = value,
        Quality = ReadingQuality.Good, MonotonicMs = ms,
    });

    [Fact]
    public void Head_against_customers_beyond_the_allowance_raises_energy_imbalance_with_kwh_and_percent()
    {
        var head = Meter(1, MeterRole.FeederHead);
        var a = Meter(2);
        var b = Meter(3);
        // One hour: head 10 kWh, customers 4 + 4.5 = 8.5 kWh → 1.5 kWh (15 %) unaccounted, allowance 8 %.
        Feed(head, "1.8.0", 100, 0); Feed(head, "1.8.0", 110, 3600_000);
        Feed(a, "1.8.0", 50, 0); Feed(a, "1.8.0", 54, 3600_000);
        Feed(b, "1.8.0", 20, 0); Feed(b, "1.8.0", 24.5, 3600_000);
        var result = _monitor.CloseWindow(3600_000, 3600_000);

        Assert.True(result.Evaluated);
        var e = _sink.Events.OfType<EnergyImbalanceEvent>().Single();
        Assert.Equal(10, e.HeadKWh, 9);
        Assert.Equal(8.5, e.CustomersKWh, 9);
        Assert.Equal(1.5, e.ImbalanceKWh, 9);
        Assert.Equal(15, e.ImbalancePercent, 9);
        Assert.Equal("M1", e.MeterSerial);
    }

    [Fact]
    public void Within_the_allowance_no_event_and_a_missing_meter_gives_no_verdict()
    {
        var head = Meter(1, MeterRole.FeederHead);
        var a = Meter(2);
        Feed(head, "1.8.0", 100, 0); Feed(head, "1.8.0", 110, 3600_000);
        Feed(a, "1.8.0", 50, 0); Feed(a, "1.8.0", 59.5, 3600_000); // 5 % loss
        Assert.False(_monitor.CloseWindow(3600_000, 3600_000).Imbalanced);

        Feed(head, "1.8.0", 120, 7200_000); // customer silent this window
        var second = _monitor.CloseWindow(7200_000, 3600_000);
        Assert.False(second.Evaluated);
        Assert.Equal(1, second.MissingMeters);
        Assert.Empty(_sink.Events);
    }

    [Fact]
    public void Readings_at_different_moments_are_scaled_to_the_window()
    {
        var head = Meter(1, MeterRole.FeederHead);
        var a = Meter(2);
        Feed(head, "1.8.0", 100, 0); Feed(head, "1.8.0", 110, 3600_000);
        Feed(a, "1.8.0", 50, 0); Feed(a, "1.8.0", 54.75, 1800_000); // 4.75 kWh in half an hour = 9.5 kWh/h
        var result = _monitor.CloseWindow(3600_000, 3600_000);
        Assert.Equal(9.5, result.CustomersKWh, 9);
        Assert.False(result.Imbalanced);
    }

    [Fact]
    public void Named_tamper_flags_are_raised_once_when_they_appear()
    {
        var meter = Meter(2);
        Feed(meter, "96.5.0", 0b100, 0);    // low battery: not a tamper bit
        Feed(meter, "96.5.0", 0b011, 1000); // cover open + magnetic field
        Feed(meter, "96.5.0", 0b011, 2000); // still set: no repeat
        var tamper = _sink.Events.OfType<TamperEvent>().Single();
        Assert.Equal(new[] { "cover_open", "magnetic_field" }, tamper.Flags);
        Assert.Equal(3, tamper.RawStatus);
    }

    [Fact]
    public void Zero_consumption_with_voltage_present_after_a_normal_window()
    {
        var meter = Meter(2);
        Feed(meter, "1.8.0", 10, 0); Feed(meter, "1.8.0", 11, 3600_000);
        _monitor.CloseWindow(3600_000, 3600_000);
        Feed(meter, "32.7.0", 229, 5400_000);
        Feed(meter, "1.8.0", 11, 7200_000);
        _monitor.CloseWindow(7200_000, 3600_000);
        var zero = _sink.Events.OfType<TheftSuspicionEvent>().Single();
        Assert.Equal(MeteringEventKind.ZeroConsumption, zero.Kind);
        Assert.Equal(1, zero.PreviousKWh, 9);
        Assert.Equal(229, zero.VoltageV);
    }

    [Fact]
    public void Reverse_energy_on_an_import_only_meter()
    {
        var meter = Meter(2);
        Feed(meter, "2.8.0", 0, 0);
        Feed(meter, "2.8.0", 0.2, 900_000);
        Feed(meter, "1.7.0", -500, 900_000); // same window: one event
        var reverse = _sink.Events.OfType<TheftSuspicionEvent>().Single();
        Assert.Equal(MeteringEventKind.ReverseEnergy, reverse.Kind);
        Assert.Equal(0.2, reverse.EnergyKWh, 9);
    }

    [Fact]
    public void Reverse_energy_is_not_checked_on_a_meter_whose_import_register_also_counts_export()
    {
        // CHINT DDSU666 manual ZTY0.464.922: the base meter's 4000H adds reverse energy into forward, so a reversed
        // meter cannot be told from a consuming one there; the bidirectional layout keeps the directions apart.
        var model = ProfileReader.Load(BuiltInProfiles.ChintDdsu666.Replace("\"address\": 1,", "\"address\": 1, \"importOnly\": true,")).Profile!;
        var summing = new MeterRecord(new FakeCosemMeters(), 3, model.WithVariant(model.Variants.Single(v => v.Id == "base"))) { Serial = "M3" };
        var separate = new MeterRecord(new FakeCosemMeters(), 4, model.WithVariant(model.Variants.Single(v => v.Id == "bidirectional"))) { Serial = "M4" };

        Feed(summing, "1.7.0", -500, 0);
        Feed(separate, "1.7.0", -500, 0);

        var reverse = Assert.Single(_sink.Events.OfType<TheftSuspicionEvent>());
        Assert.Equal(4, reverse.MeterAddress);
    }
}
