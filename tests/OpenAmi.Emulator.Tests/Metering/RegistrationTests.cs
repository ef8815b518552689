using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Emulator.Dlms;
using OpenAmi.Metering.AutoProfile;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;

namespace OpenAmi.Emulator.Tests.Metering;

/// <summary>Use case I and auto-profile against emulated meters: expectations come from each meter's own object model.</summary>
public class RegistrationTests
{
    private static readonly MeterProfile Plain19 = DlmsFeeder.Plain with { Name = "plain-19", ServerLower = 19, Serial = "PL-000019", EnergyScaler = 1 };

    /// <summary>How the gateway reaches an unknown meter: public client, no security (what a scan can do).</summary>
    private static VendorProfile Probe() => ProfileReader.Load(@"{ ""id"": ""probe"", ""protocol"": ""dlms"", ""link"": { ""medium"": ""rs485"", ""baud"": 9600 },
        ""dlms"": { ""client"": 16, ""logicalDevice"": 1 }, ""items"": {} }").Profile!;

    [Fact]
    public void An_address_scan_registers_the_meters_that_answer_with_serial_firmware_and_object_count()
    {
        using var f = new DlmsFeeder(DlmsFeeder.Plain, Plain19);
        // Active firmware identifier 1-0:0.2.0*255 (IEC 62056-6-1 general purpose objects) on one meter only.
        f.Meter(Plain19).State.Model.Add(new CosemObject(CosemClass.Data, new ObisCode(1, 0, 0, 2, 0, 255)))
            .Stored(2, DataValue.FromString("PL-FW 2.4.1"));
        var sink = new RecordingSink();
        var inventory = new MeterInventory();
        var registrar = new MeterRegistrar(f.Reader, inventory, sink, new HostMonotonicClock(), null);

        var found = registrar.Scan(17, 20, Probe(), autoProfile: true);

        Assert.Equal(new[] { 18, 19 }, found.Cast<RegistrationResult>().Select(r => r.Address));
        Assert.Equal(2, inventory.Count);
        var events = sink.Events.OfType<RegistrationEvent>().ToArray();
        Assert.Equal(new[] { "PL-000018", "PL-000019" }, events.Select(e => e.MeterSerial));
        Assert.Equal(new string?[] { null, "PL-FW 2.4.1" }, events.Select(e => e.Firmware));
        Assert.Equal(new[] { f.Meter(DlmsFeeder.Plain).State.Model.Objects.Count, f.Meter(Plain19).State.Model.Objects.Count }, events.Select(e => e.ObjectCount));
        Assert.All(events, e => Assert.True(e.AutoProfiled));
        // These meters keep credit in a Register at 0-0:96.8.0 (time of operation in OBIS): no Credit object, the only gap.
        Assert.All(events, e => Assert.Equal(new[] { "0.0.19.10.0.255" }, e.Gaps));
        Assert.Equal("auto-PL-000019", inventory.FindByAddress(19)!.Profile.Id);
    }

    [Fact]
    public void Auto_profile_finds_the_vmrs_objects_reads_their_scalers_and_round_trips_through_the_validator()
    {
        using var f = new DlmsFeeder(MeterProfile.Kestrel);
        var kestrel = MeterProfile.Kestrel;
        var access = DlmsFeeder.Profile(kestrel); // addressing, HLS and keys; its items are ignored by auto-profile
        f.Reader.Declare(kestrel.ServerLower, access);

        var result = new AutoProfiler(f.Reader).Build(kestrel.ServerLower, access, "auto-kestrel");

        Assert.Equal(ReadStatus.Ok, result.Status);
        Assert.True(result.Validated.IsValid, string.Join("; ", result.Validated.Errors.Cast<ProfileError>()));
        var again = ProfileReader.Load(result.Json);
        Assert.True(again.IsValid);
        var profile = result.Profile!;
        Assert.Equal(MeterProfile.Kestrel.ServerLower, profile.DefaultAddress);
        Assert.Equal(OpenAmi.Metering.Profiles.ProfileAuthentication.High, profile.Authentication);
        Assert.Equal(SecurityPolicy.AuthenticatedEncrypted, profile.Security);
        // Scalers as the meter declares them (MeterProfile.Kestrel: energy 1, voltage -2, power -1).
        Assert.Equal((1, Units.WattHour), Scaler(profile, "1.8.0"));
        Assert.Equal((-2, Units.Volt), Scaler(profile, "32.7.0"));
        Assert.Equal((-1, Units.Watt), Scaler(profile, "1.7.0"));
        Assert.Equal((-2, Units.Hertz), Scaler(profile, "14.7.0"));
        // The serial sits at the alternate name 0-0:96.1.1*255 on this model.
        Assert.Equal("0-0:96.1.1*255", OpenAmi.Metering.Vmrs.ObisName.Format(profile.Find(OpenAmi.Metering.Vmrs.VmrsCatalogue.Find("0.0.96.1.1.255"))!.Target.LogicalName));
        // Kestrel keeps credit at the Credit logical name but as a Register (class 3), not the Credit class 112.
        var gap = Assert.Single(result.Gaps.Cast<ProfileGap>());
        Assert.Equal("0.0.19.10.0.255", gap.Item.Code);
        Assert.Equal("0-0:19.10.0*255 is class 3, VMRS expects class 112", gap.Reason);
        Assert.Equal(f.Meter(kestrel).State.Model.Objects.Count, result.ObjectCount);
        // Its Profile generic objects (docs/emulator.md): the load profile captures clock, +A, −A, voltage, power every
        // 900 s, the daily billing profile clock, +A, −A; read through the DLMS reader's capture_objects.
        Assert.Equal(new[] { "1-0:99.1.0*255 Load 1.8.0 2.8.0 1.7.0 32.7.0", "0-0:98.1.0*255 Billing 1.8.0 2.8.0" },
            profile.Profiles.Select(p => OpenAmi.Metering.Vmrs.ObisName.Format(p.LogicalName) + " " + p.Kind + " " + string.Join(" ", p.Columns.Select(c => c.Item.Code))));
    }

    [Fact]
    public void A_meter_registered_from_its_own_profile_is_polled_good()
    {
        using var f = new DlmsFeeder(DlmsFeeder.Plain);
        var sink = new RecordingSink();
        var mono = new HostMonotonicClock();
        var scheduler = new PollScheduler(new ItemReader(new QualityAssessor(new PlausibilityLimits()), mono, null), null, mono, new PollPlan(), sink);
        var registrar = new MeterRegistrar(f.Reader, new MeterInventory(), sink, mono, null) { Scheduler = scheduler };
        var result = registrar.RegisterUnknown(18, Probe());
        Assert.True(result.Registered, result.Problem);

        var sweep = scheduler.RunSweep();

        var state = f.Meter(DlmsFeeder.Plain).State;
        Assert.Equal(11, sweep.Readings); // every VMRS item but credit
        Assert.All(sink.Readings, r => Assert.Equal(ReadingQuality.Good, r.Quality));
        Assert.Equal(state.VoltageV, sink.Readings.Single(r => r.Item.Code == "32.7.0").Number, 9);
        Assert.Equal(state.BillingPeriods, sink.Readings.Single(r => r.Item.Code == "0.0.0.1.0.255").Number);
    }

    private static (int, int) Scaler(VendorProfile profile, string code)
    {
        var item = profile.Find(OpenAmi.Metering.Vmrs.VmrsCatalogue.Find(code))!;
        Assert.True(item.HasScaler);
        return (item.Scaler, item.UnitCode);
    }
}
