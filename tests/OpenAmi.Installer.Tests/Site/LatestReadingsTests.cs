using OpenAmi.Installer.Site;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Installer.Tests.Site;

/// <summary>
/// The readings tap: values are the ones handed in (written out here), units and names those of docs/vmrs.md's catalogue
/// (1.8.0 "active energy import", kWh; 32.7.0 voltage L1, V).
/// </summary>
public sealed class LatestReadingsTests
{
    private static readonly DateTime At = new(2026, 12, 7, 10, 15, 0, DateTimeKind.Utc);

    private static MeterRecord Meter(string id) => new(null!, 1, BuiltInProfiles.Load("eastron-sdm120")) { Serial = id };

    private static Reading Number(MeterRecord meter, string code, double value, ReadingQuality quality, DateTime at) => new()
    {
        Meter = meter,
        Item = VmrsCatalogue.Find(code),
        ValueKind = ReadingValueKind.Number,
        Number = value,
        Quality = quality,
        UtcTicks = at.Ticks,
    };

    [Fact]
    public void The_last_value_of_each_register_is_shown_in_vmrs_order_with_unit_and_quality()
    {
        var readings = new LatestReadings(["shop", "mill-3"]);
        var shop = Meter("shop");
        readings.OnReading(Number(shop, "32.7.0", 229.8, ReadingQuality.Good, At));
        readings.OnReading(Number(shop, "1.8.0", 1520.25, ReadingQuality.Good, At));
        readings.OnReading(Number(shop, "1.8.0", 1520.5, ReadingQuality.Suspect, At.AddMinutes(15)));

        var view = new MeterView();
        readings.Fill("shop", view);

        var registers = view.Registers.Cast<RegisterView>().ToList();
        Assert.Equal(["1.8.0", "32.7.0"], registers.Select(r => r.Code));
        Assert.Equal(1520.5, registers[0].Value);
        Assert.Equal("kWh", registers[0].Unit);
        Assert.Equal("suspect", registers[0].Quality);
        Assert.Equal(At.AddMinutes(15), registers[0].ReadUtc);
        Assert.Equal(229.8, registers[1].Value);
        Assert.Equal("V", registers[1].Unit);
        Assert.Equal(At.AddMinutes(15), view.LastReadUtc);

        var mill = new MeterView();
        readings.Fill("mill-3", mill);
        Assert.Empty(mill.Registers);
        Assert.Equal(DateTime.MinValue, mill.LastReadUtc);
    }

    [Fact]
    public void A_reading_without_value_or_of_an_unconfigured_meter_changes_nothing()
    {
        var readings = new LatestReadings(["shop"]);
        readings.OnReading(Number(Meter("shop"), "1.8.0", 7.5, ReadingQuality.Good, At));
        readings.OnReading(new Reading { Meter = Meter("shop"), Item = VmrsCatalogue.Find("1.8.0"), ValueKind = ReadingValueKind.None, Quality = ReadingQuality.CommsLost });
        readings.OnReading(Number(Meter("address-9"), "1.8.0", 99, ReadingQuality.Good, At));

        var view = new MeterView();
        readings.Fill("shop", view);

        var only = Assert.IsType<RegisterView>(Assert.Single(view.Registers.Cast<object>()));
        Assert.Equal(7.5, only.Value);
        Assert.Equal("good", only.Quality);
    }

    [Fact]
    public void A_text_register_keeps_its_text_and_no_number()
    {
        var readings = new LatestReadings(["shop"]);
        readings.OnReading(new Reading { Meter = Meter("shop"), Item = VmrsCatalogue.Find(VmrsCatalogue.Clock), ValueKind = ReadingValueKind.Text, Text = "2026-12-07T10:15:02Z", Quality = ReadingQuality.Good, UtcTicks = At.Ticks });

        var view = new MeterView();
        readings.Fill("shop", view);

        var clock = (RegisterView)view.Registers[0]!;
        Assert.Equal("2026-12-07T10:15:02Z", clock.Text);
        Assert.True(double.IsNaN(clock.Value));
    }
}
