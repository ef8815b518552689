using OpenAmi.Dlms;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Client;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Emulator.Dlms;

namespace OpenAmi.Emulator.Tests.Dlms;

/// <summary>
/// The emulated meters' load profile (15 min) and daily billing profile, read with the library's ProfileGenericReader.
/// Expected rows are computed here from the meter's physical state and the Blue Book's selective-access rules
/// (IEC 62056-6-2 class 7: range bounds inclusive, entries and columns 1-based, 0 = the newest / the last).
/// </summary>
public class ProfileGenericTests
{
    private static readonly ObisCode LoadProfile = new(1, 0, 99, 1, 0, 255);
    private static readonly ObisCode Billing = new(0, 0, 98, 1, 0, 255);
    private static readonly ObisCode Energy = new(1, 0, 1, 8, 0, 255);
    private static readonly ObisCode Voltage = new(1, 0, 32, 7, 0, 255);
    private static readonly DateTime Start = new(2026, 1, 15, 10, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void The_load_profile_captures_every_quarter_hour_the_meter_clock_passes()
    {
        using var f = new MeterFixture(115200, MeterProfile.Sunbird);
        var state = f.Meter.State;
        state.ClockUtc = Start;
        state.EnergyImportWh = 1_000_000;
        state.PowerW = 400;
        state.RunProfiles();
        // 40 minutes later at 1 000 300 Wh: the quarters 10:45 and 11:00 are captured, each with the register at
        // that instant at the present power: 1 000 300 − 400 W × 25 min = 1 000 133.33 (→ 1 000 133), 1 000 300 − 400 × 10 min.
        state.EnergyImportWh = 1_000_300;
        state.ClockUtc = Start.AddMinutes(40);
        var client = f.Client(MeterProfile.Sunbird);
        client.Open();
        var reader = new ProfileGenericReader(client);

        var description = reader.ReadDescription(LoadProfile);
        var rows = reader.ReadRange(LoadProfile, CaptureObject.ClockTime(), CosemDateTime.FromUtc(Start.AddMinutes(1)),
            CosemDateTime.FromUtc(Start.AddMinutes(40)), null);
        client.Close();

        Assert.Equal(900u, description.CapturePeriod);
        Assert.Equal(ProfileDescription.Fifo, description.SortMethod);
        Assert.Equal(960u, description.ProfileEntries);
        Assert.Equal(960u, description.EntriesInUse); // history up to capacity when the profile started, then two more rows shifted in
        int energy = description.ColumnOf(CosemClass.Register, Energy, CosemClass.Value);
        Assert.Equal(2, rows.Count);
        Assert.Equal(Start.AddMinutes(15), Time(rows[0]));
        Assert.Equal(Start.AddMinutes(30), Time(rows[1]));
        Assert.Equal(1_000_133, rows[0][energy].AsInt64());
        Assert.Equal(1_000_233, rows[1][energy].AsInt64());
    }

    [Fact]
    public void A_stopped_clock_captures_nothing_and_no_quarter_is_captured_twice()
    {
        using var f = new MeterFixture(115200, MeterProfile.Sunbird);
        var state = f.Meter.State;
        state.ClockUtc = Start;
        state.RunProfiles();
        int before = state.LoadProfile.EntriesInUse;
        var newest = state.LoadProfile.Select(ProfileSelection.ByEntrySelector, ProfileSelection.ByEntry((uint)before, 0, 1, 1)).Value;

        state.ClockUtc = Start.AddMinutes(-30); // set back: nothing new
        state.ClockUtc = Start.AddMinutes(14);  // 10:44, the 10:30 quarter was already captured
        var after = state.LoadProfile.Select(ProfileSelection.ByEntrySelector, ProfileSelection.ByEntry(1, 0, 1, 1)).Value;

        Assert.Equal(Start, Time(newest[0]));
        Assert.Equal(Start, Time(after[after.Count - 1]));
        Assert.Equal(after.Count, Enumerable.Range(0, after.Count).Select(i => Time(after[i])).Distinct().Count());
    }

    [Fact]
    public void Entries_and_columns_select_as_the_Blue_Book_reads_them()
    {
        using var f = new MeterFixture(115200, MeterProfile.Sunbird);
        f.Meter.State.ClockUtc = Start;
        f.Meter.State.RunProfiles();
        var client = f.Client(MeterProfile.Sunbird);
        client.Open();
        var reader = new ProfileGenericReader(client);

        var middle = reader.ReadEntries(LoadProfile, 5, 10, 2, 4);   // 6 rows, columns +A, −A, voltage
        var newest = reader.ReadEntries(LoadProfile, 960, 0, 1, 0);  // the newest row, every column
        var clockAndVoltage = reader.ReadRange(LoadProfile, CaptureObject.ClockTime(), CosemDateTime.FromUtc(Start), CosemDateTime.FromUtc(Start),
            new[] { CaptureObject.ClockTime(), new CaptureObject(CosemClass.Register, Voltage, CosemClass.Value, 0) });
        var refused = Assert.Throws<DlmsAccessException>(() => reader.ReadRange(LoadProfile,
            new CaptureObject(CosemClass.Register, Energy, CosemClass.Value, 0), CosemDateTime.FromUtc(Start), CosemDateTime.FromUtc(Start), null));
        client.Close();

        Assert.Equal(6, middle.Count);
        Assert.Equal(3, middle[0].Count);
        Assert.Equal(1, newest.Count);
        Assert.Equal(Start, Time(newest[0]));
        Assert.Equal(5, newest[0].Count);
        Assert.Equal(2, clockAndVoltage[0].Count);
        Assert.Equal(2297, clockAndVoltage[0][1].AsInt64()); // 229.7 V at scaler −1
        Assert.Equal(OpenAmi.Dlms.Apdu.AccessResult.ReadWriteDenied, refused.Result);
    }

    [Fact]
    public void The_billing_profile_captures_at_midnight_meter_time()
    {
        using var f = new MeterFixture(115200, MeterProfile.Sunbird);
        var state = f.Meter.State;
        state.ClockUtc = Start;
        state.RunProfiles();
        state.EnergyImportWh = 2_000_000;
        state.PowerW = 0;
        state.ClockUtc = new DateTime(2026, 1, 16, 0, 0, 5, DateTimeKind.Utc);

        var rows = state.BillingProfile.Select(ProfileSelection.ByEntrySelector, ProfileSelection.ByEntry(60, 0, 1, 0)).Value;

        Assert.Equal(new DateTime(2026, 1, 16, 0, 0, 0, DateTimeKind.Utc), Time(rows[0]));
        Assert.Equal(2_000_000, rows[0][1].AsInt64());
        Assert.Equal(60, state.BillingProfile.EntriesInUse);
    }

    private static DateTime Time(DataValue row)
    {
        Assert.True(CosemDateTime.Parse(row[0].AsBytes()).TryToUtc(out var t));
        return t;
    }
}
